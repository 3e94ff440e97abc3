#include "synth/util/input.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace synth::util {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, std::string hint = {})
{
  throw InputError(fmt::format("{}: {}", path == "-" ? std::string("stdin") : path.string(), what), std::move(hint));
}

std::string megabytes(std::uint64_t bytes)
{
  if (bytes < (1U << 20)) {
    return fmt::format("{:.0f} kB", static_cast<double>(bytes) / 1024);
  }
  return fmt::format("{:.0f} MB", static_cast<double>(bytes) / (1 << 20));
}

constexpr std::size_t k_raw_block = std::size_t{256} * 1024;

} // namespace

struct InputStream::Gzip
{
  z_stream z{};
  std::unique_ptr<unsigned char[]> in{new unsigned char[k_raw_block]};
  bool member_done = false;   // the last member ended (Z_STREAM_END)
  bool finished = false;      // no more members
  std::uint64_t consumed = 0; // compressed bytes inflate has taken

  Gzip()
  {
    // 15 + 16: a window of 32 KiB, gzip header and trailer (not zlib or raw deflate).
    if (inflateInit2(&z, 15 + 16) != Z_OK) {
      throw std::bad_alloc();
    }
  }
  ~Gzip() { inflateEnd(&z); }
};

InputStream::InputStream(const std::filesystem::path& path) : m_path(path)
{
  if (path == "-") {
    m_fd = STDIN_FILENO;
    m_own_fd = false;
  } else {
    errno = 0;
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
      fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
    }
  }
  struct stat st
  {
  };
  if (::fstat(m_fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (m_own_fd) {
        ::close(m_fd);
      }
      m_fd = -1;
      fail(path, "is a directory");
    }
    m_regular = S_ISREG(st.st_mode) && m_own_fd; // stdin is read once, whatever it is
  }
  // Two bytes tell gzip (1f 8b) from anything else; a pipe may give them one at a time.
  m_head.resize(2);
  std::size_t got = 0;
  while (got < 2) {
    auto n = read_raw(m_head.data() + got, 2 - got);
    if (n == 0) {
      break;
    }
    got += n;
  }
  m_head.resize(got);
  if (got == 2 && static_cast<unsigned char>(m_head[0]) == 0x1f && static_cast<unsigned char>(m_head[1]) == 0x8b) {
    m_gzip = true;
    m_z = std::make_unique<Gzip>();
  }
}

InputStream::~InputStream()
{
  if (m_fd >= 0 && m_own_fd) {
    ::close(m_fd);
  }
}

std::size_t InputStream::read_raw(char* buffer, std::size_t n)
{
  if (m_raw_eof) {
    return 0;
  }
  for (;;) {
    auto got = ::read(m_fd, buffer, n);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      fail(m_path, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    if (got == 0) {
      m_raw_eof = true;
    }
    m_in_bytes += static_cast<std::uint64_t>(got);
    return static_cast<std::size_t>(got);
  }
}

std::size_t InputStream::inflate_into(char* buffer, std::size_t n)
{
  Gzip& g = *m_z;
  if (g.finished) {
    return 0;
  }
  g.z.next_out = reinterpret_cast<unsigned char*>(buffer);
  g.z.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1U << 30));
  while (g.z.avail_out > 0) {
    if (g.z.avail_in == 0) {
      std::size_t got = 0;
      if (m_head_pos < m_head.size()) {
        got = m_head.size() - m_head_pos;
        std::memcpy(g.in.get(), m_head.data() + m_head_pos, got);
        m_head_pos = m_head.size();
      } else {
        got = read_raw(reinterpret_cast<char*>(g.in.get()), k_raw_block);
      }
      if (got == 0) {
        if (!g.member_done) {
          fail(m_path, "truncated gzip data (the file ends inside the compressed stream)",
               "the download or copy was cut short: fetch the file again");
        }
        g.finished = true;
        break;
      }
      g.z.next_in = g.in.get();
      g.z.avail_in = static_cast<uInt>(got);
    }
    if (g.member_done) {
      // Another gzip member may follow (concatenated files); anything else is trailing
      // padding, ignored as gzip(1) and zlib's gzread ignore it.
      if (g.z.avail_in >= 2 && g.z.next_in[0] == 0x1f && g.z.next_in[1] == 0x8b) {
        inflateReset(&g.z);
        g.member_done = false;
      } else if (g.z.avail_in == 1 && g.z.next_in[0] == 0x1f && !m_raw_eof) {
        // One byte of a possible next header: wait for the next.
        unsigned char first = g.z.next_in[0];
        g.in[0] = first;
        auto more = read_raw(reinterpret_cast<char*>(g.in.get()) + 1, k_raw_block - 1);
        g.z.next_in = g.in.get();
        g.z.avail_in = static_cast<uInt>(1 + more);
        continue;
      } else {
        g.finished = true;
        break;
      }
    }
    const uInt before = g.z.avail_in;
    int rc = inflate(&g.z, Z_NO_FLUSH);
    g.consumed += before - g.z.avail_in;
    if (rc == Z_STREAM_END) {
      g.member_done = true;
      continue;
    }
    if (rc == Z_BUF_ERROR) {
      continue; // needs more input
    }
    if (rc != Z_OK) {
      fail(m_path, fmt::format("damaged gzip data ({})", g.z.msg ? g.z.msg : "inflate error"),
           "the file is not a valid gzip file: fetch it again, or check it with `gzip -t`");
    }
  }
  const std::size_t out = n - g.z.avail_out;
  m_out_bytes += out;
  if (m_out_bytes > k_max_gzip_bytes) {
    fail(m_path, fmt::format("gzip data expands beyond {} (the limit of synth); stopped", megabytes(k_max_gzip_bytes)),
         "no export is that large: check the file; split a real one into several files");
  }
  if (m_out_bytes > k_gzip_ratio_floor && m_out_bytes > k_max_gzip_ratio * std::max<std::uint64_t>(g.consumed, 1)) {
    fail(m_path,
         fmt::format("gzip data expands more than {} times ({} from {} of compressed data); stopped", k_max_gzip_ratio,
                     megabytes(m_out_bytes), megabytes(g.consumed)),
         "exports compress 3 to 10 times; this one looks like a decompression bomb, not an export");
  }
  return out;
}

std::string_view InputStream::peek(std::size_t n)
{
  while (m_peeked.size() - m_peek_pos < n) {
    std::size_t have = m_peeked.size();
    m_peeked.resize(have + (n - (have - m_peek_pos)));
    std::size_t got = decoded(m_peeked.data() + have, m_peeked.size() - have);
    m_peeked.resize(have + got);
    if (got == 0) {
      break;
    }
  }
  return std::string_view(m_peeked).substr(m_peek_pos, n);
}

std::size_t InputStream::read(char* buffer, std::size_t n)
{
  if (n == 0) {
    return 0;
  }
  if (m_peek_pos < m_peeked.size()) {
    std::size_t k = std::min(n, m_peeked.size() - m_peek_pos);
    std::memcpy(buffer, m_peeked.data() + m_peek_pos, k);
    m_peek_pos += k;
    if (m_peek_pos == m_peeked.size()) {
      m_peeked.clear();
      m_peek_pos = 0;
    }
    return k;
  }
  return decoded(buffer, n);
}

std::size_t InputStream::decoded(char* buffer, std::size_t n)
{
  std::size_t got = 0;
  if (m_gzip) {
    got = inflate_into(buffer, n);
  } else if (m_head_pos < m_head.size()) {
    got = std::min(n, m_head.size() - m_head_pos);
    std::memcpy(buffer, m_head.data() + m_head_pos, got);
    m_head_pos += got;
    if (got < n) {
      got += read_raw(buffer + got, n - got); // callers expect full blocks from a file
    }
  } else {
    got = read_raw(buffer, n);
  }
  m_hash.update(std::string_view(buffer, got));
  return got;
}

std::string InputStream::hash() const { return m_hash.hex(); }

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes)
{
  std::string hash;
  return read_file(path, hash, max_bytes);
}

std::string read_file(const std::filesystem::path& path, std::string& hash, std::size_t max_bytes)
{
  InputStream in(path);
  std::string data;
  std::error_code ec;
  if (in.plain_file()) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size <= max_bytes) {
      data.reserve(size + 1);
    }
  }
  // A megabyte at a time, straight into the string (no copy through a buffer).
  constexpr std::size_t k_step = 1 << 20;
  for (;;) {
    std::size_t have = data.size();
    if (have > max_bytes) {
      fail(path, fmt::format("larger than {}, more than synth reads at once", megabytes(max_bytes)));
    }
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

std::string read_head(const std::filesystem::path& path, std::size_t n)
{
  InputStream in(path);
  return std::string(in.peek(n));
}

std::string content_hash(std::string_view data)
{
  Hasher h;
  h.update(data);
  return h.hex();
}

std::string content_hash_of(const std::filesystem::path& path)
{
  InputStream in(path);
  std::string block(1 << 20, '\0');
  while (in.read(block.data(), block.size()) > 0) {
  }
  return in.hash();
}

std::string_view strip_bom(std::string_view s)
{
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB
      && static_cast<unsigned char>(s[2]) == 0xBF) {
    s.remove_prefix(3);
  }
  return s;
}

std::size_t count_line_ends(std::string_view text)
{
  std::size_t n = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    // Most text has \n line ends: find them with memchr, then look for lone \r between.
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* stop = nl ? static_cast<const char*>(nl) : end;
    const void* cr = std::memchr(p, '\r', static_cast<std::size_t>(stop - p));
    while (cr) {
      const char* c = static_cast<const char*>(cr);
      if (c + 1 != stop || !nl) {
        ++n; // a lone \r (a \r right before the \n is part of \r\n)
      }
      cr = c + 1 < stop ? std::memchr(c + 1, '\r', static_cast<std::size_t>(stop - c - 1)) : nullptr;
    }
    if (!nl) {
      break;
    }
    ++n;
    p = stop + 1;
  }
  return n;
}

LineReader::LineReader(std::string_view text) : m_text(strip_bom(text)) {}

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
