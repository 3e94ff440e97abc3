#pragma once
// The writer shared by the targets that spell a strategy with field codes around words and
// Boolean and proximity operators between them: EBSCOhost, ProQuest, Web of Science,
// Scopus and the Cochrane Library (platforms_ebsco.cpp ... platforms_cochrane.cpp). Each
// target says how it spells a field, a heading, a proximity, a wildcard, a limit and a
// line reference; the walk over the tree, the grouping and the notes are here.
//
// Chains of one operator are written as they are; a chain that mixes operators is written
// with parentheses around everything to its left (((a OR b) AND c) NOT d), because the
// platforms do not agree on precedence (Scopus: OR before AND; Web of Science: AND before
// OR; the tree: left to right), so that every target reads what the source meant.
#include "synth/query/platforms_detail.hpp"
#include "synth/query/platforms_table.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query::platforms_detail {

// A piece of the target's text; `compound` when it holds a top-level operator and needs
// parentheses as an operand.
struct Piece
{
  std::string text;
  bool compound = false;
  std::string top; // compound: the one operator at its top level ("OR"); "" when mixed
};

class BooleanWriter : public LineWriter
{
public:
  BooleanWriter(Notes& notes, const Numbers& numbers, const PlatformTable& table)
    : m_notes(notes), m_numbers(numbers), m_table(table)
  {
  }

  std::string write_line(const Node& n) override;

protected:
  // --- what each target says -----------------------------------------------------------
  // Its table (platforms_table.hpp) says how it spells operators, proximity, wildcards,
  // languages and line references; the writer of each target says the rest.
  const PlatformTable& table() const { return m_table; }
  // The platform's name in notes ("EBSCOhost").
  std::string platform() const { return std::string(m_table.name); }
  // `inner` searched in the fields (standard fields, in order, none twice); inner_compound
  // when inner holds operators.
  virtual Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool inner_compound) = 0;
  // A controlled-vocabulary heading; nullopt: the target has no such heading, and the
  // heading is written as a phrase of its words in title and abstract (with a note).
  virtual std::optional<Piece> heading(const Node& n) = 0;
  // The operator of a proximity (" N2 ", " NEAR/3 " without the spaces), notes included:
  // the table's spelling for its order, widened to either order where it has none.
  virtual std::string near(const Proximity& p);
  std::string op_word(Op op) const { return std::string(platforms_detail::op_word(m_table, op)); }
  // A wildcard as the table spells it, notes included (widened to * where it has none).
  std::string wildcard(const Wildcard& w, const std::string& term);
  // A limit as a clause ANDed to the search; nullopt: the target has none (noted here).
  // Languages as the table spells them, dates by date_limit, the other limits noted.
  std::optional<std::string> limit(const Limit& l);
  virtual std::optional<std::string> date_limit(const Limit& l) = 0;
  // A reference to line n (the target's number): the table's line prefix.
  virtual Piece reference(int n, const Node& line);
  // The fields a term with no field searches on the target (PubMed's untagged terms).
  virtual std::vector<Std> default_fields() const { return {Std::title, Std::abstract}; }
  // A phrase of several words.
  virtual std::string phrase(const std::string& words) { return "\"" + words + "\""; }

  // --- shared --------------------------------------------------------------------------
  int number(int n) const;
  // The standard fields of a field set, with a note for every field that has none.
  std::vector<Std> standard(const FieldSet& fields);
  Piece write(const Node& n, bool fields_outside);
  Notes& notes() { return m_notes; }
  static std::string std_name(Std f);
  // Title, abstract and keywords (or subject terms) are all among `fields`: the platform's
  // one code for the three (Web of Science's TS, Scopus's TITLE-ABS-KEY) searches them.
  static bool title_abstract_keywords(const std::vector<Std>& fields);
  // The table's code of each field, none twice, in order; with `topic_code` (not empty) and
  // title_abstract_keywords(fields), that code first in place of the title, abstract,
  // keyword and subject codes.
  std::vector<std::string> codes_of(const std::vector<Std>& fields, std::string_view topic_code = {}) const;
  // `inner` in each code, ORed: open and close around it (`TI=(` `)`, `TI ( ` ` )`).
  static Piece ored(const std::vector<std::string>& codes, std::string_view open, std::string_view close,
                    const std::string& inner);

private:
  Piece term(const Node& n, bool fields_outside);
  std::string word_text(const Node& n);
  Piece chain(const Node& n, bool fields_outside);
  Piece limited(const Node& n);
  Piece date_range(const Node& n);
  Piece heading_or_phrase(const Node& n);
  static std::optional<FieldSet> common_fields(const Node& n);
  // Only OR and proximity between the terms of `n` (no AND or NOT): a field written as
  // several codes may be gathered over it (a proximity is within one field).
  static bool over_fields(const Node& n);

  Notes& m_notes;
  const Numbers& m_numbers;
  const PlatformTable& m_table;
};

std::unique_ptr<LineWriter> ebsco_writer(Notes& notes, const Numbers& numbers);
std::unique_ptr<LineWriter> proquest_writer(Notes& notes, const Numbers& numbers);
// from_wos: the strategy was read from Web of Science, whose TS= the tree holds as title,
// abstract and keywords (Keywords Plus included): written TS= again without a note.
std::unique_ptr<LineWriter> wos_writer(Notes& notes, const Numbers& numbers, bool from_wos);
std::unique_ptr<LineWriter> cochrane_writer(Notes& notes, const Numbers& numbers);
// Scopus runs one query: a reference is the referred line written out in parentheses
// (`lines` holds the tree of each source line by its number).
std::unique_ptr<LineWriter> scopus_writer(Notes& notes, const Numbers& numbers);

} // namespace synth::query::platforms_detail
