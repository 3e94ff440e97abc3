#pragma once
// Readers of export formats. Every reader turns a file's text into Records, calling a
// sink once per record, and reports malformed input through its ReadContext: an error
// that names file and line (strict), or a skipped record with its line (lenient).
#include "synth/core/record.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::formats {

enum class Format {
  automatic,
  ris,
  nbib,          // MEDLINE/PubMed tagged text
  pubmed_xml,    // PubmedArticleSet, MedlineCitationSet
  wos,           // Web of Science tagged (.ciw/.isi) and tab-delimited
  crossref_json, // Crossref /works answers
  bibtex,
  endnote_xml,
  csv,
  ovid,           // Ovid citation text ("Title\n  ...")
  endnote_tagged, // EndNote/refer tagged text (%0, %A ...)
  openalex_json   // OpenAlex /works answers
};

std::optional<Format> parse_format(std::string_view name); // "ris", "nbib", "auto" ...
std::string_view format_name(Format format);

using RecordSink = std::function<void(Record&&)>;

struct Skipped
{
  std::int64_t line = 0; // 0 when the format has no lines (then index is set)
  std::int64_t index = 0;
  std::string reason;
};

// State shared by a reader and its caller for one file.
class ReadContext
{
public:
  ReadContext(std::string file_label, bool lenient) : m_file(std::move(file_label)), m_lenient(lenient) {}

  const std::string& file() const { return m_file; }
  bool lenient() const { return m_lenient; }

  // A record that cannot be read: throws synth::Error("FILE:LINE: reason") when strict;
  // when lenient, remembers it and returns so that the reader skips to the next record.
  void bad_record(std::int64_t line, const std::string& reason);
  // A problem with the whole file (not a record): always throws "FILE:LINE: reason".
  [[noreturn]] void fail(std::int64_t line, const std::string& reason) const;
  // The same with a column: "FILE:LINE:COL: reason".
  [[noreturn]] void fail(std::int64_t line, std::int64_t column, const std::string& reason) const;

  // A problem the reader worked around: the record was read, and the user should know
  // how ("scopus.bib:8587: @ARTICLE{x: braces do not balance in field 'abstract' ...").

  void warn(std::int64_t line, const std::string& reason) { m_warnings.push_back({absolute(line), 0, reason}); }

  const std::vector<Skipped>& skipped() const { return m_skipped; }
  const std::vector<Skipped>& warnings() const { return m_warnings; }
  std::int64_t deleted = 0;   // PubMed DeleteCitation entries seen (ignored)
  std::string default_source; // source name found in the file (DB tag, PubMed ...)
  // Records (read or bad) seen so far in the file: readers number records with it
  // (Provenance::index), so that the numbers run on when a file is read in pieces.
  std::int64_t index = 0;
  // BibTeX @string values defined so far (a file read in pieces keeps them).
  std::map<std::string, std::string> macros;

  // A large file is read in pieces of whole records (stream.hpp). A reader sees one piece
  // at a time and numbers lines from 1 in it; the context adds the lines of the pieces
  // before (`line_base`) to every line it reports or throws, and the caller to the
  // records' provenance. `more_to_come`: checks that concern the whole file ("no record
  // found") wait for the last piece.
  void set_piece(std::int64_t line_base, bool more_to_come)
  {
    m_line_base = line_base;
    m_more = more_to_come;
  }
  std::int64_t line_base() const { return m_line_base; }
  bool more_to_come() const { return m_more; }

private:
  std::int64_t absolute(std::int64_t line) const { return line > 0 ? line + m_line_base : line; }

  std::string m_file;
  bool m_lenient;
  std::vector<Skipped> m_skipped;
  std::vector<Skipped> m_warnings;
  std::int64_t m_line_base = 0;
  bool m_more = false;
};

// Guesses the format from the first bytes of a file (and its name as a tie-breaker).
// Returns nullopt when nothing matches.
std::optional<Format> detect_format(std::string_view head, const std::filesystem::path& name);

// Reads a file (plain or gzip, a pipe, "-" for standard input) in `format` (automatic:
// detected), calling `sink` per record, in pieces (stream.hpp): memory stays bounded by the
// largest record. The text must be UTF-8 (or UTF-16 with a byte order mark): invalid bytes
// are an error naming the line. Throws synth::Error for malformed input (see ReadContext).
void read_file(const std::filesystem::path& path, Format format, ReadContext& ctx, const RecordSink& sink);

// The same for text already in memory (tests, fuzzers, cached responses): UTF-16 with a
// byte order mark is converted; a NUL byte or invalid UTF-8 fails at its line.
void read_text(std::string_view text, Format format, ReadContext& ctx, const RecordSink& sink);

// The checks of read_text (no NUL byte, valid UTF-8), failing through ctx at the line.
void check_text(std::string_view text, ReadContext& ctx);
// The reader of `format` alone, on text that is UTF-8 and checked already (a piece of a
// file that read_stream reads, stream.hpp).
void read_checked_text(std::string_view text, Format format, ReadContext& ctx, const RecordSink& sink);

// "cannot tell the format of this file; name it with --format (...)".
extern const std::string_view k_unknown_format;

} // namespace synth::formats
