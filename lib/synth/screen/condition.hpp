#pragma once
// The condition of a screening rule and its evaluation on one record.
//
// Evaluation is three-valued: a condition is true, false or unknown (Kleene logic:
// `a and b` is false when either is false, unknown when neither is false and one is
// unknown; `not unknown` is unknown). A comparison whose data is missing (no language,
// no year, no date, an empty extraction cell, a division by zero) is unknown, so that
// missing data never excludes: the engine flags the record for human screening instead.
#include "synth/core/record.hpp"
#include "synth/screen/text_match.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::screen {

enum class Tri : std::uint8_t { no, yes, unknown };

// Record fields a condition can name. Any other name is a column of the extraction data.
enum class FieldId : std::uint8_t {
  language,
  year,
  date,
  type,
  source,
  journal,
  issn,
  doi,
  pmid,
  title,
  abstract,
  title_abstract,
  extraction,
};

// An arithmetic expression over numbers, `year` and extraction columns.
struct NumExpr
{
  enum class Kind : std::uint8_t { number, year, column, add, sub, mul, div } kind = Kind::number;
  double number = 0;
  int column = -1;  // column: index into Criteria::columns
  std::string name; // year / column: as written, for messages
  std::unique_ptr<NumExpr> left, right;
};

enum class CompareOp : std::uint8_t { lt, le, gt, ge, eq, ne };

struct Condition
{
  enum class Kind : std::uint8_t {
    op_and,
    op_or,
    op_not,
    is_in,    // field (not) in / is (not) values
    compare,  // numeric: left op right
    date_cmp, // date op iso
    matches,  // text field matches expression
  } kind = Kind::op_and;

  std::vector<std::unique_ptr<Condition>> children; // and/or: 2, not: 1
  FieldId field = FieldId::language;
  int column = -1;                 // is_in on an extraction column
  std::string field_name;          // as written, for flags
  bool negated = false;            // is not / not in / does not match
  std::vector<std::string> values; // is_in: normalised values
  CompareOp op = CompareOp::eq;
  std::unique_ptr<NumExpr> left, right;
  std::string iso; // date_cmp: "1990", "1990-06", "1990-06-01"
  std::shared_ptr<TextMatcher> matcher;
};

// What a condition is evaluated on. The engine fills it once per record.
struct Subject
{
  const Record* record = nullptr;
  // The language used by language conditions: the record's, or a confident detection the
  // criteria allow to decide; empty when unknown.
  std::string_view language;
  // Extraction cells of the record in Criteria::columns order; null when the record has no
  // extraction row. An empty cell is missing data.
  const std::vector<std::string>* extraction = nullptr;
};

// Evaluates the condition. When the result is unknown, `missing` names the first missing
// datum ("language", "year", "participants", "participants is 0").
Tri evaluate(const Condition& condition, Subject& subject, std::string& missing);

// Normalises an ISSN for comparison: "0033-2720" and "00332720" -> "0033-2720"; upper case X.
std::string normalise_issn(std::string_view issn);

} // namespace synth::screen
