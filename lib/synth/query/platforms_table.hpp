#pragma once
// One table per platform of the field-code family (EBSCOhost, ProQuest, Web of Science,
// Scopus, the Cochrane Library): how it spells fields, proximity, wildcards, line
// references and operators, and in which order its operators bind. The reader of these
// syntaxes (read_boolean.cpp) and their writers (platforms_boolean.cpp and
// platforms_ebsco.cpp ... platforms_cochrane.cpp) both use it, so that what synth writes
// is what it reads back. docs/translate.md gives the table and the help pages it rests on.
// Internal to lib/synth/query.
#include "synth/query/ast.hpp"
#include "synth/query/detect.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace synth::query::platforms_detail {

// The fields a target can name, common to all five.
enum class Std : std::uint8_t { title, abstract, keywords, subject, author, journal, language, publication_type, all };

// How a field code stands around what it searches.
enum class FieldStyle : std::uint8_t {
  prefix,    // EBSCOhost: TI ( x ), TI x, (MH "x+")
  code_list, // ProQuest: TI,AB(x), ti(x), MESH.EXACT("x")
  equals,    // Web of Science: TS=(x), TI=x
  function,  // Scopus: TITLE-ABS-KEY(x)
  suffix,    // the Cochrane Library: x:ti,ab,kw, (a OR b):ti
};

// A field code: what it searches, as the writer's standard fields and as the tree's
// fields. The first code of a standard field in the table is the one written; the others
// are read only.
struct FieldCode
{
  std::string_view code; // as written (upper case; the Cochrane Library: lower case); read in any case
  std::vector<Std> std;  // what the writer means by it
  FieldSet fields;       // what the reader puts in the tree
};

// A proximity operator's spelling: `prefix` followed by the number of words allowed
// between (N5, NEAR/5), or alone (`bare`: NEAR on Web of Science is NEAR/15).
struct NearSpelling
{
  std::string_view prefix; // "N", "NEAR/", "PRE/", "NEXT"
  bool ordered = false;
  bool number = true; // a number follows (N5); false: the word alone means `fixed`
  int fixed = 0;      // !number: the words allowed between
};

// The operators, in the classes that bind alike.
enum class Bind : std::uint8_t { op_or, op_and, op_not, near_any, near_ordered };

struct PlatformTable
{
  Syntax syntax = Syntax::ebsco;
  std::string_view name; // in notes: "EBSCOhost"
  FieldStyle style = FieldStyle::prefix;
  std::vector<FieldCode> codes;
  std::string_view line_prefix; // history lines and references: "S" (S1) or "#" (#1)
  std::string_view and_word = "AND";
  std::string_view or_word = "OR";
  std::string_view not_word = "NOT"; // Scopus: "AND NOT"
  std::vector<NearSpelling> near;    // the first of each order with a number is written
  int near_max = 0;                  // the largest distance the platform takes; 0: none known
  char any = '*';                    // truncation
  char one = '?';                    // exactly one character
  char optional = 0;                 // zero or one character; 0: none
  bool limited_truncation = false;   // ProQuest's [*4]: at most 4 characters
  // The language limit: `language` with {} for the language, each joined by OR
  // (`per_language`), or the languages joined by OR inside one {}; "" when none.
  std::string_view language;
  bool per_language = false;
  // The code of a publication-date limit written in a line, read into the tree's year limit
  // (EBSCOhost's `S3 AND DT 1990-2013`, ProQuest's `S3 AND PD(19900101-20131231)`, Web of
  // Science's `#3 AND PY=(1990-2013)`); "" when the platform has none synth reads.
  std::string_view date_code;
  // The years the writer puts for an open end of the range, which the reader reads back
  // as open (DT 1000-2013, PY=(2005-2100)).
  std::string_view date_open_from = "1000";
  std::string_view date_open_to = "9999";
  // The operators from the loosest to the tightest; one class of a level apply left to
  // right, as written.
  std::vector<std::vector<Bind>> precedence;
  // What a term with no field code searches.
  FieldSet default_fields;
};

const PlatformTable& platform_table(Syntax syntax);

// The code of a standard field on the platform ("TI"); "" when it has none.
std::string_view code_of(const PlatformTable& table, Std field);

// The field code `code` (any case), or null.
const FieldCode* find_code(const PlatformTable& table, std::string_view code);

// The operator word of `op` on the platform ("AND", "OR", "NOT" / "AND NOT").
std::string_view op_word(const PlatformTable& table, Op op);

} // namespace synth::query::platforms_detail
