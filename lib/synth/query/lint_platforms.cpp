// The platform rules of the linter, on a strategy in a hand-run platform's syntax that synth
// keeps verbatim (lint.hpp; docs/search.md, docs/translate.md for the help pages):
//
//   WOS-NEAR       Web of Science: a proximity of NEAR/n with n over 15, the distance of
//                  NEAR alone
//   EBSCO-PHRASE   EBSCOhost: words with no quotes and no operator between them, which
//                  EBSCOhost searches within five words of each other (N5), not as a phrase
//   SCOPUS-LOOSE   Scopus: a "..." phrase is loose (plurals, spelling variants, punctuation
//                  ignored); {...} is exact
//
// Each rule reads the tree the platform's reader builds (parse_history, read_boolean.cpp),
// not the text: a proximity operator, a term the EBSCOhost reader searches within five
// words, a phrase; so that "NEAR/20" in quotes, a field code inside a phrase or a line
// reference never trigger them. A line the reader refuses has no tree and no finding here
// (its error is read_strategy's).
#include "synth/query/lexer.hpp"
#include "synth/query/lint.hpp"
#include "synth/query/ovid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace synth::query {

namespace {

class PlatformRules
{
public:
  PlatformRules(Syntax syntax, const std::vector<TextLine>& lines, std::vector<Finding>& out)
    : m_syntax(syntax), m_lines(lines), m_out(out)
  {
  }

  // Each node once: a #n is not followed (its line is checked where it is written).
  void walk(const Node& n)
  {
    if (n.kind == Node::Kind::reference || !m_seen.insert(&n).second) {
      return;
    }
    if (n.kind == Node::Kind::term) {
      term(n);
    }
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      walk(*n.children[i]);
      if (n.kind == Node::Kind::chain && i < n.ops.size()) {
        op(n.ops[i]);
      }
    }
  }

private:
  void op(const Operator& o)
  {
    if (m_syntax == Syntax::wos && o.near && o.near->max_words_between > 15) {
      m_out.push_back(finding(
        "WOS-NEAR", o.line, o.col,
        fmt::format("NEAR/{} is over 15, the distance of Web of Science's NEAR alone", o.near->max_words_between),
        "check that Web of Science runs it as written, or use NEAR/15"));
    }
  }

  void term(const Node& n)
  {
    // EBSCOhost's reader gives the words it searches within five words (N5) one term
    // with that proximity; an N5 written out is an operator, not a term's
    if (m_syntax == Syntax::ebsco && !n.is_phrase && !n.heading && n.proximity && n.words.size() > 1) {
      m_out.push_back(finding("EBSCO-PHRASE", n.line, n.col,
                              fmt::format("`{}`: EBSCOhost searches words with no quotes and no operator within five "
                                          "words of each other (N5), not as a phrase",
                                          n.text),
                              "put the words in quotes for a phrase, or write N5 to say so"));
    }
    if (m_syntax == Syntax::scopus && n.is_phrase && !n.heading && opening(n) != '{') {
      m_out.push_back(finding("SCOPUS-LOOSE", n.line, n.col,
                              fmt::format("\"{}\": Scopus reads \"...\" as a loose phrase (plurals and spelling "
                                          "variants, punctuation ignored)",
                                          n.text),
                              "write {...} for the exact phrase (it takes no wildcards)"));
    }
  }

  // The character the term starts with in its line: '"' for Scopus's loose phrase, '{'
  // for its exact one (the tree keeps both as a phrase).
  char opening(const Node& n) const
  {
    for (const auto& l : m_lines) {
      if (l.number != n.line) {
        continue;
      }
      int col = 1;
      for (char c : l.text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) == 0x80U) {
          continue; // a continuation byte of the same character
        }
        if (col == n.col) {
          return c;
        }
        ++col;
      }
    }
    return 0;
  }

  Syntax m_syntax;
  const std::vector<TextLine>& m_lines;
  std::vector<Finding>& m_out;
  std::set<const Node*> m_seen;
};

} // namespace

void lint_platform(const QueryFile& query, const std::vector<TextLine>& lines, std::vector<Finding>& out)
{
  if (query.syntax != Syntax::wos && query.syntax != Syntax::ebsco && query.syntax != Syntax::scopus) {
    return;
  }
  auto strategy = parse_history(query, query.syntax);
  std::vector<Finding> found;
  PlatformRules rules(query.syntax, lines, found);
  for (const auto& l : strategy.lines) {
    if (l.expression) {
      rules.walk(*l.expression);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.col) < std::tie(b.line, b.col);
  });
  out.insert(out.end(), found.begin(), found.end());
}

} // namespace synth::query
