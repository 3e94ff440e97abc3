#include "synth/query/query_file.hpp"

#include "synth/core/error.hpp"
#include "synth/query/dates.hpp"
#include "synth/query/lint.hpp"
#include "synth/query/parser.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <unordered_map>

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

bool is_space(char c) { return c == ' ' || c == '\t'; }

// '#' followed by white space or nothing starts a comment.
bool is_comment(std::string_view trimmed)
{
  return !trimmed.empty() && trimmed[0] == '#' && (trimmed.size() == 1 || is_space(trimmed[1]));
}

// Removes a trailing " # comment" from a header value.
std::string_view strip_comment(std::string_view value)
{
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '#' && (i == 0 || is_space(value[i - 1])) && (i + 1 == value.size() || is_space(value[i + 1]))) {
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

[[noreturn]] void stop(std::string_view code, int line, int col, std::string message)
{
  throw ParseStop{finding(code, line, col, std::move(message))};
}

const char* const k_header_keys =
  "database, name, date-from, date-to, language or x-..."; // and syntax (docs/translate.md)

// `syntax: ovid`: the declared syntax, or nullopt when the value names none.
std::optional<Syntax> syntax_of(std::string_view value)
{
  for (auto s :
       {Syntax::pubmed, Syntax::ovid, Syntax::ebsco, Syntax::wos, Syntax::scopus, Syntax::proquest, Syntax::cochrane}) {
    if (util::iequals(value, syntax_key(s))) {
      return s;
    }
  }
  return std::nullopt;
}

void set_header(QueryFile& q, const PhysicalLine& pl, std::size_t key_at, const std::string& key, std::string value)
{
  int col = static_cast<int>(key_at) + 1;
  auto lower = util::to_lower(key);
  bool known = lower == "database" || lower == "name" || lower == "date-from" || lower == "date-to"
               || lower == "language" || lower == "syntax";
  if (!known && !util::istarts_with(lower, "x-")) {
    stop("HEADER", pl.number, col, fmt::format("unknown header key '{}', expected {}", key, k_header_keys));
  }
  if (q.header.count(lower) != 0) {
    stop("HEADER", pl.number, col, fmt::format("header key '{}' given twice, expected it once", key));
  }
  if (known && value.empty()) {
    stop("HEADER", pl.number, col, fmt::format("empty value for header key '{}', expected a value after ':'", key));
  }
  if ((lower == "date-from" || lower == "date-to")
      && (value.find('/') != std::string::npos || !parse_day_span(value))) {
    stop("HEADER", pl.number, col, fmt::format("bad date '{}' for {}, expected YYYY-MM-DD", value, lower));
  }
  if (lower == "syntax" && !syntax_of(value)) {
    stop("HEADER", pl.number, col,
         fmt::format("unknown syntax '{}', expected pubmed, ovid, ebsco, wos, scopus, proquest or cochrane", value));
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
      stop("HEADER", pl.number, col,
           fmt::format("date-to {} is before date-from {}, expected a later date", value, q.date_from));
    }
  } else if (lower == "language") {
    q.language = value;
  }
}

void set_limits(QueryFile& q)
{
  if (!q.date_from.empty() || !q.date_to.empty()) {
    Limit date;
    date.kind = Limit::Kind::publication_date;
    date.from = q.date_from;
    date.to = q.date_to;
    q.limits.push_back(std::move(date));
  }
  Limit language;
  language.kind = Limit::Kind::language;
  for (auto part : util::split(q.language, ',')) {
    for (auto piece : util::split(part, ';')) {
      auto lang = util::to_lower(util::trim(piece));
      if (!lang.empty()) {
        language.languages.push_back(lang);
      }
    }
  }
  if (!language.languages.empty()) {
    q.limits.push_back(std::move(language));
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
        stop("HEADER", pl.number, 1, "missing header key 'database', expected e.g. 'database: pubmed' before '---'");
      }
      set_limits(q);
      return i + 1;
    }
    auto colon = pl.text.find(':');
    auto key_at = pl.text.find_first_not_of(" \t");
    std::size_t ignored = 0;
    char c0 = trimmed[0];
    bool strategy_like = line_label(trimmed, ignored) != 0 || c0 == '(' || c0 == '"';
    if (colon == std::string_view::npos || strategy_like) {
      if (strategy_like || q.header.count("database") != 0) {
        stop("HEADER", pl.number, 1,
             "strategy before the '---' line, expected '---' between the header and the strategy");
      }
      stop("HEADER", pl.number, static_cast<int>(key_at) + 1, "expected 'key: value' in the header");
    }
    auto key = std::string(util::trim(pl.text.substr(key_at, colon - key_at)));
    auto value = std::string(strip_comment(pl.text.substr(colon + 1)));
    set_header(q, pl, key_at, key, value);
  }
  int last = lines.empty() ? 1 : lines.back().number;
  stop("HEADER", last, 1, "missing '---' line, expected '---' between the header and the strategy");
}

struct PendingLine
{
  int number = 0;
  int line = 0;
  std::vector<Segment> segments;
};

std::vector<PendingLine> group_body(const std::vector<PhysicalLine>& lines, std::size_t from,
                                    std::vector<Finding>& findings)
{
  std::vector<PendingLine> out;
  bool numbered = false;
  int blank_at = 0; // an empty line since the last line of the strategy
  for (std::size_t i = from; i < lines.size(); ++i) {
    const auto& pl = lines[i];
    auto trimmed = util::trim(pl.text);
    if (trimmed.empty()) {
      blank_at = blank_at == 0 ? pl.number : blank_at;
      continue;
    }
    if (is_comment(trimmed)) {
      continue;
    }
    std::size_t rest = 0;
    int label = line_label(pl.text, rest);
    if (label != 0) {
      if (!out.empty() && !numbered) {
        stop("LINE", pl.number, 1,
             fmt::format("numbered line #{} after an unnumbered expression, expected every line to start with #n or "
                         "none",
                         label));
      }
      numbered = true;
      for (const auto& earlier : out) {
        if (earlier.number == label) {
          stop("LINE", pl.number, 1,
               fmt::format("#{} is defined twice (first on line {}), expected a new number", label, earlier.line));
        }
      }
      out.push_back(PendingLine{label, pl.number, {}});
      auto seg = segment_of(pl.text, rest, pl.number);
      if (!seg.text.empty()) {
        out.back().segments.push_back(seg);
      }
      blank_at = 0;
      continue;
    }
    bool indented = is_space(pl.text[0]);
    if (numbered && !indented) {
      stop("LINE", pl.number, 1,
           "line does not start with #n, expected '#n expression' or an indented continuation line");
    }
    if (numbered && blank_at != 0) {
      findings.push_back(
        finding("BLANK-LINE", pl.number, 1,
                fmt::format("the empty line {} splits #{}: line {} still continues #{} (line {})", blank_at,
                            out.back().number, pl.number, out.back().number, out.back().line),
                "remove the empty line, or start a new numbered line"));
    }
    blank_at = 0;
    if (out.empty()) {
      out.push_back(PendingLine{0, pl.number, {}});
    }
    out.back().segments.push_back(segment_of(pl.text, 0, pl.number));
  }
  return out;
}

// The body between '---' and the end, verbatim, without leading and trailing blank lines
// and without carriage returns.
std::string strategy_text(std::string_view all, const std::vector<PhysicalLine>& lines, std::size_t from)
{
  std::size_t first = from;
  while (first < lines.size() && util::trim(lines[first].text).empty()) {
    ++first;
  }
  std::size_t last = lines.size();
  while (last > first && util::trim(lines[last - 1].text).empty()) {
    --last;
  }
  if (first >= last) {
    return {};
  }
  auto begin = static_cast<std::size_t>(lines[first].text.data() - all.data());
  auto end = static_cast<std::size_t>(lines[last - 1].text.data() + lines[last - 1].text.size() - all.data());
  std::string out(all.substr(begin, end - begin));
  out.erase(std::remove(out.begin(), out.end(), '\r'), out.end());
  return out;
}

// Characters of render(node), references replaced by their lines (whose sizes are known),
// saturated just above the limit: computed on the DAG, never on the expansion.
std::uint64_t expanded_size(const Node& node, const std::unordered_map<const Node*, std::uint64_t>& lines)
{
  constexpr std::uint64_t cap = k_max_expanded_chars + 1;
  std::uint64_t n = 0;
  switch (node.kind) {
  case Node::Kind::term:
    n = node.text.size() + (node.is_phrase ? 2 : 0) + (node.tag.empty() ? 0 : node.tag.size() + 2);
    break;
  case Node::Kind::date_range:
    n = node.compact ? node.text.size() + node.tag.size() + 2
                     : expanded_size(*node.children[0], lines) + 3 + expanded_size(*node.children[1], lines);
    break;
  case Node::Kind::chain:
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      std::uint64_t op = 0;
      if (i > 0) {
        const auto& o = node.ops[i - 1];
        op = o.implicit ? 1 : o.op == Op::op_or ? 4 : 5; // " ", " OR ", " AND ", " NOT "
      }
      n = std::min(cap, n + op + expanded_size(*node.children[i], lines));
    }
    break;
  case Node::Kind::group:
    n = 2 + expanded_size(*node.children[0], lines);
    break;
  case Node::Kind::reference: {
    auto it = lines.find(node.children[0].get());
    n = 2 + (it == lines.end() ? cap : it->second);
    break;
  }
  }
  return std::min(cap, n);
}

class Checker
{
public:
  explicit Checker(QueryFile& q) : m_q(q) {}

  void run()
  {
    if (auto bad = util::find_invalid_utf8(m_q.text)) {
      m_q.findings.push_back(finding("ENCODING", static_cast<int>(util::line_of(m_q.text, *bad)), 0,
                                     "invalid UTF-8, expected a UTF-8 text file",
                                     "convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8"));
      return;
    }
    std::string_view body = m_q.text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") {
      body.remove_prefix(3);
    }
    auto lines = split_lines(body);
    std::size_t start = 0;
    std::vector<PendingLine> pending;
    try {
      start = parse_header(m_q, lines);
      m_q.strategy = strategy_text(body, lines, start);
      if (!recognise_syntax(lines, start)) {
        return;
      }
      pending = group_body(lines, start, m_q.findings);
      if (pending.empty()) {
        stop("LINE", lines[start - 1].number, 1, "empty strategy, expected a search expression after '---'");
      }
    } catch (const ParseStop& s) {
      m_q.findings.push_back(s.finding);
      return;
    }
    for (const auto& p : pending) {
      read_line(p, pending);
    }
    const auto& last = m_q.lines.back();
    m_q.expression = last.expression;
    LintOptions options;
    options.pubmed = engine(m_q) == Engine::pubmed;
    lint(m_q, options, m_q.findings);
  }

private:
  // False when the strategy is in another platform's syntax: then it is not parsed.
  bool recognise_syntax(const std::vector<PhysicalLine>& lines, std::size_t start)
  {
    std::vector<TextLine> text;
    for (std::size_t i = start; i < lines.size(); ++i) {
      if (!is_comment(util::trim(lines[i].text))) {
        text.push_back(TextLine{lines[i].text, lines[i].number});
      }
    }
    auto declared = m_q.header.find("syntax");
    if (declared == m_q.header.end()) {
      declared = m_q.header.find("database"); // database: ovid names the syntax too
      auto named = syntax_of(declared->second);
      if (!named || *named == Syntax::pubmed) {
        declared = m_q.header.end();
      }
    }
    if (declared != m_q.header.end()) {
      // `syntax:` says what recognition would guess: a strategy in another syntax is kept
      // verbatim (ovid.hpp reads Ovid's), PubMed's is parsed and checked as PubMed's.
      m_q.syntax = *syntax_of(declared->second);
      if (m_q.syntax != Syntax::pubmed) {
        lint_platform(m_q, text, m_q.findings);
        return false;
      }
    }
    auto r = recognise(text);
    bool manual = engine(m_q) == Engine::manual;
    if (r.syntax != Syntax::pubmed) {
      m_q.syntax = r.syntax;
      if (manual) {
        lint_platform(m_q, text, m_q.findings);
      }
      if (!manual) {
        // the first mark of that platform, a strong one if there is one
        auto of = [&](bool strong) {
          return std::find_if(r.marks.begin(), r.marks.end(),
                              [&](const SyntaxMark& m) { return m.syntax == r.syntax && (m.strong || !strong); });
        };
        const auto& mark = of(true) != r.marks.end() ? *of(true) : *of(false);
        m_q.findings.push_back(finding(
          "FOREIGN-SYNTAX", mark.line, mark.col,
          fmt::format("this looks like {} syntax (line {}: `{}`), not PubMed's", syntax_name(r.syntax), mark.line,
                      mark.text),
          fmt::format("set `database:` to the platform it was run on (database: {}): synth then keeps it verbatim",
                      syntax_key(r.syntax))));
      }
      return false;
    }
    if (!manual) {
      for (const auto& mark : r.marks) {
        if (mark.strong) {
          m_q.findings.push_back(foreign_mark(mark));
        }
      }
    }
    return true;
  }

  static Finding foreign_mark(const SyntaxMark& mark)
  {
    auto lower = util::to_lower(mark.text);
    if (lower == "exp") {
      return finding("FOREIGN-SYNTAX", mark.line, mark.col,
                     "`exp` is Ovid's explode, not PubMed syntax: PubMed would search it as a word of the heading",
                     "remove `exp`: PubMed's [mh] explodes by default ([mh:noexp] does not)");
    }
    return finding("FOREIGN-SYNTAX", mark.line, mark.col,
                   fmt::format("`{}` is {} syntax, not PubMed's", mark.text, syntax_name(mark.syntax)),
                   "write it in PubMed's syntax, or set `database:` to the platform the strategy was run on");
  }

  void read_line(const PendingLine& p, const std::vector<PendingLine>& pending)
  {
    Line line;
    line.number = p.number;
    line.line = p.line;
    for (const auto& seg : p.segments) {
      if (!line.text.empty()) {
        line.text += ' ';
      }
      line.text += util::trim(seg.text);
    }
    try {
      if (p.segments.empty()) {
        stop("LINE", p.line, 1,
             fmt::format("#{} has no expression, expected a search expression after #{}", p.number, p.number));
      }
      Resolver resolve = [&](const Token& ref) { return target(ref, p, pending); };
      auto parsed = parse_segments(p.segments, resolve, m_q.findings);
      line.depth = parsed.depth;
      line.expanded_size = expanded_size(*parsed.expression, m_sizes);
      if (line.expanded_size > k_max_expanded_chars) {
        stop("LIMIT", p.line, 1,
             fmt::format("{} expands to more than {} characters once its line references are replaced (synth sends at "
                         "most {})",
                         p.number == 0 ? std::string("the search") : fmt::format("#{}", p.number), k_max_expanded_chars,
                         k_max_expanded_chars));
      }
      line.expression = parsed.expression;
      m_sizes[line.expression.get()] = line.expanded_size;
    } catch (const ParseStop& s) {
      if (!s.finding.code.empty()) {
        m_q.findings.push_back(s.finding);
      }
    }
    m_q.lines.push_back(std::move(line));
  }

  LineTarget target(const Token& ref, const PendingLine& from, const std::vector<PendingLine>& pending) const
  {
    for (const auto& done : m_q.lines) {
      if (done.number == ref.number) {
        if (!done.expression) {
          throw ParseStop{}; // that line has its error already: nothing more to say here
        }
        return LineTarget{done.expression, done.depth};
      }
    }
    bool exists =
      std::any_of(pending.begin(), pending.end(), [&](const PendingLine& l) { return l.number == ref.number; });
    if (exists && from.number != 0) {
      throw ParseStop{
        finding("REF-ORDER", ref.line, ref.col,
                ref.number == from.number
                  ? fmt::format("#{} refers to itself, expected a reference to an earlier line", ref.number)
                  : fmt::format("#{} refers to line #{}, which comes later, expected a reference to an "
                                "earlier line",
                                from.number, ref.number),
                "renumber the lines so that each refers to lines above it")};
    }
    throw ParseStop{
      finding("REF-MISSING", ref.line, ref.col, fmt::format("{} refers to a line that does not exist", ref.text))};
  }

  QueryFile& m_q;
  std::unordered_map<const Node*, std::uint64_t> m_sizes; // expanded size of each line's expression
};

} // namespace

Engine engine(const QueryFile& query)
{
  if (auto s = query.header.find("syntax"); s != query.header.end() && !util::iequals(s->second, "pubmed")) {
    return Engine::manual; // MEDLINE on Ovid: run by hand
  }
  if (util::iequals(query.database, "pubmed") || util::iequals(query.database, "medline")) {
    return Engine::pubmed;
  }
  if (util::iequals(query.database, "crossref")) {
    return Engine::crossref;
  }
  if (util::iequals(query.database, "openalex")) {
    return Engine::openalex;
  }
  return Engine::manual;
}

bool has_errors(const QueryFile& query, bool strict)
{
  return std::any_of(query.findings.begin(), query.findings.end(),
                     [&](const Finding& f) { return strict || f.severity == Severity::error; });
}

QueryFile check_query_text(std::string_view text, const std::string& label)
{
  QueryFile q;
  q.path = label;
  q.text = std::string(text);
  Checker(q).run();
  std::stable_sort(q.findings.begin(), q.findings.end(), [](const Finding& a, const Finding& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  return q;
}

QueryFile check_query_file(const std::filesystem::path& path)
{
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const std::runtime_error& e) {
    throw Error(e.what());
  }
  return check_query_text(text, path.string());
}

namespace {

QueryFile require_usable(QueryFile q)
{
  for (const auto& f : q.findings) {
    if (f.severity == Severity::error) {
      throw Error(error_text(q.path, f));
    }
  }
  return q;
}

} // namespace

QueryFile parse_query_text(std::string_view text, const std::string& label)
{
  return require_usable(check_query_text(text, label));
}

QueryFile parse_query_file(const std::filesystem::path& path) { return require_usable(check_query_file(path)); }

} // namespace synth::query
