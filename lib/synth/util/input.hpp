#pragma once
// Reading input files: plain or gzip-compressed (detected from the bytes), regular files or
// streams (a pipe, a FIFO, `<(cat x.ris)`, standard input named "-"), as a stream of
// chunks with bounded memory, and line by line with any line ending.
//
// Limits (docs/import.md): gzip data may expand at most k_max_gzip_ratio times the
// compressed bytes read (past the first k_gzip_ratio_floor bytes) and to at most
// k_max_gzip_bytes in all; read_file() holds at most its `max_bytes`. Beyond them the
// reader stops with an InputError that says so, instead of filling memory or disk.
#include "synth/util/hash.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace synth::util {

// What the functions below throw when a file cannot be opened or read, or goes past a
// limit. The message names the file ("refs.ris: cannot open: No such file or directory");
// the hint, when there is one, says what the user can do.
class InputError : public std::runtime_error
{
public:
  explicit InputError(const std::string& message, std::string hint = {})
    : std::runtime_error(message), m_hint(std::move(hint))
  {
  }
  const std::string& hint() const { return m_hint; }

private:
  std::string m_hint;
};

inline constexpr std::uint64_t k_max_gzip_ratio = 100;
inline constexpr std::uint64_t k_gzip_ratio_floor = 16ULL << 20; // 16 MiB
inline constexpr std::uint64_t k_max_gzip_bytes = 8ULL << 30;    // 8 GiB
inline constexpr std::size_t k_max_read_file = 256U << 20;       // 256 MiB

// The whole of a file (gzip decompressed transparently), for files read at once (criteria,
// decisions, query files, cached answers): more than `max_bytes` is an InputError.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = k_max_read_file);
// The same, also giving the content_hash() of what was read (one pass over the file).
std::string read_file(const std::filesystem::path& path, std::string& hash, std::size_t max_bytes = k_max_read_file);

// A stream of bytes from a plain or gzip file, a pipe or standard input ("-"), read once
// from start to end, for readers that must not hold a whole file in memory.
class InputStream
{
public:
  explicit InputStream(const std::filesystem::path& path);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // The next bytes (up to n, fewer at the end of the input) without consuming them: the
  // next read() returns them again. For format detection of a pipe, which cannot be
  // opened twice.
  std::string_view peek(std::size_t n);

  // Reads up to n bytes; returns 0 at end of file. Throws InputError on a read error, a
  // damaged or truncated gzip stream, or gzip data beyond the limits above.
  std::size_t read(char* buffer, std::size_t n);
  const std::filesystem::path& path() const { return m_path; }

  // A regular file on disk, not compressed: it can be read again (a first pass that only
  // hashes it is cheap), and its size is known.
  bool plain_file() const { return m_regular && !m_gzip; }
  bool gzip() const { return m_gzip; }

  // content_hash() of the bytes read so far: of the whole file once read() returned 0.
  // Lets a caller identify a file it streams without reading it twice.
  std::string hash() const;

private:
  std::size_t read_raw(char* buffer, std::size_t n); // the file's own bytes
  std::size_t decoded(char* buffer, std::size_t n);  // decompressed when gzip; hashed
  std::size_t inflate_into(char* buffer, std::size_t n);

  std::filesystem::path m_path;
  int m_fd = -1;
  bool m_own_fd = true; // false for standard input
  bool m_regular = false;
  bool m_gzip = false;
  bool m_raw_eof = false;
  std::string m_peeked; // bytes returned by peek() and not yet by read()
  std::size_t m_peek_pos = 0;
  std::string m_head; // raw bytes read to detect gzip, given to the decoder first
  std::size_t m_head_pos = 0;
  struct Gzip; // zlib state, when the file is gzip
  std::unique_ptr<Gzip> m_z;
  std::uint64_t m_in_bytes = 0;  // compressed bytes read
  std::uint64_t m_out_bytes = 0; // bytes returned (decompressed)
  Hasher m_hash;
};

// First bytes of a file (decompressed), for format detection.
std::string read_head(const std::filesystem::path& path, std::size_t n);

// The content hash of a file (Hasher, hash.hpp): 16 hex digits, of the decompressed bytes.
std::string content_hash(std::string_view data);
// The same of a whole file, read in bounded pieces.
std::string content_hash_of(const std::filesystem::path& path);

// Iterates over the lines of a text: \n, \r\n and lone \r all end a line; a UTF-8 BOM
// at the start is skipped. Line numbers are 1-based.
class LineReader
{
public:
  explicit LineReader(std::string_view text);
  // Returns false at the end. `line` excludes the line ending.
  bool next(std::string_view& line);
  std::size_t line_number() const { return m_line; } // number of the line last returned
  std::size_t offset() const { return m_pos; }       // byte offset after the last line

private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line = 0;
};

// The number of line ends in `text`, counted as LineReader counts them (\n, \r\n and a
// lone \r each end a line). A \r at the very end counts as one.
std::size_t count_line_ends(std::string_view text);

// Strips a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view s);

} // namespace synth::util
