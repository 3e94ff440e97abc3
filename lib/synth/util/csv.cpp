#include "synth/util/csv.hpp"

#include "synth/util/input.hpp"

namespace synth::util {

namespace {

bool is_eol(char c) { return c == '\n' || c == '\r'; }

// Position after the line ending at `i` (which must be \n or \r).
std::size_t skip_eol(std::string_view s, std::size_t i)
{
  if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
    return i + 2;
  }
  return i + 1;
}

} // namespace

CsvTable::CsvTable(std::string_view text, char separator, CsvQuoting quoting)
  : m_text(util::strip_bom(text)), m_sep(separator), m_quoting(quoting)
{
}

bool CsvTable::next(CsvRow& row)
{
  const std::string_view s = m_text;
  // Skip blank lines.
  while (m_pos < s.size() && is_eol(s[m_pos])) {
    m_pos = skip_eol(s, m_pos);
    ++m_line;
  }
  if (m_pos >= s.size()) {
    return false;
  }
  row.line = m_line;
  row.fields.clear();
  row.error.clear();
  row.error_line = 0;
  const std::size_t start = m_pos;
  std::size_t i = m_pos;
  std::int64_t line = m_line;
  std::string field;
  bool done = false;
  while (!done) {
    field.clear();
    if (m_quoting == CsvQuoting::rfc4180 && i < s.size() && s[i] == '"') {
      const std::int64_t quote_line = line;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char c = s[i];
        if (c == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (is_eol(c)) {
          std::size_t j = skip_eol(s, i);
          field.append(s.substr(i, j - i));
          i = j;
          ++line;
          continue;
        }
        field += c;
        ++i;
      }
      if (!closed) {
        // Resume after the first line of the broken row.
        std::size_t j = start;
        while (j < s.size() && !is_eol(s[j])) {
          ++j;
        }
        row.text = s.substr(start, j - start);
        row.error = "unterminated quoted field";
        row.error_line = quote_line;
        row.fields.push_back(std::move(field));
        m_pos = j < s.size() ? skip_eol(s, j) : j;
        m_line = row.line + 1;
        return true;
      }
      // Lenient: characters between the closing quote and the separator are kept.
      while (i < s.size() && s[i] != m_sep && !is_eol(s[i])) {
        field += s[i];
        ++i;
      }
    } else {
      std::size_t j = i;
      while (j < s.size() && s[j] != m_sep && !is_eol(s[j])) {
        ++j;
      }
      field.assign(s.substr(i, j - i));
      i = j;
    }
    row.fields.push_back(field);
    if (i < s.size() && s[i] == m_sep) {
      ++i;
      continue;
    }
    done = true;
  }
  row.text = s.substr(start, i - start);
  if (i < s.size()) {
    i = skip_eol(s, i);
    ++line;
  }
  m_pos = i;
  m_line = line;
  return true;
}

std::vector<std::string> split_fields(std::string_view line, char separator)
{
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t p = line.find(separator, start);
    if (p == std::string_view::npos) {
      out.emplace_back(line.substr(start));
      break;
    }
    out.emplace_back(line.substr(start, p - start));
    start = p + 1;
  }
  return out;
}

void append_csv_field(std::string& line, std::string_view value)
{
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"') {
      line += '"';
    }
    line += c;
  }
  line += '"';
}

std::string csv_field(std::string_view value)
{
  std::string out;
  append_csv_field(out, value);
  return out;
}

} // namespace synth::util
