// The tables of the field-code platforms (platforms_table.hpp). Sources: docs/translate.md,
// "The help pages each rule rests on".
#include "synth/query/platforms_table.hpp"

#include "synth/util/text.hpp"

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

using F = Field;
using S = Std;

PlatformTable ebsco()
{
  PlatformTable t;
  t.syntax = Syntax::ebsco;
  t.name = "EBSCOhost";
  t.style = FieldStyle::prefix;
  t.codes = {
    {"TI", {S::title}, {F::title}},       {"AB", {S::abstract}, {F::abstract}},
    {"KW", {S::keywords}, {F::keywords}}, {"SU", {S::subject}, {F::heading_word}},
    {"AU", {S::author}, {F::author}},     {"SO", {S::journal}, {F::journal}},
    {"LA", {S::language}, {F::language}}, {"PT", {S::publication_type}, {F::publication_type}},
    {"TX", {S::all}, {F::all_fields}},
  };
  t.line_prefix = "S";
  // Nn: at most n words between, any order; Wn: in the order written
  t.near = {{"N", false}, {"W", true}};
  t.any = '*';
  t.one = '?';
  t.optional = '#';
  t.language = "LA {}";
  t.per_language = true;
  t.date_code = "DT";
  // EBSCOhost's help sheet: AND takes precedence over OR; proximity binds its two words
  t.precedence = {{Bind::op_or}, {Bind::op_and, Bind::op_not}, {Bind::near_any, Bind::near_ordered}};
  t.default_fields = FieldSet{F::all_fields};
  return t;
}

PlatformTable proquest()
{
  PlatformTable t;
  t.syntax = Syntax::proquest;
  t.name = "ProQuest";
  t.style = FieldStyle::code_list;
  t.codes = {
    {"TI", {S::title}, {F::title}},
    {"AB", {S::abstract}, {F::abstract}},
    {"IF", {S::keywords}, {F::keywords}},
    {"SU", {S::subject}, {F::heading_word}},
    {"AU", {S::author}, {F::author}},
    {"PUB", {S::journal}, {F::journal}},
    {"LA", {S::language}, {F::language}},
    {"DTYPE", {S::publication_type}, {F::publication_type}},
    {"NOFT", {S::all}, {F::all_fields}},
    {"ALL", {S::all}, {F::all_fields}},
    {"MESH", {S::subject}, {F::heading_word}},
  };
  t.line_prefix = "S";
  t.near = {{"NEAR/", false}, {"PRE/", true}, {"N/", false}, {"P/", true}, {"W/", false}};
  t.any = '*';
  t.one = '?';
  t.limited_truncation = true;
  t.language = "LA({})";
  // ProQuest's precedence page: OR, then PRE, then NEAR (WITHIN), then AND, then AND NOT
  t.precedence = {{Bind::op_not}, {Bind::op_and}, {Bind::near_any}, {Bind::near_ordered}, {Bind::op_or}};
  t.default_fields = FieldSet{F::all_fields};
  t.date_code = "PD"; // S3 AND PD(19900101-20131231)
  return t;
}

PlatformTable wos()
{
  PlatformTable t;
  t.syntax = Syntax::wos;
  t.name = "Web of Science";
  t.style = FieldStyle::equals;
  t.codes = {
    {"TS", {S::title, S::abstract, S::keywords}, {F::title, F::abstract, F::keywords}},
    {"TI", {S::title}, {F::title}},
    {"AB", {S::abstract}, {F::abstract}},
    {"AK", {S::keywords}, {F::keywords}},
    {"KP", {S::subject}, {F::heading_word}},
    {"AU", {S::author}, {F::author}},
    {"SO", {S::journal}, {F::journal}},
    {"LA", {S::language}, {F::language}},
    {"DT", {S::publication_type}, {F::publication_type}},
    {"ALL", {S::all}, {F::all_fields}},
  };
  t.line_prefix = "#";
  // NEAR/x: at most x words between, any order; NEAR alone: NEAR/15
  t.near = {{"NEAR/", false}, {"NEAR", false, false, 15}};
  t.near_max = 15;
  t.any = '*';
  t.one = '?';
  t.optional = '$';
  t.language = "LA=({})";
  // the search rules: NEAR/x, SAME, NOT, AND, OR (SAME is read as AND)
  t.precedence = {{Bind::op_or}, {Bind::op_and}, {Bind::op_not}, {Bind::near_any, Bind::near_ordered}};
  t.default_fields = FieldSet{F::title, F::abstract, F::keywords};
  t.date_code = "PY"; // #3 AND PY=(1990-2013)
  t.date_open_from = "1900";
  t.date_open_to = "2100";
  return t;
}

PlatformTable scopus()
{
  PlatformTable t;
  t.syntax = Syntax::scopus;
  t.name = "Scopus";
  t.style = FieldStyle::function;
  t.codes = {
    {"TITLE-ABS-KEY", {S::title, S::abstract, S::keywords}, {F::title, F::abstract, F::keywords}},
    {"TITLE", {S::title}, {F::title}},
    {"ABS", {S::abstract}, {F::abstract}},
    {"KEY", {S::keywords}, {F::keywords}},
    {"AUTHKEY", {S::keywords}, {F::keywords}},
    {"AUTH", {S::author}, {F::author}},
    {"SRCTITLE", {S::journal}, {F::journal}},
    {"LANGUAGE", {S::language}, {F::language}},
    {"DOCTYPE", {S::publication_type}, {F::publication_type}},
    {"ALL", {S::all}, {F::all_fields}},
  };
  t.line_prefix = "#";
  t.not_word = "AND NOT";
  t.near = {{"W/", false}, {"PRE/", true}};
  t.near_max = 255;
  t.any = '*';
  t.one = '?';
  t.language = "LANGUAGE({})";
  t.per_language = true;
  t.date_code = "PUBYEAR"; // PUBYEAR > 1989 AND PUBYEAR < 2014 (read; the writer writes it itself)
  // Scopus's search tips: OR, then W/n and PRE/n, then AND, then AND NOT
  t.precedence = {{Bind::op_not}, {Bind::op_and}, {Bind::near_any, Bind::near_ordered}, {Bind::op_or}};
  t.default_fields = FieldSet{F::all_fields};
  return t;
}

PlatformTable cochrane()
{
  PlatformTable t;
  t.syntax = Syntax::cochrane;
  t.name = "the Cochrane Library";
  t.style = FieldStyle::suffix;
  t.codes = {
    {"ti", {S::title}, {F::title}},
    {"ab", {S::abstract}, {F::abstract}},
    {"kw", {S::keywords, S::subject}, {F::keywords}},
    {"au", {S::author}, {F::author}},
    {"so", {S::journal}, {F::journal}},
    {"pt", {S::publication_type}, {F::publication_type}},
  };
  t.line_prefix = "#";
  // NEAR/n any order, NEAR alone NEAR/6 (docs/translate.md cites the page), NEXT next to each
  // other in order
  t.near = {{"NEAR/", false}, {"NEXT", true, false, 0}, {"NEAR", false, false, 6}};
  t.any = '*';
  t.one = '?';
  // not stated by the search help synth could read: proximity first, then left to right
  t.precedence = {{Bind::op_or, Bind::op_and, Bind::op_not}, {Bind::near_any, Bind::near_ordered}};
  t.default_fields = FieldSet{F::all_fields};
  return t;
}

} // namespace

const PlatformTable& platform_table(Syntax syntax)
{
  static const PlatformTable tables[] = {ebsco(), proquest(), wos(), scopus(), cochrane()};
  for (const auto& t : tables) {
    if (t.syntax == syntax) {
      return t;
    }
  }
  return tables[0];
}

std::string_view code_of(const PlatformTable& table, Std field)
{
  for (const auto& c : table.codes) {
    if (c.std.size() == 1 && c.std.front() == field) {
      return c.code;
    }
  }
  for (const auto& c : table.codes) {
    if (std::find(c.std.begin(), c.std.end(), field) != c.std.end()) {
      return c.code;
    }
  }
  return {};
}

const FieldCode* find_code(const PlatformTable& table, std::string_view code)
{
  for (const auto& c : table.codes) {
    if (util::iequals(c.code, code)) {
      return &c;
    }
  }
  return nullptr;
}

std::string_view op_word(const PlatformTable& table, Op op)
{
  return op == Op::op_and ? table.and_word : op == Op::op_or ? table.or_word : table.not_word;
}

} // namespace synth::query::platforms_detail
