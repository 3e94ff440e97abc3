#pragma once
// The one CSV reader of synth: a tokenizer for comma- or tab-separated tables (RFC 4180
// and what spreadsheets and databases really write): quoted fields may hold separators,
// "" escapes and line breaks; rows end with \n, \r\n or a lone \r; a UTF-8 byte order
// mark at the start is skipped. It knows nothing about records: the readers of export
// dialects (formats/csv), of decision and extraction files (screen) and of PRISMA count
// files (prisma) build on it. Depends on nothing of synth.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synth::util {

struct CsvRow
{
  std::int64_t line = 0;           // 1-based line where the row starts
  std::vector<std::string> fields; // unquoted values
  std::string_view text;           // the row as written (without its line ending)
  std::string error;               // non-empty when the row is malformed (unterminated quote)
  std::int64_t error_line = 0;     // where the problem is (the line of the opening quote)
};

enum class CsvQuoting {
  rfc4180, // a field that starts with " is quoted ("" inside means one ")
  none     // quotes are ordinary characters (Web of Science tab-delimited exports)
};

class CsvTable
{
public:
  explicit CsvTable(std::string_view text, char separator = ',', CsvQuoting quoting = CsvQuoting::rfc4180);

  // Reads the next row; returns false at the end of the text. Blank lines are skipped.
  // A field whose closing quote is missing sets row.error ("unterminated quoted field")
  // and the table resumes on the line after the row's first line, so that a lenient
  // reader keeps the rows that follow.
  bool next(CsvRow& row);

private:
  std::string_view m_text;
  char m_sep;
  CsvQuoting m_quoting;
  std::size_t m_pos = 0;
  std::int64_t m_line = 1; // line number at m_pos
};

// The one CSV writer: appends `value` as one RFC 4180 field (quoted, with "" for ", when it
// holds a comma, a quote or a line break). The caller adds separators and line ends.
void append_csv_field(std::string& line, std::string_view value);
std::string csv_field(std::string_view value);

// Splits one line into fields on `separator` with no quote handling.
std::vector<std::string> split_fields(std::string_view line, char separator);

} // namespace synth::util
