#include "synth/screen/condition.hpp"

#include "synth/util/text.hpp"

#include <charconv>
#include <cmath>

namespace synth::screen {

namespace {

std::optional<double> to_number(std::string_view s)
{
  s = util::trim(s);
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt; // "nan" and "inf" are no data (the extraction reader refuses them)
  }
  return value;
}

std::optional<double> eval_num(const NumExpr& e, const Subject& s, std::string& missing)
{
  switch (e.kind) {
  case NumExpr::Kind::number:
    return e.number;
  case NumExpr::Kind::year:
    if (!s.record->year) {
      missing = "year";
      return std::nullopt;
    }
    return *s.record->year;
  case NumExpr::Kind::column: {
    if (!s.extraction || (*s.extraction)[static_cast<std::size_t>(e.column)].empty()) {
      missing = e.name;
      return std::nullopt;
    }
    auto v = to_number((*s.extraction)[static_cast<std::size_t>(e.column)]);
    if (!v) {
      missing = e.name + " (not a number)";
    }
    return v;
  }
  default:
    break;
  }
  auto a = eval_num(*e.left, s, missing);
  if (!a) {
    return std::nullopt;
  }
  auto b = eval_num(*e.right, s, missing);
  if (!b) {
    return std::nullopt;
  }
  switch (e.kind) {
  case NumExpr::Kind::add:
    return *a + *b;
  case NumExpr::Kind::sub:
    return *a - *b;
  case NumExpr::Kind::mul:
    return *a * *b;
  case NumExpr::Kind::div:
    if (*b == 0) {
      missing = e.right->name.empty() ? "divisor 0" : e.right->name + " is 0";
      return std::nullopt;
    }
    return *a / *b;
  default:
    return std::nullopt;
  }
}

template <typename T>
bool compare(const T& a, CompareOp op, const T& b)
{
  switch (op) {
  case CompareOp::lt:
    return a < b;
  case CompareOp::le:
    return a <= b;
  case CompareOp::gt:
    return a > b;
  case CompareOp::ge:
    return a >= b;
  case CompareOp::eq:
    return a == b;
  case CompareOp::ne:
    return a != b;
  }
  return false;
}

Tri of(bool b) { return b ? Tri::yes : Tri::no; }

// The record's value of a text field, normalised like the condition's values.
std::string text_value(const Condition& c, const Subject& s)
{
  const Record& r = *s.record;
  switch (c.field) {
  case FieldId::language:
    return std::string(s.language);
  case FieldId::type:
    return r.type;
  case FieldId::source:
    return util::fold(r.source);
  case FieldId::journal:
    return util::fold(r.journal);
  case FieldId::issn:
    return normalise_issn(r.issn);
  case FieldId::doi:
    return r.doi;
  case FieldId::pmid:
    return r.pmid;
  case FieldId::extraction:
    if (!s.extraction) {
      return {};
    }
    return util::fold((*s.extraction)[static_cast<std::size_t>(c.column)]);
  default:
    return {};
  }
}

Tri eval_is_in(const Condition& c, const Subject& s, std::string& missing)
{
  std::string value = text_value(c, s);
  // A journal matches its full title or its abbreviation.
  std::string abbrev = c.field == FieldId::journal ? util::fold(s.record->journal_abbrev) : "";
  if (value.empty() && abbrev.empty()) {
    missing = c.field_name;
    return Tri::unknown;
  }
  bool hit = false;
  for (const auto& v : c.values) {
    hit = hit || (!value.empty() && v == value) || (!abbrev.empty() && v == abbrev);
  }
  return of(hit != c.negated);
}

Tri eval_date(const Condition& c, const Subject& s, std::string& missing)
{
  std::string date = s.record->date;
  if (date.empty() && s.record->year) {
    date = std::to_string(*s.record->year);
  }
  if (date.empty()) {
    missing = "date";
    return Tri::unknown;
  }
  // Compare at the precision both have; when the record's date is coarser than the
  // constant and equal on the common part, the answer depends on what is not known.
  std::size_t n = std::min(date.size(), c.iso.size());
  int cmp = date.compare(0, n, c.iso, 0, n);
  if (cmp == 0 && date.size() < c.iso.size()) {
    missing = "date (known only as " + date + ")";
    return Tri::unknown;
  }
  // A finer record date in the same period compares equal: "1990-06-01" = "1990".
  return of(compare(cmp, c.op, 0));
}

// A text field that is empty is missing data. For title-abstract, a match in the part
// that is there decides; no match while the other part is missing is unknown, so that
// `not title-abstract matches qualitative` never excludes a record for want of an abstract.
Tri eval_matches(const Condition& c, Subject& s, std::string& missing)
{
  const Record& r = *s.record;
  bool no_title = util::trim(r.title).empty();
  bool no_abstract = util::trim(r.abstract).empty();
  TextField field = c.field == FieldId::title      ? TextField::title
                    : c.field == FieldId::abstract ? TextField::abstract
                                                   : TextField::title_abstract;
  if ((field == TextField::title && no_title) || (field == TextField::abstract && no_abstract)
      || (no_title && no_abstract)) {
    missing = no_title && no_abstract ? "title and abstract" : field == TextField::title ? "title" : "abstract";
    return Tri::unknown;
  }
  bool hit = c.matcher->matches(field, r);
  if (!hit && field == TextField::title_abstract && (no_title || no_abstract)) {
    missing = no_title ? "title" : "abstract";
    return Tri::unknown;
  }
  return of(hit != c.negated);
}

} // namespace

std::string normalise_issn(std::string_view issn)
{
  std::string digits;
  for (char ch : issn) {
    if ((ch >= '0' && ch <= '9') || ch == 'x' || ch == 'X') {
      digits += static_cast<char>(ch == 'x' ? 'X' : ch);
    }
  }
  if (digits.size() != 8) {
    return util::to_upper(util::trim(issn));
  }
  return digits.substr(0, 4) + "-" + digits.substr(4);
}

Tri evaluate(const Condition& c, Subject& s, std::string& missing)
{
  switch (c.kind) {
  case Condition::Kind::op_and: {
    Tri result = Tri::yes;
    for (const auto& child : c.children) {
      std::string m;
      Tri t = evaluate(*child, s, m);
      if (t == Tri::no) {
        return Tri::no;
      }
      if (t == Tri::unknown && result != Tri::unknown) {
        result = Tri::unknown;
        missing = m;
      }
    }
    return result;
  }
  case Condition::Kind::op_or: {
    Tri result = Tri::no;
    for (const auto& child : c.children) {
      std::string m;
      Tri t = evaluate(*child, s, m);
      if (t == Tri::yes) {
        return Tri::yes;
      }
      if (t == Tri::unknown && result != Tri::unknown) {
        result = Tri::unknown;
        missing = m;
      }
    }
    return result;
  }
  case Condition::Kind::op_not: {
    Tri t = evaluate(*c.children[0], s, missing);
    return t == Tri::unknown ? t : of(t == Tri::no);
  }
  case Condition::Kind::is_in:
    return eval_is_in(c, s, missing);
  case Condition::Kind::date_cmp:
    return eval_date(c, s, missing);
  case Condition::Kind::matches:
    return eval_matches(c, s, missing);
  case Condition::Kind::compare: {
    auto a = eval_num(*c.left, s, missing);
    if (!a) {
      return Tri::unknown;
    }
    auto b = eval_num(*c.right, s, missing);
    if (!b) {
      return Tri::unknown;
    }
    return of(compare(*a, c.op, *b));
  }
  }
  return Tri::unknown;
}

} // namespace synth::screen
