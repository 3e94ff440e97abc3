#pragma once
// The PRISMA2020 package's CSV template (columns data,node,box,description,boxtext,tooltips,
// url,n; one row per data key), read and written. A list key holds its entries in n as
// "Label, n; Label, n" (the label may itself contain commas: the number follows the last).
#include "synth/prisma/flow.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace synth::prisma {

// Parses "Medline, 1,234; CINAHL, 567" style lists. Empty text, "NA" and the template's
// placeholders ("Reason1, xxx; ...", every number "xxx") give an empty list. With
// `allow_unknown`, an entry "Medline, NA" names a database whose count is unknown. Throws
// synth::Error prefixed with `where` for an entry without a number.
std::vector<Count> parse_count_list(std::string_view text, std::string_view where, bool allow_unknown = false);
// The inverse: "Medline, 1234; CINAHL, NA" (no thousands separators, as the package wants).
std::string format_count_list(const std::vector<Count>& counts);

// Parses a number cell: digits with optional thousands separators (",", " "); "", "NA" and
// "xxx" are no data (nullopt). Throws synth::Error prefixed with `where` otherwise.
std::optional<std::int64_t> parse_count(std::string_view text, std::string_view where);

// Reads a PRISMA2020 CSV. `name` names the file in messages ("flow.csv:7: ..."). The columns
// `data` and `n` are required, others are ignored; rows with data "NA" or empty (title boxes)
// and the phase rows (identification, screening, included) carry no count. An unknown data
// key or a key given twice is an error naming its line. A key absent from the file is 0.
// Does not check the arithmetic: call require_consistent().
// `keys`, when given, receives the data keys the file holds.
Flow parse_counts_csv(std::string_view text, std::string_view name, std::vector<std::string>* keys = nullptr);
Flow read_counts_csv(const std::filesystem::path& path);

// Writes the template: the package's rows and columns in its order with n filled, then
// synth's own keys (flow.hpp) as extra rows when they hold data.
std::string write_counts_csv(const Flow& flow);

// Splits CSV text into rows of unquoted fields with the one CSV reader (util/csv.hpp);
// rows of white space only are left out. Each row has its 1-based starting line. Exposed
// for the tests.
struct CsvLine
{
  std::int64_t line = 0;
  std::vector<std::string> fields;
};
std::vector<CsvLine> split_csv(std::string_view text, std::string_view name);

} // namespace synth::prisma
