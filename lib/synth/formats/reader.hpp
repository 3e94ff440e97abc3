#pragma once
// Readers of export formats. Every reader turns a file's text into Records, calling a
// sink once per record, and reports malformed input through its ReadContext: an error
// that names file and line (strict), or a skipped record with its line (lenient).
#include "synth/core/record.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::formats {

enum class Format
{
  automatic,
  ris,
  nbib,          // MEDLINE/PubMed tagged text
  pubmed_xml,    // PubmedArticleSet, MedlineCitationSet
  wos,           // Web of Science tagged (.ciw/.isi) and tab-delimited
  crossref_json, // Crossref /works answers
  bibtex,
  endnote_xml,
  csv,
  ovid,          // Ovid citation text ("Title\n  ...")
  endnote_tagged // EndNote/refer tagged text (%0, %A ...)
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
  void warn(std::int64_t line, const std::string& reason) { m_warnings.push_back({line, 0, reason}); }

  const std::vector<Skipped>& skipped() const { return m_skipped; }
  const std::vector<Skipped>& warnings() const { return m_warnings; }
  std::int64_t deleted = 0;       // PubMed DeleteCitation entries seen (ignored)
  std::string default_source;     // source name found in the file (DB tag, PubMed ...)

private:
  std::string m_file;
  bool m_lenient;
  std::vector<Skipped> m_skipped;
  std::vector<Skipped> m_warnings;
};

// Guesses the format from the first bytes of a file (and its name as a tie-breaker).
// Returns nullopt when nothing matches.
std::optional<Format> detect_format(std::string_view head, const std::filesystem::path& name);

// Reads a whole file (plain or gzip) in `format` (automatic: detected), calling `sink`
// per record. The text must be UTF-8: a file with invalid bytes is an error naming the
// line. Throws synth::Error for malformed input (see ReadContext).
void read_file(const std::filesystem::path& path, Format format, ReadContext& ctx,
               const RecordSink& sink);

// The same for text already in memory (tests, fuzzers, cached responses).
void read_text(std::string_view text, Format format, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
