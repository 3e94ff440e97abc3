#pragma once
// Decision and extraction files as rows of cells, read by the one CSV reader (util/csv.hpp):
// comma separated, fields in double quotes may hold commas, newlines and doubled quotes; a
// UTF-8 BOM and any line ending (\n, \r\n, \r) are accepted; blank lines are skipped.
#include <string>
#include <string_view>
#include <vector>

namespace synth::screen {

struct CsvRow
{
  std::vector<std::string> cells;
  int line = 0; // 1-based line where the row starts
};

// Throws synth::Error("<label>:<line>: unterminated quoted field ...") on a quote that is
// never closed, and "<label>:<line>: NUL byte in the text ..." on a NUL byte.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& label);

} // namespace synth::screen
