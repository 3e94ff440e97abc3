#include "synth/util/input.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

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
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) {
    fail(path, fmt::format("cannot open: {}", errno ? std::strerror(errno) : "unknown error"));
  }
  gzbuffer(gz, 256 * 1024);
  m_gz = gz;
}

InputStream::~InputStream()
{
  if (m_gz) {
    gzclose(static_cast<gzFile>(m_gz));
  }
}

std::size_t InputStream::read(char* buffer, std::size_t n)
{
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
  char buffer[1 << 16];
  for (;;) {
    auto n = in.read(buffer, sizeof buffer);
    if (n == 0) {
      break;
    }
    data.append(buffer, n);
  }
  hash = in.hash();
  return data;
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
