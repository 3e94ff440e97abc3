// Ovid: the search history of a query file, line by line (ovid.hpp); one line's lexer,
// parser and limits are in ovid_lexer.cpp, ovid_line.cpp and ovid_limits.cpp.
#include "synth/query/ovid.hpp"

#include "synth/query/lexer.hpp"
#include "synth/query/ovid_detail.hpp"
#include "synth/query/platforms_table.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query {

namespace {

using namespace ovid_detail;

struct BodyLine
{
  std::string_view text; // without indentation
  int line = 0;
  int col = 0; // column of text[0]
};

std::vector<BodyLine> body_lines(std::string_view all)
{
  if (all.substr(0, 3) == "\xEF\xBB\xBF") {
    all.remove_prefix(3);
  }
  std::vector<BodyLine> out;
  bool in_body = false;
  int number = 0;
  std::size_t start = 0;
  while (start <= all.size()) {
    auto end = all.find('\n', start);
    auto raw = all.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++number;
    if (!raw.empty() && raw.back() == '\r') {
      raw.remove_suffix(1);
    }
    auto trimmed = util::trim(raw);
    if (!in_body) {
      in_body = trimmed == "---";
    } else if (!trimmed.empty() && !(trimmed[0] == '#' && (trimmed.size() == 1 || is_space(trimmed[1])))) {
      auto lead = raw.find_first_not_of(" \t");
      out.push_back(BodyLine{trimmed, number, count_chars(raw.substr(0, lead)) + 1});
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

// The digits a line starts with (six at most), then at least one space or tab: "12" of
// "12  exp X/".
std::string_view leading_number(std::string_view text)
{
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  if (i == 0 || i > 6 || i >= text.size() || !is_space(text[i]) || util::trim(text.substr(i)).empty()) {
    return {};
  }
  return text.substr(0, i);
}

// A history pasted from Ovid numbers its lines without a dot ("1  exp X/", "2  x.tw.",
// "3  1 or 2"): the first line starts with 1 and every line with a number (numbers out of
// order are then an error at their line). A strategy whose lines are not all numbered so
// keeps its leading digits as words.
bool plainly_numbered(const std::vector<BodyLine>& body)
{
  return !body.empty() && leading_number(body.front().text) == "1"
         && std::all_of(body.begin(), body.end(), [](const BodyLine& l) { return !leading_number(l.text).empty(); });
}

// The hit count Ovid prints after each search of its history: " (12345)" or " (12,345)";
// the length to cut from the end of `text`, 0 when there is none.
std::size_t hit_count_length(std::string_view text)
{
  if (text.size() < 4 || text.back() != ')') {
    return 0;
  }
  auto open = text.rfind('(');
  if (open == std::string_view::npos || open == 0 || !is_space(text[open - 1])) {
    return 0;
  }
  auto inside = text.substr(open + 1, text.size() - open - 2);
  if (inside.empty() || !is_digit(inside.front())
      || !std::all_of(inside.begin(), inside.end(), [](char c) { return is_digit(c) || c == ','; })) {
    return 0;
  }
  auto before = text.substr(0, open);
  while (!before.empty() && is_space(before.back())) {
    before.remove_suffix(1);
  }
  return text.size() - before.size();
}

// Every line of a numbered history ends with its hit count: they are cut off (a strategy
// that searches a number in parentheses on one line keeps it).
bool counted(const std::vector<BodyLine>& body)
{
  return !body.empty()
         && std::all_of(body.begin(), body.end(), [](const BodyLine& l) { return hit_count_length(l.text) > 0; });
}

// The thesaurus a heading of this file is read in: the database's own (`database:`).
// MeSH only on MEDLINE/PubMed (and on Ovid when the database is not named: `database:
// ovid` is Ovid MEDLINE, as the CLEF-TAR histories are), Emtree on Embase, the APA
// Thesaurus on PsycINFO, CINAHL Headings on CINAHL, the Sociological Thesaurus on
// Sociological Abstracts and Social Services Abstracts, the ERIC Thesaurus on ERIC; another
// database's thesaurus is named as such, never read as MeSH (docs/translate.md).
Vocabulary vocabulary_of(const QueryFile& q, Syntax syntax)
{
  auto db = util::to_lower(q.database);
  auto has = [&](std::string_view w) { return db.find(w) != std::string::npos; };
  if (has("medline") || has("pubmed")) {
    return Vocabulary::mesh;
  }
  if (has("embase")) {
    return Vocabulary::emtree;
  }
  if (has("psyc")) {
    return Vocabulary::apa;
  }
  if (has("cinahl")) {
    return Vocabulary::cinahl;
  }
  if (has("sociolog") || has("social services")) {
    return Vocabulary::sociological;
  }
  if (db == "eric" || db.rfind("eric ", 0) == 0 || has("(eric)")) {
    return Vocabulary::eric; // the word, not "american ..."
  }
  return syntax == Syntax::ovid || syntax == Syntax::pubmed ? Vocabulary::mesh : Vocabulary::database;
}

class OvidReader
{
public:
  OvidReader(const QueryFile& q, Strategy& s) : m_q(q), m_s(s) {}

  // The length of a line's number as the platform prints its history ("S12 ", "#12 ",
  // Ovid's "12. "), 0 when the line has none: `#1 AND #2` combines lines, it is not line 1.
  std::size_t number_prefix(std::string_view text, int& number) const
  {
    std::size_t i = 0;
    if (m_s.syntax != Syntax::ovid) {
      auto prefix = platforms_detail::platform_table(m_s.syntax).line_prefix;
      if (!util::istarts_with(text, prefix)) {
        return 0;
      }
      i = prefix.size();
    }
    std::size_t s = i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    if (i == s || i - s > 6) {
      return 0;
    }
    if (m_s.syntax == Syntax::ovid) {
      if (!(i < text.size() && text[i] == '.' && i + 1 < text.size() && is_space(text[i + 1]))) {
        return 0;
      }
      number = std::stoi(std::string(text.substr(s, i - s)));
      return i + 1;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
    }
    if (i >= text.size() || !is_space(text[i])) {
      return 0;
    }
    auto rest = util::trim(text.substr(i));
    auto word = util::to_upper(rest.substr(0, rest.find_first_of(" \t")));
    if (word == "AND" || word == "OR" || word == "NOT" || word == "SAME" || word.rfind("NEAR", 0) == 0) {
      return 0; // the line starts with a reference
    }
    number = std::stoi(std::string(text.substr(s, i - s - (text[i - 1] == '.' ? 1 : 0))));
    return i;
  }

  void run()
  {
    int expected = 0;
    auto body = body_lines(m_q.text);
    m_total = static_cast<int>(body.size());
    // Ovid's displayed history: numbers without a dot, hit counts at the end of each line
    const bool plain_numbers = m_s.syntax == Syntax::ovid && plainly_numbered(body);
    const bool hit_counts = m_s.syntax == Syntax::ovid && counted(body);
    for (const auto& bl : body) {
      Line line;
      line.line = bl.line;
      line.number = ++expected;
      std::string_view text = bl.text;
      int col = bl.col;
      if (hit_counts) {
        text = text.substr(0, text.size() - hit_count_length(text));
      }
      // an optional "12." before the search, as Ovid prints its history ("S12", "#12" on
      // the other platforms), or an Ovid history numbered "12  " on every line
      int numbered = 0;
      std::size_t i = number_prefix(text, numbered);
      if (i == 0 && plain_numbers) {
        i = leading_number(text).size();
        numbered = std::stoi(std::string(text.substr(0, i)));
      }
      if (i > 0) {
        line.number = numbered;
        expected = line.number;
        m_total = std::max(m_total, line.number);
        auto rest = text.substr(i);
        auto lead = rest.find_first_not_of(" \t");
        col += count_chars(text.substr(0, i + lead));
        text = rest.substr(lead);
      }
      line.text = std::string(text);
      try {
        if (!m_s.lines.empty() && line.number <= m_s.lines.back().number) {
          stop("LINE", bl.line, bl.col,
               fmt::format("line number {} after {}, expected {}", line.number, m_s.lines.back().number,
                           m_s.lines.back().number + 1));
        }
        line.expression = parse_line(text, bl.line, col, line.number);
      } catch (const ParseStop& stop) {
        if (!stop.finding.code.empty()) {
          m_s.findings.push_back(stop.finding);
        }
      }
      m_s.lines.push_back(std::move(line));
    }
    if (m_s.lines.empty()) {
      m_s.findings.push_back(finding(
        "LINE", 0, 0, fmt::format("empty strategy, expected {} search lines after '---'", syntax_name(m_s.syntax))));
      return;
    }
    m_s.expression = m_s.lines.back().expression;
  }

private:
  NodePtr resolve(int number, int line, int col, int from) const
  {
    if (number > m_total) {
      throw ParseStop{
        finding("REF-MISSING", line, col,
                fmt::format("{} refers to a line that does not exist (line {} of the history)", number, from))};
    }
    if (number >= from) {
      throw ParseStop{
        finding("REF-ORDER", line, col,
                number == from
                  ? fmt::format("line {} refers to itself, expected a reference to an earlier line", from)
                  : fmt::format("line {} refers to line {}, which comes later, expected an earlier line", from, number),
                "renumber the references to the lines above")};
    }
    for (const auto& l : m_s.lines) {
      if (l.number == number) {
        if (!l.expression) {
          throw ParseStop{}; // that line has its error already
        }
        return l.expression;
      }
    }
    throw ParseStop{
      finding("REF-MISSING", line, col,
              fmt::format("{} refers to a line that does not exist (line {} of the history)", number, from))};
  }

  NodePtr reference(int number, int line, int col, int from)
  {
    // or/1-N on every line of a long history: line references grow as the square of the
    // lines; far above any real strategy (the 40 Cochrane ones hold under 1,000)
    if (++m_references > k_max_references) {
      throw ParseStop{finding(
        "LIMIT", line, col,
        fmt::format("the history refers to its lines more than {} times, more than synth reads", k_max_references))};
    }
    auto ref = std::make_shared<Node>();
    ref->kind = Node::Kind::reference;
    ref->reference = number;
    ref->line = line;
    ref->col = col;
    ref->children = {resolve(number, line, col, from)};
    return ref;
  }

  NodePtr parse_line(std::string_view text, int line, int col, int number)
  {
    if (m_s.syntax != Syntax::ovid) {
      ovid_detail::Resolve resolve = [&](int n, int c) { return resolve_at(n, line, c, number); };
      return ovid_detail::parse_platform_line(text, line, col, m_s.syntax, m_s.vocabulary, resolve);
    }
    auto lower = util::to_lower(text);
    // or/1-4   and/1,3   or/45-46,48,52
    for (std::string_view op : {"or/", "and/"}) {
      if (lower.rfind(op, 0) == 0) {
        return combine(text, line, col, number, op == "or/" ? Op::op_or : Op::op_and, op.size());
      }
    }
    if (lower.rfind("limit ", 0) == 0) {
      return limit(text, line, col, number);
    }
    ovid_detail::Resolve resolve = [&](int n, int c) { return resolve_at(n, line, c, number); };
    return ovid_detail::parse_tokens(ovid_detail::lex_line(text, line, col), line, vocabulary_of(m_q, Syntax::ovid),
                                     resolve);
  }

  NodePtr resolve_at(int n, int line, int col, int from) const { return resolve(n, line, col, from); }

  NodePtr combine(std::string_view text, int line, int col, int number, Op op, std::size_t skip)
  {
    auto c = std::make_shared<Node>();
    c->kind = Node::Kind::chain;
    c->line = line;
    c->col = col;
    std::size_t i = skip;
    auto at = [&](std::size_t k) { return col + count_chars(text.substr(0, k)); };
    auto read_number = [&]() {
      while (i < text.size() && is_space(text[i])) {
        ++i;
      }
      std::size_t s = i;
      while (i < text.size() && is_digit(text[i])) {
        ++i;
      }
      if (i == s || i - s > 6) {
        stop("SYNTAX", line, at(s), fmt::format("expected a line number in `{}`, like or/1-4 or and/1,3", text));
      }
      return std::make_pair(std::stoi(std::string(text.substr(s, i - s))), at(s));
    };
    for (;;) {
      auto [from, from_col] = read_number();
      int to = from;
      while (i < text.size() && is_space(text[i])) {
        ++i;
      }
      if (i < text.size() && text[i] == '-') {
        ++i;
        auto [end, end_col] = read_number();
        if (end < from) {
          stop("SYNTAX", line, from_col,
               fmt::format("the range {}-{} runs backwards, expected {}-{}", from, end, end, from));
        }
        if (end - from > 100000) {
          stop("LIMIT", line, from_col, fmt::format("the range {}-{} is longer than any history", from, end));
        }
        to = end;
        // the end of the range must exist, as every line in it
        resolve(end, line, end_col, number);
      }
      for (int n = from; n <= to; ++n) {
        if (!c->children.empty()) {
          Operator o;
          o.op = op;
          o.line = line;
          o.col = col;
          c->ops.push_back(o);
        }
        c->children.push_back(reference(n, line, from_col, number));
      }
      while (i < text.size() && is_space(text[i])) {
        ++i;
      }
      if (i == text.size()) {
        break;
      }
      if (text[i] != ',') {
        stop("SYNTAX", line, at(i),
             fmt::format("unexpected '{}' in `{}`, expected ',' between line numbers", text[i], text));
      }
      ++i;
    }
    if (c->children.size() == 1) {
      return c->children.front();
    }
    return c;
  }

  NodePtr limit(std::string_view text, int line, int col, int number)
  {
    std::size_t i = 6;
    while (i < text.size() && is_space(text[i])) {
      ++i;
    }
    std::size_t s = i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    int at_number = col + count_chars(text.substr(0, s));
    if (i == s || i - s > 6) {
      stop("SYNTAX", line, at_number, "expected a line number after `limit`, like limit 3 to english language");
    }
    int target = std::stoi(std::string(text.substr(s, i - s)));
    auto rest = util::trim(text.substr(i));
    if (!util::istarts_with(rest, "to ")) {
      stop("SYNTAX", line, col + count_chars(text.substr(0, i)) + 1,
           "expected `to` after the line number, like limit 3 to english language");
    }
    auto spec = util::trim(rest.substr(3));
    int spec_col = col + count_chars(text.substr(0, text.size() - spec.size()));
    if (spec.size() >= 2 && spec.front() == '(' && spec.back() == ')') {
      spec = util::trim(spec.substr(1, spec.size() - 2));
    }
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::group; // with limits
    node->line = line;
    node->col = col;
    node->children = {reference(target, line, at_number, number)};
    node->limits = ovid_detail::read_limits(spec, line, spec_col);
    return node;
  }

  const QueryFile& m_q;
  Strategy& m_s;
  int m_total = 0; // the number of the last line (numbered lines may skip numbers)
  static constexpr int k_max_references = 1'000'000;
  int m_references = 0;
};

} // namespace

Strategy parse_ovid(const QueryFile& query) { return parse_history(query, Syntax::ovid); }

Strategy parse_history(const QueryFile& query, Syntax syntax)
{
  Strategy s;
  s.syntax = syntax;
  s.vocabulary = vocabulary_of(query, syntax);
  if (syntax == Syntax::pubmed) {
    s.findings.push_back(finding("FOREIGN-SYNTAX", 0, 0, "PubMed's lines are read by check_query_text"));
    return s;
  }
  OvidReader(query, s).run();
  return s;
}

Strategy read_strategy(const QueryFile& query)
{
  Strategy s;
  s.syntax = query.syntax;
  if (query.syntax == Syntax::pubmed) {
    s.lines = query.lines;
    s.expression = query.expression;
    for (const auto& f : query.findings) {
      if (f.severity == Severity::error) {
        s.findings.push_back(f);
      }
    }
    return s;
  }
  s = parse_history(query, query.syntax);
  // the header's own problems first
  for (const auto& f : query.findings) {
    if (f.severity == Severity::error) {
      s.findings.insert(s.findings.begin(), f);
    }
  }
  return s;
}

} // namespace synth::query
