#pragma once
// Inside the BibTeX reader: the fields of one entry and the Record they make, and the
// line-by-line reading of entries whose braces do not balance.
#include "synth/core/record.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::formats::bibtex {

struct Field
{
  std::string name; // lower case
  std::string raw;  // value with braces and LaTeX, macros expanded
};

// The Record of an entry (see read_bibtex in bibtex.hpp for ids and sources); not yet
// finished (finish_record) and without raw text or provenance.
Record make_record(const std::string& type, const std::string& key, const std::vector<Field>& fields);

// An entry written one field per line, as Scopus and Web of Science write them:
//   @ARTICLE{key,
//   title={...},
//   ...
//   }
// Scopus copies abstracts unescaped, so a stray "{" in one breaks the nesting of the whole
// file; read by lines, each field still ends where its line ends. Returns the fields, the
// key and (in bad_line, 0-based from the entry's first line) the first line whose braces
// do not balance; nullopt when the entry is not written that way.
struct LineEntry
{
  std::string key;
  std::vector<Field> fields;
  std::int64_t bad_line = 0;
  std::string bad_field;
};
std::optional<LineEntry> read_by_lines(std::string_view entry);

} // namespace synth::formats::bibtex
