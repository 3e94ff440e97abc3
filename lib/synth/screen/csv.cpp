#include "synth/screen/csv.hpp"

#include "synth/core/error.hpp"
#include "synth/util/input.hpp"

#include <fmt/format.h>

namespace synth::screen {

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& label)
{
  text = util::strip_bom(text);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string cell;
  int line = 1;
  row.line = 1;
  bool quoted = false;
  bool cell_started = false; // the current row has content
  std::size_t i = 0;
  int quote_line = 0;
  auto end_row = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    bool blank = row.cells.size() == 1 && row.cells[0].empty() && !cell_started;
    if (!blank) {
      rows.push_back(std::move(row));
    }
    row = CsvRow{};
    cell_started = false;
  };
  while (i < text.size()) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        ++i;
        continue;
      }
      if (c == '\r' || c == '\n') {
        ++line;
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
          cell += '\r';
          ++i;
        }
      }
      cell += c;
      ++i;
      continue;
    }
    if (c == '"') {
      quoted = true;
      quote_line = line;
      cell_started = true;
      ++i;
      continue;
    }
    if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
      cell_started = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      ++i;
      end_row();
      ++line;
      row.line = line;
      continue;
    }
    cell += c;
    cell_started = true;
    ++i;
  }
  if (quoted) {
    throw Error(fmt::format("{}:{}: unterminated quoted field, expected a closing '\"'", label, quote_line));
  }
  if (cell_started || !cell.empty() || !row.cells.empty()) {
    end_row();
  }
  return rows;
}

} // namespace synth::screen
