#include "synth/screen/csv.hpp"

#include "synth/core/error.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::screen {

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& label)
{
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw Error(fmt::format("{}:{}: NUL byte in the text, expected UTF-8 text", label, util::line_of(text, nul)));
  }
  std::vector<CsvRow> rows;
  util::CsvTable table(text);
  util::CsvRow row;
  while (table.next(row)) {
    if (!row.error.empty()) {
      throw Error(fmt::format("{}:{}: {}, expected a closing '\"'", label, row.error_line, row.error));
    }
    rows.push_back(CsvRow{std::move(row.fields), static_cast<int>(row.line)});
  }
  return rows;
}

} // namespace synth::screen
