#include "synth/util/input.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace synth::util {

namespace {
[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what)
{
  throw std::runtime_error(fmt::format("{}: {}", path.string(), what));
}
} // namespace

InputStream::InputStream(const std::filesystem::path& path) : m_path(path)
{
  if (std::filesystem::is_directory(path)) {
    fail(path, "is a directory");
  }
  errno = 0;
  m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0) {
    fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  unsigned char magic[2] = {0, 0};
  if (::pread(m_fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    gzFile gz = gzdopen(m_fd, "rb");
    if (!gz) {
      ::close(m_fd);
      m_fd = -1;
      fail(path, "cannot open: out of memory");
    }
    m_fd = -1; // zlib owns it now
    gzbuffer(gz, 256 * 1024);
    m_gz = gz;
  }
}

InputStream::~InputStream()
{
  if (m_gz) {
    gzclose(static_cast<gzFile>(m_gz));
  }
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

std::size_t InputStream::read(char* buffer, std::size_t n)
{
  if (m_fd >= 0) {
    for (;;) {
      auto got = ::read(m_fd, buffer, n);
      if (got < 0 && errno == EINTR) {
        continue;
      }
      if (got < 0) {
        fail(m_path, fmt::format("cannot read: {}", std::strerror(errno)));
      }
      m_hash.update(std::string_view(buffer, static_cast<std::size_t>(got)));
      return static_cast<std::size_t>(got);
    }
  }
  int got = gzread(static_cast<gzFile>(m_gz), buffer, static_cast<unsigned>(n));
  if (got < 0) {
    int errnum = 0;
    const char* msg = gzerror(static_cast<gzFile>(m_gz), &errnum);
    fail(m_path, fmt::format("cannot read: {}", msg ? msg : "error"));
  }
  if (got == 0) {
    int errnum = 0;
    gzerror(static_cast<gzFile>(m_gz), &errnum);
    if (errnum == Z_BUF_ERROR) {
      fail(m_path, "truncated gzip data");
    }
  }
  m_hash.update(std::string_view(buffer, static_cast<std::size_t>(got)));
  return static_cast<std::size_t>(got);
}

std::string InputStream::hash() const
{
  return m_hash.hex();
}

std::string read_file(const std::filesystem::path& path)
{
  std::string hash;
  return read_file(path, hash);
}

std::string read_file(const std::filesystem::path& path, std::string& hash)
{
  InputStream in(path);
  std::string data;
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (!ec) {
    data.reserve(size + 1);
  }
  // A megabyte at a time, straight into the string (no copy through a buffer).
  constexpr std::size_t k_step = 1 << 20;
  data.reserve(data.capacity() + k_step);
  for (;;) {
    std::size_t have = data.size();
    if (data.capacity() < have + k_step) {
      data.reserve(2 * (have + k_step));
    }
    data.resize(have + k_step);
    auto n = in.read(data.data() + have, k_step);
    data.resize(have + n);
    if (n == 0) {
      break;
    }
  }
  hash = in.hash();
  return data;
}

FileText::FileText(const std::filesystem::path& path)
{
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  struct stat st {};
  unsigned char magic[2] = {0, 0};
  bool gz = ::pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (!gz && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
      m_map = map;
      m_size = static_cast<std::size_t>(st.st_size);
    }
  }
  ::close(fd);
  if (m_map) {
    m_hash = content_hash(text());
  } else {
    m_data = read_file(path, m_hash);
  }
}

FileText::~FileText()
{
  if (m_map) {
    ::munmap(m_map, m_size);
  }
}

std::string read_head(const std::filesystem::path& path, std::size_t n)
{
  InputStream in(path);
  std::string data(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    auto k = in.read(data.data() + got, n - got);
    if (k == 0) {
      break;
    }
    got += k;
  }
  data.resize(got);
  return data;
}

std::string content_hash(std::string_view data)
{
  Hasher h;
  h.update(data);
  return h.hex();
}

std::string_view strip_bom(std::string_view s)
{
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF
      && static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF) {
    s.remove_prefix(3);
  }
  return s;
}

LineReader::LineReader(std::string_view text) : m_text(strip_bom(text))
{
}

bool LineReader::next(std::string_view& line)
{
  if (m_pos >= m_text.size()) {
    return false;
  }
  std::size_t start = m_pos;
  std::size_t i = start;
  // Line ends are found eight bytes at a time: a byte below 0x0E is rare in text and
  // includes \n and \r.
  const char* data = m_text.data();
  const std::size_t size = m_text.size();
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  while (i + 8 <= size) {
    std::uint64_t w;
    std::memcpy(&w, data + i, 8);
    if (((w - k_ones * 0x0E) & ~w & k_highs) != 0) {
      break; // some byte < 0x0E here
    }
    i += 8;
  }
  while (i < size && data[i] != '\n' && data[i] != '\r') {
    ++i;
  }
  line = m_text.substr(start, i - start);
  if (i < m_text.size()) {
    if (m_text[i] == '\r' && i + 1 < m_text.size() && m_text[i + 1] == '\n') {
      i += 2;
    } else {
      i += 1;
    }
  }
  m_pos = i;
  ++m_line;
  return true;
}

} // namespace synth::util
