#pragma once
// Reading input files: plain or gzip-compressed (detected from the bytes), as a whole or
// as a stream of chunks, and line by line with any line ending.
#include "synth/util/hash.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace synth::util {

// Thrown by the readers below when a file cannot be opened or read. The message names the
// file: "refs.ris: cannot open: No such file or directory".
std::string read_file(const std::filesystem::path& path); // gzip decompressed transparently
// The same, also giving the content_hash() of what was read (one pass over the file).
std::string read_file(const std::filesystem::path& path, std::string& hash);

// A stream of bytes from a plain or gzip file, for readers that must not hold a whole
// file in memory (PubMed XML of hundreds of MB).
class InputStream
{
public:
  explicit InputStream(const std::filesystem::path& path);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // Reads up to n bytes; returns 0 at end of file. Throws on a read error.
  std::size_t read(char* buffer, std::size_t n);
  const std::filesystem::path& path() const { return m_path; }

  // content_hash() of the bytes read so far: of the whole file once read() returned 0.
  // Lets a caller identify a file it streams without reading it twice.
  std::string hash() const;

private:
  std::filesystem::path m_path;
  void* m_gz = nullptr; // gzip files go through zlib
  int m_fd = -1;        // other files are read directly (no copy through zlib's buffer)
  Hasher m_hash;
};

// The whole text of a file, mapped into memory when it is plain (no copy, no page of it
// read twice) and decompressed into memory when it is gzip. `hash()` is content_hash() of
// the text. For readers that need all of a file at once (RIS, CSV, BibTeX ...).
class FileText
{
public:
  explicit FileText(const std::filesystem::path& path);
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;

  std::string_view text() const { return m_map ? std::string_view(static_cast<const char*>(m_map), m_size) : m_data; }
  const std::string& hash() const { return m_hash; }

private:
  void* m_map = nullptr;
  std::size_t m_size = 0;
  std::string m_data;
  std::string m_hash;
};

// First bytes of a file (decompressed), for format detection.
std::string read_head(const std::filesystem::path& path, std::size_t n);

// The content hash of a file (Hasher, hash.hpp): 16 hex digits, of the decompressed bytes.
std::string content_hash(std::string_view data);

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

// Strips a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view s);

} // namespace synth::util
