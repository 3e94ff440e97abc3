// The platform rules of the linter, on a strategy in a hand-run platform's syntax that synth
// keeps verbatim (lint.hpp; docs/search.md, docs/translate.md for the help pages):
//
//   WOS-NEAR       Web of Science: NEAR/n with n over 15, the distance of NEAR alone
//   EBSCO-PHRASE   EBSCOhost: words after a field code with no quotes and no operator
//                  between them are searched within five words of each other (N5), not as
//                  a phrase
//   SCOPUS-LOOSE   Scopus: "..." is a loose phrase (plurals, spelling variants, punctuation
//                  ignored); {...} is exact
//
// These read the lines as written (synth does not parse these syntaxes yet): quoted text,
// {...} and parentheses are skipped as the platform skips them.
#include "synth/query/lint.hpp"

#include "synth/query/lexer.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace synth::query {

namespace {

bool is_word_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '*' || c == '?' || c == '#';
}

void wos_near(const TextLine& l, std::vector<Finding>& out)
{
  auto lower = util::to_lower(l.text);
  std::size_t at = 0;
  while ((at = lower.find("near/", at)) != std::string::npos) {
    std::size_t i = at + 5;
    std::size_t s = i;
    while (i < lower.size() && i - s < 6 && std::isdigit(static_cast<unsigned char>(lower[i])) != 0) {
      ++i;
    }
    if (i > s) {
      int n = std::stoi(lower.substr(s, i - s));
      if (n > 15) {
        out.push_back(finding("WOS-NEAR", l.number, count_chars(l.text.substr(0, at)) + 1,
                              fmt::format("NEAR/{} is over 15, the distance of Web of Science's NEAR alone", n),
                              "check that Web of Science runs it as written, or use NEAR/15"));
      }
    }
    at = i;
  }
}

// EBSCOhost field codes that take words: TI AB SU KW TX AU SO MH MM DE.
bool ebsco_field(std::string_view w)
{
  for (std::string_view c : {"TI", "AB", "SU", "KW", "TX", "AU", "SO", "MH", "MM", "DE"}) {
    if (w == c) {
      return true;
    }
  }
  return false;
}

bool ebsco_operator(std::string_view w)
{
  auto lower = util::to_lower(w);
  if (lower == "and" || lower == "or" || lower == "not") {
    return true;
  }
  // Nn, Wn
  return lower.size() >= 2 && (lower[0] == 'n' || lower[0] == 'w')
         && std::all_of(lower.begin() + 1, lower.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void ebsco_phrase(const TextLine& l, std::vector<Finding>& out)
{
  // words in order, quoted text and parentheses break a run
  std::string_view s = l.text;
  std::size_t i = 0;
  bool after_field = false;
  int run = 0;
  std::size_t run_start = 0;
  auto flush = [&]() {
    if (after_field && run >= 2) {
      out.push_back(finding("EBSCO-PHRASE", l.number, count_chars(s.substr(0, run_start)) + 1,
                            fmt::format("`{}`: EBSCOhost searches words with no quotes and no operator within five "
                                        "words of each other (N5), not as a phrase",
                                        util::trim(s.substr(run_start, i - run_start))),
                            "put the words in quotes for a phrase, or write N5 to say so"));
    }
    run = 0;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      flush();
      auto end = s.find('"', i + 1);
      i = end == std::string_view::npos ? s.size() : end + 1;
      continue;
    }
    if (c == '(' || c == ')') {
      flush();
      ++i;
      continue;
    }
    if (!is_word_char(c)) {
      ++i;
      continue;
    }
    std::size_t st = i;
    while (i < s.size() && (is_word_char(s[i]) || s[i] == '-' || s[i] == '\'')) {
      ++i;
    }
    auto w = s.substr(st, i - st);
    if (ebsco_field(w)) {
      flush();
      after_field = true;
    } else if (ebsco_operator(w) || (w.size() > 1 && w[0] == 'S' && std::isdigit(static_cast<unsigned char>(w[1])))) {
      flush();
    } else {
      if (run == 0) {
        run_start = st;
      }
      ++run;
    }
  }
  flush();
}

void scopus_loose(const TextLine& l, std::vector<Finding>& out)
{
  auto at = l.text.find('"');
  if (at == std::string_view::npos) {
    return;
  }
  auto end = l.text.find('"', at + 1);
  auto phrase = l.text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at + 1);
  out.push_back(finding("SCOPUS-LOOSE", l.number, count_chars(l.text.substr(0, at)) + 1,
                        fmt::format("{}: Scopus reads \"...\" as a loose phrase (plurals and spelling variants, "
                                    "punctuation ignored)",
                                    phrase),
                        "write {...} for the exact phrase (it takes no wildcards)"));
}

} // namespace

void lint_platform(Syntax syntax, const std::vector<TextLine>& lines, std::vector<Finding>& out)
{
  for (const auto& l : lines) {
    switch (syntax) {
    case Syntax::wos:
      wos_near(l, out);
      break;
    case Syntax::ebsco:
      ebsco_phrase(l, out);
      break;
    case Syntax::scopus:
      scopus_loose(l, out);
      break;
    default:
      break;
    }
  }
}

} // namespace synth::query
