#pragma once
// The syntax tree of a search strategy (DESIGN.md section 4, docs/search.md).
//
// The tree keeps what a strategy means in terms every platform shares (the fields a term
// searches, a heading's vocabulary and explosion, a proximity's distance, truncation,
// line references) and enough of how it was written to send it back unchanged: the
// sent text of a tree is the strategy as written, whitespace and line expansion aside
// (render(); parsing the rendered text gives the same tree, see same_tree()).
//
// Operators follow PubMed: AND, OR and NOT in upper case only (a lower-case "or" is a word
// of the term), equal precedence, applied left to right: "a OR b AND c" is "(a OR b) AND
// c". A run of operators is one Chain node (children[0] ops[0] children[1] ops[1] ...),
// read left to right; a Chain of 100,000 ORed terms is one node, not 100,000 levels.
// Adjacent operands with no operator between them are joined by an implicit AND (PubMed's
// default), kept as such so that the text sent is the text written.
//
// Line references (#3) point at the shared tree of the line they name: a strategy is a
// DAG, never copied per use, so that its size is the size of the text written.
//
// Other platforms' parsers (ovid.hpp) build the same tree. What PubMed's syntax cannot say
// has its own explicit mark, never a PubMed spelling: a proximity between two operands
// (Ovid's `a adj3 b`) is an AND operator with `near` set; a platform's limit on a search
// (Ovid's `limit 3 to english language`) is a group with `limits`; Ovid's `?` and `#` wildcards and
// limited truncation (`$2`) are Wildcard kinds. Such trees are written out by translate.hpp,
// not by render().
#include "synth/query/tags.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

enum class Op : std::uint8_t { op_and, op_or, op_not };

// Words near each other: "hip pain"[tiab:~2].
struct Proximity
{
  int max_words_between = 0; // PubMed's N: at most N other words between them
  bool ordered = false;      // PubMed: any order
};

// An operator between two operands of a Chain, where it was written (or, when implicit,
// where the second operand starts).
struct Operator
{
  Op op = Op::op_and;
  bool implicit = false; // no operator written: PubMed's default AND
  int line = 0;
  int col = 0;
  // A proximity: the two operands within near->max_words_between words of each other
  // (op is op_and). Ovid's `a adj3 b`: at most 2 words between, any order; `a adj b`:
  // next to each other, in that order. Unset for PubMed's operators.
  std::optional<Proximity> near;
};

// A word of an unquoted term, where it was written (columns count characters).
struct Word
{
  std::string text;
  int line = 0;
  int col = 0;
};

// The thesaurus a heading belongs to: MeSH (PubMed, MEDLINE on any platform), Emtree
// (Embase), CINAHL Headings, the APA Thesaurus (PsycINFO), the Sociological Thesaurus
// (Sociological Abstracts, Social Services Abstracts on ProQuest), the ERIC Thesaurus, and
// the own thesaurus of another ProQuest database (`database`: one synth has no name for).
enum class Vocabulary : std::uint8_t { mesh, emtree, cinahl, apa, sociological, eric, database };

// A controlled-vocabulary heading: [mh], [majr], [sh], with their flags.
struct Heading
{
  Vocabulary vocabulary = Vocabulary::mesh;
  bool explode = true;    // narrower headings included; false with :noexp
  bool major = false;     // [majr]: the heading is a major topic of the record
  std::string subheading; // "therapy" in Schizophrenia/therapy[mh]; "" when none
  // The subheading as its two-letter code when it was written so (Ovid's /du); "" else.
  std::string subheading_code;
};

// A wildcard in a term's word, in the order written. PubMed has one kind, '*' (any
// characters: at the end of a word, truncation; inside it, since 2024); other platforms
// have more (Ovid $n, #, ?; EBSCOhost ?, #): their parsers add their kinds.
//
// In a term's text every wildcard is one character, in the order of `wildcards`: '*' for
// any_characters (Ovid's $, * and : alike), '?' for optional_character (Ovid's ?: zero or
// one character), '#' for one_character (Ovid's #: exactly one). Limited truncation (Ovid's
// dog$1) is '*' with max_characters set.
struct Wildcard
{
  enum class Kind : std::uint8_t { any_characters, optional_character, one_character };
  Kind kind = Kind::any_characters;
  bool at_end = true;     // truncation; false: inside the word
  int max_characters = 0; // any_characters: at most this many (Ovid $2); 0: unlimited
};

// A limit on a whole search: the query file's date window and languages (the header),
// and later a platform's own limits (Ovid's `limit 3 to english language`).
struct Limit
{
  // other: a platform's named limit synth keeps by its name (Ovid's `humans`,
  // `"reviews (maximizes specificity)"`), in `text`.
  enum class Kind : std::uint8_t { publication_date, language, other };
  Kind kind = Kind::publication_date;
  std::string from; // publication_date: YYYY, YYYY-MM or YYYY-MM-DD as written; "" when open
  std::string to;
  std::vector<std::string> languages; // language: as written, lower case ("english")
  std::string text;                   // other: the limit as written, lower case, without quotes
};

struct Node
{
  enum class Kind {
    term,       // a word, words, or a "phrase", with an optional [tag]
    date_range, // from : to on a date tag; children: the two ends (terms)
    chain,      // children[0] ops[0] children[1] ... read left to right
    group,      // ( children[0] ); with `limits`: children[0] restricted by them
    reference,  // #n; children[0] is the expression of line n (shared)
  };

  Kind kind = Kind::term;
  int line = 0; // where the node starts in its file (1-based; columns count characters)
  int col = 0;

  // --- term ---
  // The text as written, without quotes or tag, space collapsed, '*' kept:
  // "helping relation*", "bile duct", "Schizophrenia/therapy".
  std::string text;
  bool is_phrase = false;             // written in quotes
  bool curly_quotes = false;          // written in typographic quotes (“...”): sent as "..."
  bool loose_phrase = false;          // Scopus's "..." (plurals, spelling variants); its {...} is exact
  bool truncated = false;             // a word of it ends with '*' (PubMed: words starting with it)
  std::vector<Wildcard> wildcards;    // every '*' of the term, in order
  std::vector<Word> words;            // unquoted terms: each word where it was written
  std::string tag;                    // inside [ ] as written, trimmed ("Title/Abstract:~2"); "" when none
  const TagInfo* tag_info = nullptr;  // the tag recognised; null when there is none
  FieldSet fields;                    // what the tag searches; empty for an untagged term
  std::optional<Heading> heading;     // [mh] [majr] [sh]
  std::optional<Proximity> proximity; // [tiab:~N] [ti:~N] [ad:~N]

  // --- date_range ---
  bool compact = false; // written as one word: 1990:2013[dp] (text holds it)

  // --- chain ---
  std::vector<Operator> ops; // ops.size() == children.size() - 1

  // --- reference ---
  int reference = 0; // the line number n of #n

  // --- group ---
  // A platform's limits on children[0] (Ovid's `limit 3 to english language`): the group
  // is the limited search; empty for a group written in parentheses.
  std::vector<Limit> limits;

  std::vector<std::shared_ptr<const Node>> children;
};

using NodePtr = std::shared_ptr<const Node>;

// The canonical tag of a term ("tiab", "mh" ...), "" for an untagged term.
std::string_view tag_name(const Node& term);

// The node as PubMed syntax, deterministic: single spaces, operators in upper case as
// PubMed reads them, an implicit AND as a space, phrases in straight double quotes,
// tags as written, groups in their parentheses, a reference replaced by its line's
// expression in parentheses. The caller bounds the size of what references expand to
// (QueryFile::expanded_size).
std::string render(const Node& node);

// True when the two trees mean the same and would render the same: positions, the kind
// of quotes and the difference between a group and a reference (both render as
// parentheses) ignored.
bool same_tree(const Node& a, const Node& b);

// The canonical tags used by the terms of the expression, each once in first-use order;
// "" stands for untagged terms. Follows references (each line once).
std::vector<std::string> tags_used(const Node& node);

} // namespace synth::query
