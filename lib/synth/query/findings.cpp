#include "synth/query/findings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query {

namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

std::string place(const std::string& path, const Finding& f)
{
  if (f.line == 0) {
    return path;
  }
  if (f.col == 0) {
    return fmt::format("{}:{}", path, f.line);
  }
  return fmt::format("{}:{}:{}", path, f.line, f.col);
}

std::string message_and_fix(const Finding& f) { return f.fix.empty() ? f.message : f.message + "; " + f.fix; }

} // namespace

std::string_view severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string format_finding(const std::string& path, const Finding& f)
{
  return fmt::format("{}: {} [{}]: {}", place(path, f), severity_name(f.severity), f.code, message_and_fix(f));
}

std::string error_text(const std::string& path, const Finding& f)
{
  return fmt::format("{}: {}", place(path, f), message_and_fix(f));
}

const std::vector<CodeInfo>& finding_codes()
{
  static const std::vector<CodeInfo> codes = {
    {"ENCODING", E, "the file is not UTF-8 text"},
    {"HEADER", E, "the header is malformed: an unknown key, no database, a bad date, no '---' line"},
    {"LINE", E, "the numbered lines are malformed: a number used twice, a line without #n, a line without a search"},
    {"SYNTAX", E, "an operator or a term is missing or misplaced"},
    {"PAREN", E, "parentheses do not pair"},
    {"QUOTE", E, "a phrase is not closed, its quotes do not pair, or a misplaced quote made it swallow a tag"},
    {"STRAY", E, "characters that belong to no term, tag or parenthesis"},
    {"OP-SYMBOL", E, "| or & where PubMed needs OR or AND"},
    {"TAG-UNKNOWN", E, "a field tag PubMed does not have"},
    {"TAG-GROUP", E, "a field tag on a parenthesised group or a line reference"},
    {"TAG-AB", E, "[ab]: PubMed cannot search the abstract alone"},
    {"PROX-FIELD", E,
     "a proximity search on a field PubMed cannot search by proximity, or a distance that is not a number"},
    {"TRUNC-POSITION", E, "'*' at the start of a word"},
    {"DATE", E, "a date or date range PubMed cannot read"},
    {"REF-MISSING", E, "#n names a line that does not exist"},
    {"REF-ORDER", E, "a line refers to itself or to a later line"},
    {"NESTING", E, "parentheses and line references nested deeper than synth allows"},
    {"LIMIT", E, "the search expands to more text than synth sends"},
    {"PASTED-TEXT", E, "text copied from a web page or a label, not search terms"},
    {"FOREIGN-SYNTAX", E,
     "the syntax of another platform (Ovid, EBSCOhost, Web of Science, Scopus, ProQuest, Cochrane)"},
    {"OP-CASE", W, "and, or, not in lower or mixed case: PubMed searches them as words"},
    {"IMPLICIT-AND", W, "two terms with no operator between them: PubMed ANDs them"},
    {"OP-MIX", W, "OR mixed with AND or NOT without parentheses: PubMed reads left to right"},
    {"QUOTE-CURLY", W, "a phrase in typographic quotes: sent with straight quotes"},
    {"WILDCARD", W, "?, $ or # inside a word: PubMed has no such wildcard"},
    {"TRUNC-SHORT", W, "fewer than 4 characters before a word's first '*'"},
    {"PROX-PHRASE", W, "a proximity search without a quoted phrase of two words or more"},
    {"UNTAGGED", W, "terms without a field tag go through PubMed's automatic term mapping"},
    {"REDUNDANT", W, "a term that another term of the same list already covers"},
    {"PAREN-UNNEEDED", W, "parentheses that change nothing"},
    {"LIMIT-IN-GROUP", W, "a date or journal limit inside one branch of an OR"},
    {"UNREFERENCED", W, "a numbered line that the search (the last line) does not use"},
    {"REF-BARE", W, "a bare number that looks like a line reference without its #"},
    {"BLANK-LINE", W, "an empty line inside a numbered line"},
    {"DATE-RELATIVE", W, "a relative date (last 5 years): the search changes with the day it runs"},
    {"WOS-NEAR", W, "Web of Science: NEAR/n over 15, the distance of NEAR alone"},
    {"EBSCO-PHRASE", W, "EBSCOhost: words with no quotes and no operator are searched within five words (N5)"},
    {"SCOPUS-LOOSE", W, "Scopus: \"...\" is a loose phrase; {...} is exact"},
  };
  return codes;
}

Severity severity_of(std::string_view code)
{
  const auto& codes = finding_codes();
  auto it = std::find_if(codes.begin(), codes.end(), [&](const CodeInfo& c) { return c.code == code; });
  return it == codes.end() ? Severity::error : it->severity;
}

Finding finding(std::string_view code, int line, int col, std::string message, std::string fix)
{
  return Finding{std::string(code), severity_of(code), line, col, std::move(message), std::move(fix)};
}

} // namespace synth::query
