#include "synth/query/detect.hpp"

#include "synth/query/lexer.hpp"
#include "synth/query/tags.hpp"
#include "synth/util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace synth::query {

namespace {

struct Piece
{
  std::string_view text;
  int col = 0;
};

// Splits a line at white space, with each piece's column (characters, not bytes).
std::vector<Piece> pieces(std::string_view line)
{
  std::vector<Piece> out;
  int col = 1;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++col;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') {
      ++j;
    }
    auto text = line.substr(i, j - i);
    out.push_back(Piece{text, col});
    col += count_chars(text);
    i = j;
  }
  return out;
}

std::string lower(std::string_view s) { return util::to_lower(s); }

bool all_digits(std::string_view s)
{
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool in(std::string_view word, std::initializer_list<std::string_view> set)
{
  return std::find(set.begin(), set.end(), word) != set.end();
}

// Ovid's two-letter field codes (.ti,ab. .mp. .tw. ...).
bool ovid_field(std::string_view code)
{
  return in(code, {"ti", "ab", "tw", "mp", "pt", "sh", "hw", "fs", "nm", "rn", "ot", "kw", "kf", "af", "jw",
                   "jn", "lg", "ed", "yr", "dp", "ps", "rs", "mh", "xm", "tx", "sy", "ds", "id", "ui", "au",
                   "in", "is", "ja", "lo", "ec", "cc", "tm", "ct", "dv", "md", "pd", "tn", "ax", "st", "cm",
                   "hx", "gw", "fx", "mq", "oa", "fa", "em", "dq", "px", "ab", "sc", "dm", "ih", "ac"});
}

// MeSH subheading abbreviations as Ovid writes them after a heading: Neoplasms/di.
bool ovid_subheading(std::string_view code)
{
  return in(code, {"ab", "ad", "ae", "af", "ai", "an", "bi", "bl", "bs", "ch", "ci", "cl", "cn", "co", "cs", "ct",
                   "cy", "df", "dg", "di", "dt", "du", "ec", "ed", "eh", "em", "en", "ep", "es", "et", "ge", "gd",
                   "hi", "im", "in", "ip", "ir", "is", "lj", "ma", "me", "mi", "mo", "mt", "nu", "og", "pa", "pc",
                   "pd", "pe", "ph", "po", "pp", "ps", "pt", "py", "ra", "re", "rh", "ri", "rt", "sc", "se", "sn",
                   "st", "su", "td", "th", "tm", "tr", "tu", "ul", "ur", "us", "ut", "ve", "vi"});
}

// Every piece of `s` separated by `sep` satisfies `ok`.
template <class F>
bool all_parts(std::string_view s, char sep, F ok)
{
  if (s.empty()) {
    return false;
  }
  for (auto part : util::split(s, sep)) {
    if (!ok(part)) {
      return false;
    }
  }
  return true;
}

bool two_lower(std::string_view s)
{
  return s.size() == 2 && std::islower(static_cast<unsigned char>(s[0]))
         && std::islower(static_cast<unsigned char>(s[1]));
}

// "word.ti,ab." "(...)).mp" "x.tw": Ovid's field suffix; the suffix as written, or "".
std::string_view ovid_suffix(std::string_view p)
{
  if (p.find('[') != std::string_view::npos) {
    return {};
  }
  std::string_view body = p;
  if (!body.empty() && body.back() == '.') {
    body.remove_suffix(1);
  }
  auto dot = body.rfind('.');
  if (dot == std::string_view::npos || dot == 0) {
    return {};
  }
  char before = body[dot - 1];
  if (!(is_alnum(before) || before == '$' || before == '*' || before == '?' || before == '#' || before == '"'
        || before == ')')) {
    return {};
  }
  auto codes = body.substr(dot + 1);
  if (!all_parts(codes, ',', [](std::string_view c) { return two_lower(c) && ovid_field(c); })) {
    return {};
  }
  return p.substr(dot);
}

// "Schizophrenia/" or "Carcinoma/di": an Ovid heading; the slash part, or "".
std::string_view ovid_heading(std::string_view p)
{
  if (p.find('[') != std::string_view::npos) {
    return {};
  }
  auto slash = p.rfind('/');
  if (slash == std::string_view::npos || slash == 0) {
    return {};
  }
  auto before = p.substr(0, slash);
  char last = before.back();
  if (!(is_alnum(last) || last == '"' || last == ')' || last == '\'')) {
    return {};
  }
  auto after = p.substr(slash + 1);
  if (after.empty()) {
    return p.substr(slash);
  }
  auto head = lower(before);
  if (head.size() < 3 || head == "and" || head == "not") {
    return {};
  }
  if (all_parts(after, ',', [](std::string_view c) { return two_lower(c) && ovid_subheading(c); })) {
    return p.substr(slash);
  }
  return {};
}

// "TI=", "ts=(": a Web of Science field code; the code with '=', or "".
std::string_view wos_code(std::string_view p, std::string_view next)
{
  std::size_t i = 0;
  while (i < p.size() && std::isalpha(static_cast<unsigned char>(p[i])) != 0) {
    ++i;
  }
  if (i < 2 || i > 5) {
    return {};
  }
  bool eq_here = i < p.size() && p[i] == '=';
  bool eq_next = i == p.size() && !next.empty() && next[0] == '=';
  if (!eq_here && !eq_next) {
    return {};
  }
  auto code = util::to_upper(p.substr(0, i));
  if (!in(code, {"TS", "TI", "AB", "AU",  "AI", "SO", "PY", "DO", "WC",   "SU", "AK", "KP", "OG", "FO", "FG", "FT",
                 "AD", "CU", "OO", "ALL", "UT", "DT", "LA", "IS", "TMSO", "ED", "GP", "SG", "CI", "PS", "ZP", "OA"})) {
    return {};
  }
  return eq_here ? p.substr(0, i + 1) : p.substr(0, i);
}

// "TITLE-ABS-KEY(": Scopus's field functions.
bool scopus_function(std::string_view p, std::string_view next)
{
  auto paren = p.find('(');
  auto name = p.substr(0, paren == std::string_view::npos ? p.size() : paren);
  bool opens = paren != std::string_view::npos || (!next.empty() && next[0] == '(');
  if (!opens || name.empty()) {
    return false;
  }
  auto up = util::to_upper(name);
  if (in(up, {"TITLE-ABS-KEY", "TITLE-ABS", "AUTHKEY", "AUTHOR-NAME", "AUTHLASTNAME", "AFFILORG", "SRCTITLE", "DOCTYPE",
              "SUBJAREA", "INDEXTERMS", "LIMIT-TO", "EXACTKEYWORD", "EXACTSRCTITLE", "AFFIL", "PUBYEAR"})) {
    return true;
  }
  // short names only in Scopus's upper case: TITLE( ABS( KEY( AUTH( LANGUAGE(
  return name == up && in(up, {"TITLE", "ABS", "KEY", "AUTH", "LANGUAGE"});
}

// "noft(", "ti(", "MAINSUBJECT.EXACT(": ProQuest's field codes, written against the '('.
bool proquest_function(std::string_view p)
{
  auto paren = p.find('(');
  if (paren == std::string_view::npos || paren == 0) {
    return false;
  }
  auto name = lower(p.substr(0, paren));
  for (std::string_view suffix : {".exact", ".explode"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
    }
  }
  return in(name, {"noft", "ti", "ab", "su",   "au",    "pub",   "mainsubject", "mesh", "de", "if",    "ft",  "kw",
                   "loc",  "pd", "yr", "peer", "stype", "rtype", "ti,ab",       "cc",   "id", "diskw", "ccl", "sb"});
}

// "diabetes:ti,ab,kw": Cochrane's field suffix.
bool cochrane_suffix(std::string_view p)
{
  if (p.find('[') != std::string_view::npos) {
    return false;
  }
  auto colon = p.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return false;
  }
  auto codes = p.substr(colon + 1);
  while (!codes.empty() && codes.back() == ')') {
    codes.remove_suffix(1);
  }
  return all_parts(codes, ',', [](std::string_view c) {
    return in(c, {"ti", "ab", "kw", "mh", "pt", "so", "au", "an", "tw", "ti,ab,kw"});
  });
}

// "N5", "W3" (EBSCOhost), "NEAR/5" (WoS, ProQuest), "W/3" "PRE/3" (Scopus), "N/3" (ProQuest).
bool proximity_word(std::string_view p, std::string_view prefix)
{
  return p.size() > prefix.size() && p.substr(0, prefix.size()) == prefix && all_digits(p.substr(prefix.size()));
}

class Scanner
{
public:
  void scan(const TextLine& line)
  {
    auto ps = pieces(line.text);
    std::size_t before = m_out.marks.size();
    bool strong = false;
    auto mark = [&](Syntax s, const Piece& p, std::string_view text, bool is_strong = true) {
      // placed at the text the mark quotes when it lies inside the piece: "(exp" at "exp"
      auto at = p.text.find(text);
      int col = p.col + (at == std::string_view::npos ? 0 : count_chars(p.text.substr(0, at)));
      m_out.marks.push_back(SyntaxMark{s, line.number, col, std::string(text), is_strong});
      strong = strong || is_strong;
    };
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const auto& p = ps[k];
      std::string_view t = p.text;
      std::string_view next = k + 1 < ps.size() ? ps[k + 1].text : std::string_view();
      auto bare = t;
      while (!bare.empty() && bare.front() == '(') {
        bare.remove_prefix(1);
      }
      auto lt = lower(bare);
      if (auto s = ovid_suffix(t); !s.empty()) {
        mark(Syntax::ovid, p, s);
      } else if (!ovid_heading(t).empty()
                 || ((lt.starts_with("or/") || lt.starts_with("and/")) && lt.size() > lt.find('/') + 1
                     && std::isdigit(static_cast<unsigned char>(lt[lt.find('/') + 1])) != 0)) {
        mark(Syntax::ovid, p, t); // a heading, or a line combination (or/1-4)
      } else if ((lt == "exp" && !next.empty())
                 || (lt.starts_with("adj") && (lt.size() == 3 || all_digits(std::string_view(lt).substr(3))))) {
        mark(Syntax::ovid, p, bare);
      } else if (k == 0 && all_digits(t) && in(lower(next), {"or", "and", "not"})) {
        mark(Syntax::ovid, p, std::string(t) + " " + std::string(next));
      } else if (lt == "limit" && k + 2 < ps.size() && all_digits(next) && lower(ps[k + 2].text) == "to") {
        mark(Syntax::ovid, p, "limit " + std::string(next) + " to");
      } else if (t.starts_with("[mp=")) {
        mark(Syntax::ovid, p, "[mp=");
      } else if (auto dollar = bare.find('$');
                 dollar != std::string_view::npos && dollar > 0 && is_alnum(bare[dollar - 1])) {
        mark(Syntax::ovid, p, bare, false);
      } else if (auto code = wos_code(bare, next); !code.empty()) {
        mark(Syntax::wos, p, code);
      } else if (scopus_function(bare, next)) {
        mark(Syntax::scopus, p,
             bare.substr(0, bare.find('(') == std::string_view::npos ? bare.size() : bare.find('(') + 1));
      } else if (proquest_function(bare)) {
        mark(Syntax::proquest, p, bare.substr(0, bare.find('(') + 1));
      } else if (in(t, {"TI", "AB", "SU", "MH", "MM", "TX", "KW", "AU", "SO", "DE", "SH", "ZY",
                        "ZE", "ZU", "AN", "PT", "LA", "AF", "IS", "IB", "DT", "MW", "MJ"})
                 && !next.empty() && (next[0] == '(' || next[0] == '"')) {
        mark(Syntax::ebsco, p, std::string(t) + " " + next[0]);
      } else if (k == 0 && t.size() > 1 && t[0] == 'S' && all_digits(t.substr(1)) && in(next, {"AND", "OR", "NOT"})) {
        mark(Syntax::ebsco, p, std::string(t) + " " + std::string(next));
      } else if ((proximity_word(t, "N") || proximity_word(t, "W")) && k > 0 && !next.empty()) {
        mark(Syntax::ebsco, p, t, false);
      } else if (proximity_word(util::to_upper(t), "W/")) {
        mark(Syntax::scopus, p, t);
      } else if (proximity_word(util::to_upper(t), "N/")) {
        mark(Syntax::proquest, p, t);
      } else if (proximity_word(util::to_upper(t), "NEAR/") || proximity_word(util::to_upper(t), "PRE/")) {
        mark(Syntax::wos, p, t, false);
      } else if (cochrane_suffix(t)) {
        mark(Syntax::cochrane, p, t.substr(t.rfind(':')));
      } else if ((t == "[mh" || t == "[mh^") && !next.empty() && (next[0] == '"' || next[0] == '^')) {
        mark(Syntax::cochrane, p, "[mh \"");
      } else if (lt == "mesh" && lower(next) == "descriptor:") {
        mark(Syntax::cochrane, p, "MeSH descriptor:");
      }
    }
    if (m_out.marks.size() > before) {
      ++m_out.foreign_lines;
      m_strong_lines += strong ? 1 : 0;
    }
    if (has_pubmed_tag(line.text)) {
      ++m_out.pubmed_lines;
    }
  }

  Recognition finish()
  {
    bool dominant = !m_out.marks.empty()
                    && (m_out.pubmed_lines == 0 ? (m_strong_lines > 0 || m_out.foreign_lines > 1)
                                                : m_strong_lines > 0 && m_out.foreign_lines > m_out.pubmed_lines);
    if (dominant) {
      // the platform with marks on the most lines; the first one written on a tie
      std::array<int, 7> lines{};
      std::array<int, 7> last_line{};
      for (const auto& m : m_out.marks) {
        auto s = static_cast<std::size_t>(m.syntax);
        if (last_line[s] != m.line) {
          ++lines[s];
          last_line[s] = m.line;
        }
      }
      Syntax best = m_out.marks.front().syntax;
      for (const auto& m : m_out.marks) {
        if (lines[static_cast<std::size_t>(m.syntax)] > lines[static_cast<std::size_t>(best)]) {
          best = m.syntax;
        }
      }
      m_out.syntax = best;
    }
    return std::move(m_out);
  }

private:
  static bool has_pubmed_tag(std::string_view line)
  {
    std::size_t from = 0;
    for (;;) {
      auto open = line.find('[', from);
      if (open == std::string_view::npos) {
        return false;
      }
      auto close = line.find(']', open + 1);
      if (close == std::string_view::npos) {
        return false;
      }
      if (match_tag(line.substr(open + 1, close - open - 1))) {
        return true;
      }
      from = close + 1;
    }
  }

  Recognition m_out;
  int m_strong_lines = 0;
};

} // namespace

std::string_view syntax_name(Syntax syntax)
{
  switch (syntax) {
  case Syntax::pubmed:
    return "PubMed";
  case Syntax::ovid:
    return "Ovid";
  case Syntax::ebsco:
    return "EBSCOhost";
  case Syntax::wos:
    return "Web of Science";
  case Syntax::scopus:
    return "Scopus";
  case Syntax::proquest:
    return "ProQuest";
  case Syntax::cochrane:
    return "Cochrane Library";
  }
  return "PubMed";
}

std::string_view syntax_key(Syntax syntax)
{
  switch (syntax) {
  case Syntax::pubmed:
    return "pubmed";
  case Syntax::ovid:
    return "ovid";
  case Syntax::ebsco:
    return "ebsco";
  case Syntax::wos:
    return "wos";
  case Syntax::scopus:
    return "scopus";
  case Syntax::proquest:
    return "proquest";
  case Syntax::cochrane:
    return "cochrane";
  }
  return "pubmed";
}

Recognition recognise(const std::vector<TextLine>& lines)
{
  Scanner scanner;
  for (const auto& line : lines) {
    scanner.scan(line);
  }
  return scanner.finish();
}

} // namespace synth::query
