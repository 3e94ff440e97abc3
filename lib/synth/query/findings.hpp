#pragma once
// What the query checker says about a strategy: findings with a stable code, a place, an
// explanation and a suggested fix (docs/search.md lists every code with an example).
//
// An error means the strategy is not sent (PubMed would not read it as written, or synth
// cannot tell what it means); a warning means it is sent as written, and the warning is
// shown and kept in the search log. `--strict` treats warnings as errors.
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

enum class Severity { warning, error };

struct Finding
{
  std::string code; // stable: "OP-CASE", "PAREN" ...
  Severity severity = Severity::error;
  int line = 0;        // 1-based; 0 for the file as a whole
  int col = 0;         // 1-based characters; 0 when the line as a whole is meant
  std::string message; // what is wrong, one line
  std::string fix;     // what to do about it, one line ("write OR"); may be empty
};

std::string_view severity_name(Severity s); // "warning" | "error"

// "<path>:<line>:<col>: <severity> [<CODE>]: <message>; <fix>" (line and col left out
// when 0), the form every finding is printed in.
std::string format_finding(const std::string& path, const Finding& f);

// "<path>:<line>:<col>: <message>; <fix>": the text of a synth::Error for an error
// finding, as every located error of synth reads.
std::string error_text(const std::string& path, const Finding& f);

// Every code with its severity and a one-line description, in the order docs/search.md
// documents them.
struct CodeInfo
{
  std::string_view code;
  Severity severity;
  std::string_view summary;
};
const std::vector<CodeInfo>& finding_codes();

// The severity a code always has (error for an unknown code).
Severity severity_of(std::string_view code);

// A finding of `code` with its fixed severity.
Finding finding(std::string_view code, int line, int col, std::string message, std::string fix = {});

} // namespace synth::query
