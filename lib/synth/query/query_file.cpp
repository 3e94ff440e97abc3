#include "synth/query/query_file.hpp"

#include "synth/core/error.hpp"
#include "synth/query/dates.hpp"
#include "synth/query/parser.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace synth::query {

namespace {

struct PhysicalLine
{
  std::string_view text;
  int number = 0;
};

std::vector<PhysicalLine> split_lines(std::string_view text)
{
  std::vector<PhysicalLine> lines;
  std::size_t start = 0;
  int number = 1;
  while (start <= text.size()) {
    auto end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) {
      if (start < text.size()) {
        lines.push_back({text.substr(start), number});
      }
      break;
    }
    lines.push_back({text.substr(start, end - start), number++});
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return lines;
}

bool is_space(char c)
{
  return c == ' ' || c == '\t';
}

// '#' followed by white space or nothing starts a comment.
bool is_comment(std::string_view trimmed)
{
  return !trimmed.empty() && trimmed[0] == '#' && (trimmed.size() == 1 || is_space(trimmed[1]));
}

// Removes a trailing " # comment" from a header value.
std::string_view strip_comment(std::string_view value)
{
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '#' && (i == 0 || is_space(value[i - 1]))
        && (i + 1 == value.size() || is_space(value[i + 1]))) {
      return util::trim(value.substr(0, i));
    }
  }
  return util::trim(value);
}

// "#12 rest": the number and the offset of rest, or 0 when the line is not numbered.
int line_label(std::string_view line, std::size_t& rest)
{
  if (line.size() < 2 || line[0] != '#' || line[1] < '0' || line[1] > '9') {
    return 0;
  }
  std::size_t i = 1;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
    ++i;
  }
  if ((i < line.size() && !is_space(line[i])) || i > 7) {
    return 0; // not a label; the expression parser reports it
  }
  int number = std::stoi(std::string(line.substr(1, i - 1)));
  while (i < line.size() && is_space(line[i])) {
    ++i;
  }
  rest = i;
  return number;
}

Segment segment_of(std::string_view line, std::size_t from, int number)
{
  while (from < line.size() && is_space(line[from])) {
    ++from;
  }
  return Segment{line.substr(from), number, count_chars(line.substr(0, from)) + 1};
}

const char* const k_header_keys = "database, name, date-from, date-to, language or x-...";

void set_header(QueryFile& q, const PhysicalLine& pl, std::size_t key_at, std::string key, std::string value)
{
  int col = static_cast<int>(key_at) + 1;
  auto lower = util::to_lower(key);
  bool known = lower == "database" || lower == "name" || lower == "date-from" || lower == "date-to"
               || lower == "language";
  if (!known && !util::istarts_with(lower, "x-")) {
    fail_at(q.path, pl.number, col, fmt::format("unknown header key '{}', expected {}", key, k_header_keys));
  }
  if (q.header.count(lower) != 0) {
    fail_at(q.path, pl.number, col, fmt::format("header key '{}' given twice, expected it once", key));
  }
  if (known && value.empty()) {
    fail_at(q.path, pl.number, col, fmt::format("empty value for header key '{}', expected a value after ':'", key));
  }
  if ((lower == "date-from" || lower == "date-to")
      && (value.find('/') != std::string::npos || !parse_day_span(value))) {
    fail_at(q.path, pl.number, col, fmt::format("bad date '{}' for {}, expected YYYY-MM-DD", value, lower));
  }
  q.header[lower] = value;
  if (lower == "database") {
    q.database = value;
  } else if (lower == "name") {
    q.name = value;
  } else if (lower == "date-from") {
    q.date_from = value;
  } else if (lower == "date-to") {
    q.date_to = value;
    if (!q.date_from.empty() && parse_day_span(value)->last < parse_day_span(q.date_from)->first) {
      fail_at(q.path, pl.number, col,
              fmt::format("date-to {} is before date-from {}, expected a later date", value, q.date_from));
    }
  } else if (lower == "language") {
    q.language = value;
  }
}

// Parses the header; returns the index of the first line after '---'.
std::size_t parse_header(QueryFile& q, const std::vector<PhysicalLine>& lines)
{
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& pl = lines[i];
    auto trimmed = util::trim(pl.text);
    if (trimmed.empty() || is_comment(trimmed)) {
      continue;
    }
    if (trimmed == "---") {
      if (q.database.empty()) {
        fail_at(q.path, pl.number, 1, "missing header key 'database', expected e.g. 'database: pubmed' before '---'");
      }
      return i + 1;
    }
    auto colon = pl.text.find(':');
    auto key_at = pl.text.find_first_not_of(" \t");
    std::size_t ignored = 0;
    char c0 = trimmed[0];
    if (colon == std::string_view::npos || line_label(trimmed, ignored) != 0 || c0 == '(' || c0 == '"') {
      if (line_label(trimmed, ignored) != 0 || c0 == '(' || c0 == '"' || q.header.count("database") != 0) {
        fail_at(q.path, pl.number, 1, "strategy before the '---' line, expected '---' between the header and the strategy");
      }
      fail_at(q.path, pl.number, static_cast<int>(key_at) + 1, "expected 'key: value' in the header");
    }
    auto key = std::string(util::trim(pl.text.substr(key_at, colon - key_at)));
    auto value = std::string(strip_comment(pl.text.substr(colon + 1)));
    set_header(q, pl, key_at, key, value);
  }
  int last = lines.empty() ? 1 : lines.back().number;
  fail_at(q.path, last, 1, "missing '---' line, expected '---' between the header and the strategy");
}

struct PendingLine
{
  int number = 0;
  int line = 0;
  std::vector<Segment> segments;
};

std::vector<PendingLine> group_body(const QueryFile& q, const std::vector<PhysicalLine>& lines, std::size_t from)
{
  std::vector<PendingLine> out;
  bool numbered = false;
  for (std::size_t i = from; i < lines.size(); ++i) {
    const auto& pl = lines[i];
    auto trimmed = util::trim(pl.text);
    if (trimmed.empty() || is_comment(trimmed)) {
      continue;
    }
    std::size_t rest = 0;
    int label = line_label(pl.text, rest);
    if (label != 0) {
      if (!out.empty() && !numbered) {
        fail_at(q.path, pl.number, 1,
                fmt::format("numbered line #{} after an unnumbered expression, expected every line to start "
                            "with #n or none",
                            label));
      }
      numbered = true;
      for (const auto& earlier : out) {
        if (earlier.number == label) {
          fail_at(q.path, pl.number, 1,
                  fmt::format("#{} is defined twice (first on line {}), expected a new number", label, earlier.line));
        }
      }
      out.push_back(PendingLine{label, pl.number, {}});
      auto seg = segment_of(pl.text, rest, pl.number);
      if (!seg.text.empty()) {
        out.back().segments.push_back(seg);
      }
      continue;
    }
    bool indented = is_space(pl.text[0]);
    if (numbered && !indented) {
      fail_at(q.path, pl.number, 1,
              "line does not start with #n, expected '#n expression' or an indented continuation line");
    }
    if (out.empty()) {
      out.push_back(PendingLine{0, pl.number, {}});
    }
    out.back().segments.push_back(segment_of(pl.text, 0, pl.number));
  }
  return out;
}

} // namespace

Engine engine(const QueryFile& query)
{
  if (util::iequals(query.database, "pubmed") || util::iequals(query.database, "medline")) {
    return Engine::pubmed;
  }
  if (util::iequals(query.database, "crossref")) {
    return Engine::crossref;
  }
  return Engine::manual;
}

QueryFile parse_query_text(std::string_view text, const std::string& label)
{
  QueryFile q;
  q.path = label;
  q.text = std::string(text);
  if (auto bad = util::find_invalid_utf8(text)) {
    throw Error(fmt::format("{}:{}: invalid UTF-8, expected a UTF-8 text file", label, util::line_of(text, *bad)));
  }
  std::string_view body = q.text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
  }
  auto lines = split_lines(body);
  auto start = parse_header(q, lines);
  auto pending = group_body(q, lines, start);
  if (pending.empty()) {
    fail_at(label, lines[start - 1].number, 1, "empty strategy, expected a search expression after '---'");
  }
  for (const auto& p : pending) {
    Resolver resolve = [&q, &pending, &p, &label](int number, int at_line, int at_col) -> NodePtr {
      for (const auto& done : q.lines) {
        if (done.number == number) {
          return done.expression;
        }
      }
      for (const auto& later : pending) {
        if (later.number == number && p.number != 0) {
          fail_at(label, at_line, at_col,
                  fmt::format("#{} refers to line #{} or a later one, expected a reference to an earlier line",
                              number, number));
        }
      }
      fail_at(label, at_line, at_col, fmt::format("#{} refers to a line that does not exist", number));
    };
    if (p.segments.empty()) {
      fail_at(label, p.line, 1, fmt::format("#{} has no expression, expected a search expression after #{}",
                                             p.number, p.number));
    }
    Line line;
    line.number = p.number;
    line.line = p.line;
    for (const auto& seg : p.segments) {
      if (!line.text.empty()) {
        line.text += ' ';
      }
      line.text += util::trim(seg.text);
    }
    line.expression = parse_segments(p.segments, label, resolve);
    q.lines.push_back(std::move(line));
  }
  q.expression = q.lines.back().expression;
  return q;
}

QueryFile parse_query_file(const std::filesystem::path& path)
{
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const std::runtime_error& e) {
    throw Error(e.what());
  }
  return parse_query_text(text, path.string());
}

} // namespace synth::query
