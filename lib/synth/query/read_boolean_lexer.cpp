// The lexer of one search line of EBSCOhost, ProQuest, Web of Science, Scopus and the
// Cochrane Library (read_boolean_lexer.hpp), driven by each platform's table
// (platforms_table.hpp); the syntaxes it reads are shown in read_boolean.cpp, its parser.
#include "synth/query/read_boolean_lexer.hpp"
#include "synth/query/ovid_detail.hpp"
#include "synth/query/platforms_table.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query::ovid_detail {

using platforms_detail::Bind;
using platforms_detail::FieldStyle;
using platforms_detail::PlatformTable;

namespace {

bool is_operand_end(char c) { return is_space(c) || c == '(' || c == ')' || c == '"'; }

} // namespace

std::string date_written(const PlatformTable& t, std::string_view from, std::string_view to)
{
  if (t.style == FieldStyle::function) {
    // Scopus: PUBYEAR > 1989 AND PUBYEAR < 2014, PUBYEAR = 2005 (as synth's writer writes it)
    if (from == to) {
      return fmt::format("{} = {}", t.date_code, from);
    }
    auto year = [](std::string_view y, int by) { return std::to_string(std::stoi(std::string(y)) + by); };
    return fmt::format("{} > {} AND {} < {}", t.date_code, year(from, -1), t.date_code, year(to, 1));
  }
  auto years = from == to ? std::string(from) : fmt::format("{}-{}", from, to);
  if (t.style == FieldStyle::equals) {
    return fmt::format("{}=({})", t.date_code, years);
  }
  if (t.style == FieldStyle::prefix) {
    return fmt::format("{} {}", t.date_code, years);
  }
  return fmt::format("{}({}0101-{}1231)", t.date_code, from, to);
}

std::vector<BTok> Lexer::run()
{
  while (m_i < m_s.size()) {
    char c = m_s[m_i];
    if (is_space(c)) {
      ++m_i;
      continue;
    }
    if (c == '(' || c == ')') {
      BTok t;
      t.kind = c == '(' ? BTok::Kind::lparen : BTok::Kind::rparen;
      t.col = col();
      ++m_i;
      m_out.push_back(t);
      if (c == ')') {
        suffix();
      }
      continue;
    }
    if (quote_at(m_s, m_i) != 0) {
      phrase();
      continue;
    }
    if (c == '{' && m_t.syntax == Syntax::scopus) {
      braces();
      continue;
    }
    if (c == '[' && m_t.syntax == Syntax::cochrane) {
      mesh_bracket(col());
      continue;
    }
    word();
  }
  BTok end;
  end.kind = BTok::Kind::end;
  end.col = col();
  m_out.push_back(end);
  return m_out;
}

// Cochrane: `:ti,ab,kw` right after a term or ')'
void Lexer::suffix()
{
  if (m_t.style != FieldStyle::suffix || m_i >= m_s.size() || m_s[m_i] != ':') {
    return;
  }
  int at = col();
  std::size_t s = ++m_i;
  while (m_i < m_s.size() && !is_operand_end(m_s[m_i])) {
    ++m_i;
  }
  BTok t;
  t.kind = BTok::Kind::suffix;
  t.col = at;
  t.fields = codes(m_s.substr(s, m_i - s), at);
  push(t);
}

// Field codes separated by commas ("ti,ab,kw", "TI,AB"), each known, their fields joined.
FieldSet Lexer::codes(std::string_view list, int at) const
{
  FieldSet out;
  if (list.empty()) {
    stop("TAG-UNKNOWN", m_line, at, fmt::format("a field code is missing after ':', expected one like ti,ab,kw"));
  }
  for (auto code : util::split(list, ',')) {
    const auto* c = platforms_detail::find_code(m_t, util::trim(code));
    if (c == nullptr) {
      stop("TAG-UNKNOWN", m_line, at, fmt::format("unknown {} field code `{}`", m_t.name, util::trim(code)),
           "see docs/translate.md for the field codes synth reads");
    }
    for (const auto& name : field_names_of(c->fields)) {
      out.add(name);
    }
  }
  return out;
}

std::vector<Field> Lexer::field_names_of(const FieldSet& fs)
{
  std::vector<Field> out;
  for (unsigned b = 0; b < 64; ++b) {
    if (fs.has(static_cast<Field>(b))) {
      out.push_back(static_cast<Field>(b));
    }
  }
  return out;
}

void Lexer::phrase()
{
  int at = col();
  m_i += quote_at(m_s, m_i);
  std::size_t s = m_i;
  while (m_i < m_s.size() && quote_at(m_s, m_i) == 0) {
    ++m_i;
  }
  if (m_i >= m_s.size()) {
    stop("QUOTE", m_line, at, "unbalanced quote: no closing '\"' before the end of the line");
  }
  BTok t;
  t.kind = BTok::Kind::phrase;
  t.text = std::string(util::trim(m_s.substr(s, m_i - s)));
  t.col = at;
  t.loose = m_t.syntax == Syntax::scopus; // Scopus: "..." loose, {...} exact
  m_i += quote_at(m_s, m_i);
  push(t);
  suffix();
}

void Lexer::braces()
{
  int at = col();
  auto close = m_s.find('}', m_i);
  if (close == std::string_view::npos) {
    stop("QUOTE", m_line, at, "unbalanced brace: no closing '}' before the end of the line");
  }
  BTok t;
  t.kind = BTok::Kind::phrase;
  t.text = std::string(util::trim(m_s.substr(m_i + 1, close - m_i - 1)));
  t.col = at;
  m_i = close + 1;
  push(t);
}

// Cochrane: [mh "Heading"] exploded, [mh ^"Heading"] this term only; [Heading] after
// `MeSH descriptor:`.
void Lexer::mesh_bracket(int at, bool descriptor)
{
  auto close = m_s.find(']', m_i);
  if (close == std::string_view::npos) {
    stop("PAREN", m_line, at, "unbalanced bracket: expected ']' before the end of the line");
  }
  auto inner = util::trim(m_s.substr(m_i + 1, close - m_i - 1));
  BTok t;
  t.kind = BTok::Kind::heading;
  t.vocabulary = Vocabulary::mesh;
  t.col = at;
  if (!descriptor) {
    if (!util::istarts_with(inner, "mh ") && !util::istarts_with(inner, "mh\"")) {
      stop("SYNTAX", m_line, at,
           fmt::format("unexpected `[{}]`, expected a MeSH heading like [mh \"Heading\"]", inner));
    }
    inner = util::trim(inner.substr(2));
    t.explode = true;
    if (!inner.empty() && inner.front() == '^') {
      t.explode = false;
      inner = util::trim(inner.substr(1));
    }
  }
  if (inner.size() >= 2 && inner.front() == '"' && inner.back() == '"') {
    inner = inner.substr(1, inner.size() - 2);
  }
  if (inner.empty()) {
    stop("SYNTAX", m_line, at, "a heading without its name");
  }
  t.text = std::string(inner);
  m_i = close + 1;
  if (descriptor) {
    // explode all trees | explode selected trees | this term only
    auto rest = m_s.substr(m_i);
    auto lead = rest.find_first_not_of(" \t");
    rest = lead == std::string_view::npos ? std::string_view() : rest.substr(lead);
    for (std::string_view q : {"explode all trees", "explode selected trees", "this term only"}) {
      if (util::istarts_with(rest, q)) {
        t.explode = q != "this term only";
        m_i += lead + q.size();
        break;
      }
    }
  }
  push(t);
}

bool Lexer::ebsco_heading(std::string_view upper, BTok& t) const
{
  if (m_t.syntax != Syntax::ebsco) {
    return false;
  }
  if (upper == "MH" || upper == "MM") {
    t.vocabulary = m_vocabulary;
    t.major = upper == "MM";
    t.plus_explodes = true;
    return true;
  }
  if (upper == "DE") {
    t.vocabulary = Vocabulary::apa;
    return true;
  }
  return false;
}

void Lexer::word()
{
  int at = col();
  std::size_t s = m_i;
  bool equals = m_t.style == FieldStyle::equals;
  while (m_i < m_s.size() && !is_operand_end(m_s[m_i]) && quote_at(m_s, m_i) == 0 && !(equals && m_s[m_i] == '=')) {
    ++m_i;
  }
  auto raw = m_s.substr(s, m_i - s);
  auto upper = util::to_upper(raw);
  BTok t;
  t.col = at;
  t.text = std::string(raw);
  // Web of Science: TS=(...), TI=word
  if (equals && m_i < m_s.size() && m_s[m_i] == '=') {
    ++m_i;
    if (!m_t.date_code.empty() && upper == m_t.date_code) {
      date_limit(t); // Web of Science: PY=(1990-2013), PY=2005
      return;
    }
    const auto* c = platforms_detail::find_code(m_t, raw);
    if (c == nullptr) {
      stop("TAG-UNKNOWN", m_line, at, fmt::format("unknown {} field tag `{}=`", m_t.name, raw),
           "see docs/translate.md for the field tags synth reads");
    }
    t.kind = BTok::Kind::field;
    t.fields = c->fields;
    push(t);
    return;
  }
  // ProQuest and Scopus: CODE(...), TI,AB(...), MESH.EXACT.EXPLODE("...")
  if ((m_t.style == FieldStyle::code_list || m_t.style == FieldStyle::function) && m_i < m_s.size()
      && m_s[m_i] == '(') {
    if (!m_t.date_code.empty() && upper == m_t.date_code) {
      date_limit(t); // ProQuest: PD(19900101-20131231)
      return;
    }
    function(raw, upper, t);
    return;
  }
  // Cochrane: pain:ti,ab   MeSH descriptor: [x] explode all trees
  if (m_t.style == FieldStyle::suffix) {
    if (util::iequals(raw, "MeSH")) {
      auto rest = m_s.substr(m_i);
      auto lead = rest.find_first_not_of(" \t");
      if (lead != std::string_view::npos && util::istarts_with(rest.substr(lead), "descriptor:")) {
        m_i += lead + 11;
        while (m_i < m_s.size() && is_space(m_s[m_i])) {
          ++m_i;
        }
        if (m_i >= m_s.size() || m_s[m_i] != '[') {
          stop("SYNTAX", m_line, col(), "expected [Heading] after `MeSH descriptor:`");
        }
        mesh_bracket(at, true);
        return;
      }
    }
    auto colon = raw.rfind(':');
    if (colon != std::string_view::npos && colon > 0 && colon + 1 < raw.size()) {
      t.kind = BTok::Kind::word;
      t.text = std::string(raw.substr(0, colon));
      push(t);
      m_i = s + colon;
      suffix();
      return;
    }
  }
  // Scopus: PUBYEAR > 1989, PUBYEAR < 2014, PUBYEAR = 2005 (AFT, BEF, IS)
  if (m_t.style == FieldStyle::function && !m_t.date_code.empty() && util::istarts_with(upper, m_t.date_code)
      && (upper.size() == m_t.date_code.size()
          || std::string_view("<>=").find(upper[m_t.date_code.size()]) != std::string_view::npos)) {
    m_i = s + m_t.date_code.size(); // PUBYEAR>1989 as PUBYEAR > 1989
    year_comparison(t);
    return;
  }
  if (operator_word(raw, upper, t)) {
    return;
  }
  // a line reference: S3, #3
  if (upper.size() > m_t.line_prefix.size() && util::istarts_with(upper, m_t.line_prefix)
      && all_digits(upper.substr(m_t.line_prefix.size()))) {
    t.kind = BTok::Kind::ref;
    t.n = std::stoi(upper.substr(m_t.line_prefix.size()));
    push(t);
    return;
  }
  // EBSCOhost: DT 1990-2013, a publication-year limit
  if (m_t.style == FieldStyle::prefix && raw == upper && !m_t.date_code.empty() && upper == m_t.date_code) {
    date_limit(t);
    return;
  }
  // EBSCOhost: TI ( ... ), TI words, MH "Heading+"
  if (m_t.style == FieldStyle::prefix && raw == upper && m_i < m_s.size()) {
    if (ebsco_heading(upper, t)) {
      t.kind = BTok::Kind::heading_code;
      push(t);
      return;
    }
    if (const auto* c = platforms_detail::find_code(m_t, raw)) {
      t.kind = BTok::Kind::field;
      t.fields = c->fields;
      push(t);
      return;
    }
  }
  t.kind = BTok::Kind::word;
  push(t);
}

// Scopus's PUBYEAR compared with a year: `> 1989` (AFT), `< 2014` (BEF), `= 2005` (IS),
// the tree's publication-year limit with one end open (`=`: both ends that year). Two of
// them ANDed (PUBYEAR > 1989 AND PUBYEAR < 2014) meet in Parser::with_limits.
void Lexer::year_comparison(BTok& t)
{
  auto skip_space = [&] {
    while (m_i < m_s.size() && is_space(m_s[m_i])) {
      ++m_i;
    }
  };
  auto example = fmt::format("{} > 1989, {} < 2014 or {} = 2005", m_t.date_code, m_t.date_code, m_t.date_code);
  skip_space();
  int at = col();
  std::size_t s = m_i;
  while (m_i < m_s.size() && !is_operand_end(m_s[m_i]) && !is_digit(m_s[m_i])) {
    ++m_i;
  }
  auto op = util::to_upper(m_s.substr(s, m_i - s));
  char cmp = '\0';
  if (op == ">" || op == "AFT") {
    cmp = '>';
  } else if (op == "<" || op == "BEF") {
    cmp = '<';
  } else if (op == "=" || op == "IS") {
    cmp = '=';
  }
  if (cmp == '\0') {
    stop("DATE", m_line, op.empty() ? t.col : at,
         fmt::format("{} without >, <, = (or AFT, BEF, IS) and a year, expected e.g. {}", m_t.date_code, example));
  }
  skip_space();
  int year_at = col();
  s = m_i;
  while (m_i < m_s.size() && !is_operand_end(m_s[m_i])) {
    ++m_i;
  }
  auto year = m_s.substr(s, m_i - s);
  if (year.size() != 4 || !std::all_of(year.begin(), year.end(), is_digit)) {
    stop("DATE", m_line, year.empty() ? at : year_at,
         fmt::format("bad year `{}` after `{} {}`, expected e.g. {}", year, m_t.date_code, op, example));
  }
  int y = std::stoi(std::string(year));
  Limit l;
  l.kind = Limit::Kind::publication_date;
  if (cmp != '<') {
    l.from = std::to_string(cmp == '>' ? y + 1 : y);
  }
  if (cmp != '>') {
    l.to = std::to_string(cmp == '<' ? y - 1 : y);
  }
  t.kind = BTok::Kind::limit;
  t.text = fmt::format("{} {} {}", m_t.date_code, op, year);
  t.limits = {l};
  push(t);
}

// The date code's value: `1990-2013`, `2005` (years, the tree's publication-year limit),
// in parentheses or not; whole years written as months or days (`199001-201312`,
// `19900101-20131231`, as ProQuest's PD is written) are those years; other months and
// days are refused: the tree's year limit keeps years only, and widening them silently
// would change the search.
void Lexer::date_limit(BTok& t)
{
  while (m_i < m_s.size() && is_space(m_s[m_i])) {
    ++m_i;
  }
  int at = col();
  std::string_view value;
  if (m_i < m_s.size() && m_s[m_i] == '(') {
    // PY=(1990-2013), PD(19900101-20131231)
    auto close = m_s.find(')', m_i);
    if (close == std::string_view::npos) {
      stop("PAREN", m_line, at, "unbalanced parenthesis: expected ')' before the end of the line");
    }
    value = util::trim(m_s.substr(m_i + 1, close - m_i - 1));
    m_i = close + 1;
  } else {
    std::size_t s = m_i;
    while (m_i < m_s.size() && !is_operand_end(m_s[m_i])) {
      ++m_i;
    }
    value = m_s.substr(s, m_i - s);
  }
  auto dash = value.find('-');
  auto from = value.substr(0, dash);
  auto to = dash == std::string_view::npos ? from : value.substr(dash + 1);
  auto digits = [](std::string_view x) { return !x.empty() && std::all_of(x.begin(), x.end(), is_digit); };
  auto example = fmt::format("{} or {}", date_written(m_t, "1990", "2013"), date_written(m_t, "2005", "2005"));
  if (value.empty()) {
    stop("DATE", m_line, t.col, fmt::format("{}'s {} without a date, expected e.g. {}", m_t.name, t.text, example));
  }
  if (!digits(from) || !digits(to) || from.size() != to.size()
      || (from.size() != 4 && from.size() != 6 && from.size() != 8)) {
    stop("DATE", m_line, at, fmt::format("bad date `{} {}`, expected years like {}", t.text, value, example));
  }
  if (from > to) {
    stop("DATE", m_line, at, fmt::format("the date range `{} {}` ends before it starts", t.text, value));
  }
  // whole years written as months or days (what synth's ProQuest writer writes): years
  if ((from.size() == 6 && from.substr(4) == "01" && to.substr(4) == "12")
      || (from.size() == 8 && from.substr(4) == "0101" && to.substr(4) == "1231")) {
    from = from.substr(0, 4);
    to = to.substr(0, 4);
  }
  if (from.size() != 4) {
    stop("DATE", m_line, at,
         fmt::format("`{} {}` limits to {}: synth's publication-date limit keeps years only", t.text, value,
                     from.size() == 6 ? "months" : "days"),
         fmt::format("write {} (whole years: wider) or set date-from:/date-to: in the header",
                     date_written(m_t, from.substr(0, 4), to.substr(0, 4))));
  }
  Limit l;
  l.kind = Limit::Kind::publication_date;
  // the writers' open ends (DT 1000-2013, DT 2005-9999, PY=(1900-2013)) read back as open
  l.from = from == m_t.date_open_from ? "" : std::string(from);
  l.to = to == m_t.date_open_to ? "" : std::string(to);
  t.kind = BTok::Kind::limit;
  t.text += " " + std::string(value);
  t.limits = {l};
  push(t);
}

void Lexer::function(std::string_view raw, const std::string& upper, BTok& t)
{
  // ProQuest: MESH.EXACT("x"), SU.EXACT.EXPLODE("x"), MJMESH.EXACT("x") (major)
  for (std::string_view suffix : {".EXACT.EXPLODE", ".EXACT"}) {
    if (m_t.style == FieldStyle::code_list && upper.size() > suffix.size()
        && std::string_view(upper).substr(upper.size() - suffix.size()) == suffix) {
      auto code = std::string_view(upper).substr(0, upper.size() - suffix.size());
      if (code == "MESH" || code == "MJMESH" || code == "SU" || code == "MJSUB") {
        t.kind = BTok::Kind::heading_code;
        t.vocabulary = code == "MESH" || code == "MJMESH" ? Vocabulary::mesh : m_vocabulary;
        t.major = code == "MJMESH" || code == "MJSUB";
        t.explode = suffix == ".EXACT.EXPLODE";
        push(t);
        return;
      }
      stop("TAG-UNKNOWN", m_line, t.col, fmt::format("unknown {} field code `{}`", m_t.name, raw),
           "see docs/translate.md for the field codes synth reads");
    }
  }
  t.kind = BTok::Kind::field;
  t.fields = m_t.style == FieldStyle::code_list ? codes(raw, t.col) : FieldSet{};
  if (m_t.style == FieldStyle::function) {
    const auto* c = platforms_detail::find_code(m_t, raw);
    if (c == nullptr) {
      stop("TAG-UNKNOWN", m_line, t.col, fmt::format("unknown {} field code `{}(`", m_t.name, raw),
           "see docs/translate.md for the field codes synth reads");
    }
    t.fields = c->fields;
  }
  push(t);
}

bool Lexer::operator_word(std::string_view raw, const std::string& upper, BTok& t)
{
  t.kind = BTok::Kind::op;
  // Web of Science's SAME: the same address in an address field (AD=, which synth does not
  // read), AND elsewhere (docs/translate.md)
  if (upper == "SAME" && m_t.syntax == Syntax::wos) {
    t.bind = Bind::op_and;
    push(t);
    return true;
  }
  if (upper == "AND") {
    // AND NOT (Scopus, ProQuest): one NOT
    auto rest = m_s.substr(m_i);
    auto lead = rest.find_first_not_of(" \t");
    if (lead != std::string_view::npos && util::istarts_with(rest.substr(lead), "not")
        && (lead + 3 == rest.size() || is_operand_end(rest[lead + 3]))) {
      m_i += lead + 3;
      t.bind = Bind::op_not;
    } else {
      t.bind = Bind::op_and;
    }
    push(t);
    return true;
  }
  if (upper == "OR" || upper == "NOT") {
    t.bind = upper == "OR" ? Bind::op_or : Bind::op_not;
    push(t);
    return true;
  }
  for (const auto& sp : m_t.near) {
    // one-letter prefixes (EBSCOhost's N5, W5) in upper case only: n5 is a word
    bool short_prefix = sp.prefix.size() == 1;
    if (short_prefix && raw.substr(0, 1) != sp.prefix) {
      continue;
    }
    if (sp.number && util::istarts_with(upper, sp.prefix)) {
      auto digits = std::string_view(upper).substr(sp.prefix.size());
      if (digits.empty() && !short_prefix) {
        stop("SYNTAX", m_line, t.col, fmt::format("expected a number after `{}`, like {}3", raw, sp.prefix));
      }
      if (!all_digits(digits)) {
        continue;
      }
      t.n = std::stoi(std::string(digits));
      t.bind = sp.ordered ? Bind::near_ordered : Bind::near_any;
      push(t);
      return true;
    }
    if (!sp.number && upper == sp.prefix) {
      t.n = sp.fixed;
      t.bind = sp.ordered ? Bind::near_ordered : Bind::near_any;
      push(t);
      return true;
    }
  }
  return false;
}

} // namespace synth::query::ovid_detail
