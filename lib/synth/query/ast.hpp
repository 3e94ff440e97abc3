#pragma once
// The syntax tree of a search strategy (DESIGN.md section 4).
//
// Precedence follows PubMed: AND, OR and NOT have equal precedence and are applied left
// to right ("a OR b AND c" is "(a OR b) AND c"); parentheses nest. Adjacent terms with no
// operator between them are joined by AND, as PubMed does. Operators are upper case only:
// a lower-case "and" is a word of the term, as in PubMed.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// The record field a term is searched in, from its [tag].
enum class Field
{
  none, // no tag: title and abstract (PubMed: all fields)
  tiab, // [tiab] [Title/Abstract]
  ti,   // [ti] [Title]
  ab,   // [ab] [Abstract] (not a PubMed tag: honoured locally only)
  tw,   // [tw] [Text Word]: title and abstract locally
  all,  // [all] [All Fields]: title and abstract locally
  au,   // [au] [Author] [auth] [1au] [lastau] [full author name]
  mh,   // [mh] [mesh] [MeSH Terms] [mh:noexp] [mesh:noexp]
  majr, // [majr] [MeSH Major Topic] [majr:noexp]
  pt,   // [pt] [Publication Type]
  la,   // [la] [lang] [Language]
  dp,   // [dp] [pdat] [Publication Date] [Date - Publication]
  ta,   // [ta] [Journal] [jour]
  ot,   // [ot] [Other Term] [kw] [Keyword]: the record's keywords
};

// The field of a tag as written inside the brackets (case-insensitive, surrounding space
// ignored), or nullopt for a tag synth does not know.
std::optional<Field> field_of_tag(std::string_view tag);
// The canonical short tag of a field: "tiab", "mh" ...; "" for Field::none.
std::string_view field_name(Field field);
// The tags field_of_tag() accepts, short forms first, for error messages and the README.
const std::vector<std::string>& known_tags();

struct Node
{
  enum class Kind
  {
    term,       // a word, words, or a "phrase", with an optional [tag]
    date_range, // from[dp] : to[dp], or 1990:2013[dp]; children: the two terms
    op_and,     // children[0] AND children[1]
    op_or,      // children[0] OR children[1]
    op_not,     // children[0] NOT children[1]
    group,      // ( children[0] )
    reference,  // #n; children[0] is the expression of line n
  };

  Kind kind = Kind::term;
  // term: the text as written, without quotes or tag, space collapsed; stars kept
  // ("helping relation*", "interview*", "mental illness").
  std::string text;
  bool is_phrase = false; // written in double quotes
  bool truncated = false; // text ends with '*'
  std::string tag;        // as written inside [ ], trimmed; "" when none
  Field field = Field::none;
  bool compact = false; // date_range written as one word: 1990:2013[dp] (text holds it)
  int reference = 0;    // reference: the line number n of #n
  int line = 0;         // where the node starts in its file (1-based)
  int col = 0;
  std::vector<std::shared_ptr<const Node>> children;
};

using NodePtr = std::shared_ptr<const Node>;

// The node as PubMed syntax, deterministic: single spaces around operators, phrases in
// double quotes, tags as written ("interview*[tiab]"), groups and references in
// parentheses (a reference is expanded to its line's expression).
std::string render(const Node& node);

// Every distinct tag field used by the expression, in first-use order (Field::none
// included when an untagged term occurs).
std::vector<Field> fields_used(const Node& node);

} // namespace synth::query
