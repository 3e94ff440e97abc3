// The rules on one term (lint.hpp): what PubMed would read differently from what was
// written, or not at all.
#include "synth/query/dates.hpp"
#include "synth/query/lexer.hpp"
#include "synth/query/lint.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query {

namespace {

bool is_ascii_punct(char c)
{
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// The words of a term with their columns: an unquoted term's own, or a phrase's words
// all placed at the phrase.
std::vector<Word> words_of(const Node& term)
{
  if (!term.is_phrase) {
    return term.words;
  }
  std::vector<Word> out;
  for (auto w : util::split(term.text, ' ')) {
    out.push_back(Word{std::string(w), term.line, term.col});
  }
  return out;
}

bool text_like(const Node& term)
{
  return term.tag_info == nullptr || term.tag_info->kind == TagKind::text || term.tag_info->kind == TagKind::author;
}

void operator_words(const Node& term, const std::vector<Word>& words, LintContext& ctx)
{
  if (term.is_phrase) {
    return;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (!text_like(term) && i != 0 && i + 1 != words.size()) {
      continue; // "Wounds and Injuries"[mh]: a heading's own words (none starts or ends so)
    }
    auto lower = util::to_lower(w.text);
    if ((lower == "and" || lower == "or" || lower == "not") && w.text != util::to_upper(w.text)) {
      bool all_lower = w.text == lower;
      ctx.out.push_back(finding("OP-CASE", w.line, w.col,
                                fmt::format("'{}' in {} case is not an operator in PubMed (it is searched as a word "
                                            "of '{}')",
                                            w.text, all_lower ? "lower" : "mixed", operand_label(term)),
                                fmt::format("write {}", util::to_upper(w.text))));
    }
  }
}

// `|`, `&`, a lone quote, text ending in ':': not search terms.
void symbols_and_pasted_text(const Node& term, const std::vector<Word>& words, LintContext& ctx)
{
  if (term.is_phrase) {
    return;
  }
  for (const auto& w : words) {
    if (w.text == "|" || w.text == "||" || w.text == "&" || w.text == "&&") {
      ctx.out.push_back(finding("OP-SYMBOL", w.line, w.col, fmt::format("'{}' is not an operator in PubMed", w.text),
                                w.text[0] == '|' ? "write OR" : "write AND"));
      return;
    }
    if (std::all_of(w.text.begin(), w.text.end(), is_ascii_punct) && w.text != "*") {
      ctx.out.push_back(
        finding("STRAY", w.line, w.col, fmt::format("stray '{}': it is not a search term", w.text), "remove it"));
      return;
    }
  }
  bool date = term.tag_info != nullptr && term.tag_info->kind == TagKind::date;
  for (const auto& w : words) {
    if (!date && w.text.size() > 1 && w.text.back() == ':') {
      ctx.out.push_back(
        finding("PASTED-TEXT", term.line, term.col,
                fmt::format("'{}' looks like text copied from a web page or a label, not search terms", term.text),
                "remove it: sort order, filters and dates are not part of the strategy (dates go in "
                "the header or as [dp] terms)"));
      return;
    }
  }
}

void wildcards_and_truncation(const Node& term, const std::vector<Word>& words, LintContext& ctx)
{
  bool identifier = term.tag_info != nullptr && term.tag_info->kind == TagKind::identifier;
  for (const auto& w : words) {
    const auto& t = w.text;
    auto star = t.find('*');
    if (star == 0 && t.size() > 1) {
      ctx.out.push_back(finding("TRUNC-POSITION", w.line, w.col,
                                fmt::format("'*' at the start of '{}': PubMed needs at least 4 characters before "
                                            "the first '*'",
                                            t),
                                "write the word's start (cancer*), or the variants joined by OR"));
      return;
    }
    for (char c : {'?', '$', '#'}) {
      if (!identifier && t.find(c) != std::string::npos) {
        ctx.out.push_back(finding("WILDCARD", w.line, w.col,
                                  fmt::format("PubMed has no '{}' wildcard: '{}' is not searched as meant", c, t),
                                  "write the variants joined by OR, or truncate at the end with '*'"));
        return;
      }
    }
    int stem = star == std::string::npos ? 0 : count_chars(std::string_view(t).substr(0, star));
    if (star != std::string::npos && stem < 4) {
      ctx.out.push_back(finding("TRUNC-SHORT", w.line, w.col,
                                fmt::format("'{}' has {} character{} before its first '*': PubMed needs at least 4", t,
                                            stem, stem == 1 ? "" : "s"),
                                "write the words out (AI OR AIs), or truncate a longer stem"));
    }
  }
}

void proximity(const Node& term, LintContext& ctx)
{
  if (!term.proximity) {
    return;
  }
  if (!term.is_phrase) {
    ctx.out.push_back(
      finding("PROX-PHRASE", term.line, term.col,
              fmt::format("'{}': a proximity search needs its words in double quotes", operand_label(term)),
              fmt::format("write \"{}\"[{}]", term.text, term.tag)));
  } else if (std::count_if(term.text.begin(), term.text.end(), [](char c) { return c == ' ' || c == '-'; }) == 0) {
    // "VLBW-I" is two words for PubMed: its hyphen separates them
    ctx.out.push_back(
      finding("PROX-PHRASE", term.line, term.col,
              fmt::format("'{}': a proximity search needs two words or more", operand_label(term)),
              fmt::format("search \"{}\" without ':~{}'", term.text, term.proximity->max_words_between)));
  }
}

void bare_number(const Node& term, LintContext& ctx)
{
  if (ctx.line_number == 0 || term.is_phrase || term.tag_info != nullptr || term.words.size() != 1) {
    return;
  }
  const auto& t = term.text;
  if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return;
  }
  int n = std::stoi(t);
  bool names_a_line = std::any_of(ctx.query.lines.begin(), ctx.query.lines.end(),
                                  [&](const Line& l) { return l.number == n && l.number != ctx.line_number; });
  if (names_a_line) {
    ctx.out.push_back(finding("REF-BARE", term.line, term.col,
                              fmt::format("'{}' is searched as the number {}, not as line #{}", t, t, t),
                              fmt::format("write #{}", t)));
  }
}

} // namespace

bool not_search_terms(const Node& term)
{
  if (term.kind != Node::Kind::term || term.is_phrase || term.words.empty()) {
    return false;
  }
  const auto& first = term.words.front().text;
  auto lower = util::to_lower(first);
  if (lower == "and" || lower == "or" || lower == "not") {
    return true;
  }
  return std::any_of(term.words.begin(), term.words.end(), [](const Word& w) {
    return std::all_of(w.text.begin(), w.text.end(), is_ascii_punct) || (w.text.size() > 1 && w.text.back() == ':');
  });
}

void lint_term(const Node& term, LintContext& ctx)
{
  auto words = words_of(term);
  operator_words(term, words, ctx);
  symbols_and_pasted_text(term, words, ctx);
  wildcards_and_truncation(term, words, ctx);
  proximity(term, ctx);
  bare_number(term, ctx);
  if (ctx.options.pubmed && term.tag_info != nullptr && !term.tag_info->in_pubmed) {
    ctx.out.push_back(
      finding("TAG-AB", term.line, term.col,
              fmt::format("[{}] is not a PubMed tag: PubMed cannot search the abstract alone", term.tag),
              "use [tiab] (title and abstract)"));
  }
  if (term.tag_info != nullptr && term.tag_info->kind == TagKind::date && is_relative_date(term.text)) {
    ctx.out.push_back(finding(
      "DATE-RELATIVE", term.line, term.col,
      fmt::format("'{}' is relative to the day the search runs: run again, it finds another set", operand_label(term)),
      "write the dates: \"2019/01/01\"[dp] : \"2024/12/31\"[dp]"));
  }
}

} // namespace synth::query
