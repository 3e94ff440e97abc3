#include "synth/prisma/flow.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

namespace synth::prisma {

namespace {

using Scalar = std::int64_t Flow::*;
using List = std::vector<Count> Flow::*;
using Optional = std::optional<std::int64_t> Flow::*;

struct KeyMember
{
  KeyInfo info;
  std::variant<Scalar, List, Optional> member;
};

const std::vector<KeyMember>& members()
{
  using K = KeyKind;
  static const std::vector<KeyMember> table = {
    {{"previous_studies", K::scalar, "Studies included in previous version of review"}, &Flow::previous_studies},
    {{"previous_reports", K::scalar, "Reports of studies included in previous version of review"},
     &Flow::previous_reports},
    {{"database_results", K::scalar, "Records identified from databases"}, &Flow::database_results},
    {{"database_specific_results", K::list, "Records identified per database"}, &Flow::database_specific_results},
    {{"register_results", K::scalar, "Records identified from registers"}, &Flow::register_results},
    {{"register_specific_results", K::list, "Records identified per register"}, &Flow::register_specific_results},
    {{"website_results", K::scalar, "Records identified from websites"}, &Flow::website_results},
    {{"organisation_results", K::scalar, "Records identified from organisations"}, &Flow::organisation_results},
    {{"citations_results", K::scalar, "Records identified from citation searching"}, &Flow::citations_results},
    {{"duplicates", K::scalar, "Duplicate records removed"}, &Flow::duplicates},
    {{"excluded_automatic", K::scalar, "Records marked as ineligible by automation tools"}, &Flow::excluded_automatic},
    {{"excluded_other", K::scalar, "Records removed for other reasons"}, &Flow::excluded_other},
    {{"records_screened", K::scalar, "Records screened"}, &Flow::records_screened},
    {{"records_excluded", K::scalar, "Records excluded"}, &Flow::records_excluded},
    {{"dbr_sought_reports", K::scalar, "Reports sought for retrieval"}, &Flow::dbr_sought_reports},
    {{"dbr_notretrieved_reports", K::scalar, "Reports not retrieved"}, &Flow::dbr_notretrieved_reports},
    {{"other_sought_reports", K::scalar, "Reports sought for retrieval (other methods)"}, &Flow::other_sought_reports},
    {{"other_notretrieved_reports", K::scalar, "Reports not retrieved (other methods)"},
     &Flow::other_notretrieved_reports},
    {{"dbr_assessed", K::scalar, "Reports assessed for eligibility"}, &Flow::dbr_assessed},
    {{"dbr_excluded", K::list, "Reports excluded"}, &Flow::dbr_excluded},
    {{"other_assessed", K::scalar, "Reports assessed for eligibility (other methods)"}, &Flow::other_assessed},
    {{"other_excluded", K::list, "Reports excluded (other methods)"}, &Flow::other_excluded},
    {{"new_studies", K::scalar, "New studies included in review"}, &Flow::new_studies},
    {{"new_reports", K::scalar, "Reports of new included studies"}, &Flow::new_reports},
    {{"total_studies", K::scalar, "Total studies included in review"}, &Flow::total_studies},
    {{"total_reports", K::scalar, "Reports of total included studies"}, &Flow::total_reports},
    {{"total_studies_ma", K::scalar, "Total studies included in meta-analysis"}, &Flow::total_studies_ma},
    {{"total_reports_ma", K::scalar, "Reports of total included studies in meta-analysis"}, &Flow::total_reports_ma},
    {{"title_excluded", K::optional, "Records excluded on title"}, &Flow::title_excluded},
    {{"abstract_screened", K::optional, "Abstracts screened"}, &Flow::abstract_screened},
    {{"abstract_excluded", K::optional, "Records excluded on abstract"}, &Flow::abstract_excluded},
    {{"records_pending", K::scalar, "Records awaiting screening"}, &Flow::records_pending},
    {{"records_not_screened", K::list, "Records excluded without screening (stopping rule)", true},
     &Flow::records_not_screened},
    {{"reports_pending", K::scalar, "Reports awaiting a full-text decision"}, &Flow::reports_pending},
  };
  return table;
}

const KeyMember* find_member(std::string_view key)
{
  for (const auto& m : members()) {
    if (m.info.key == key) {
      return &m;
    }
  }
  return nullptr;
}

// One term of an equation: a box and its sign.
struct Term
{
  std::string_view key;
  int sign;
};

// Checks lhs == sum(terms); returns the message when it does not hold.
std::optional<std::string> equation(const Flow& flow, std::string_view lhs, const std::vector<Term>& terms)
{
  std::int64_t expected = 0;
  std::string rhs;
  for (const auto& term : terms) {
    auto v = value_of(flow, term.key).value_or(0);
    expected += term.sign * v;
    if (v == 0) {
      continue;
    }
    if (rhs.empty()) {
      rhs = fmt::format("{}{} ({})", term.sign < 0 ? "- " : "", term.key, thousands(v));
    } else {
      rhs += fmt::format(" {} {} ({})", term.sign < 0 ? '-' : '+', term.key, thousands(v));
    }
  }
  auto actual = value_of(flow, lhs).value_or(0);
  if (actual == expected) {
    return std::nullopt;
  }
  if (rhs.empty()) {
    rhs = fmt::format("{} ({})", terms.front().key, 0);
  }
  return fmt::format("{} ({}) != {} = {}", lhs, thousands(actual), rhs, thousands(expected));
}

} // namespace

bool Flow::has_other_methods() const
{
  return website_results != 0 || organisation_results != 0 || citations_results != 0 || other_sought_reports != 0
         || other_notretrieved_reports != 0 || other_assessed != 0 || !other_excluded.empty();
}

std::int64_t sum(const std::vector<Count>& counts)
{
  std::int64_t total = 0;
  for (const auto& c : counts) {
    total += c.n.value_or(0);
  }
  return total;
}

bool all_known(const std::vector<Count>& counts)
{
  return std::all_of(counts.begin(), counts.end(), [](const Count& c) { return c.n.has_value(); });
}

bool counts_may_be_unknown(std::string_view key)
{
  return key == "database_specific_results" || key == "register_specific_results";
}

const std::vector<KeyInfo>& flow_keys()
{
  static const std::vector<KeyInfo> keys = [] {
    std::vector<KeyInfo> out;
    for (const auto& m : members()) {
      out.push_back(m.info);
    }
    return out;
  }();
  return keys;
}

const KeyInfo* find_key(std::string_view key)
{
  const auto* m = find_member(key);
  return m ? &m->info : nullptr;
}

std::optional<std::int64_t> value_of(const Flow& flow, std::string_view key)
{
  const auto* m = find_member(key);
  if (!m) {
    return std::nullopt;
  }
  if (const auto* s = std::get_if<Scalar>(&m->member)) {
    return flow.*(*s);
  }
  if (const auto* l = std::get_if<List>(&m->member)) {
    return sum(flow.*(*l));
  }
  return flow.*(std::get<Optional>(m->member));
}

void set_value(Flow& flow, std::string_view key, std::int64_t n)
{
  const auto* m = find_member(key);
  if (!m) {
    return;
  }
  if (const auto* s = std::get_if<Scalar>(&m->member)) {
    flow.*(*s) = n;
  } else if (const auto* o = std::get_if<Optional>(&m->member)) {
    flow.*(*o) = n;
  }
}

std::vector<Count>* list_of(Flow& flow, std::string_view key)
{
  const auto* m = find_member(key);
  const auto* l = m ? std::get_if<List>(&m->member) : nullptr;
  return l ? &(flow.*(*l)) : nullptr;
}

const std::vector<Count>* list_of(const Flow& flow, std::string_view key)
{
  return list_of(const_cast<Flow&>(flow), key);
}

std::vector<std::string> check_flow(const Flow& f)
{
  std::vector<std::string> problems;
  auto add = [&](std::optional<std::string> p) {
    if (p) {
      problems.push_back(std::move(*p));
    }
  };
  if (!f.database_specific_results.empty() && all_known(f.database_specific_results)) {
    add(equation(f, "database_results", {{"database_specific_results", 1}}));
  }
  if (!f.register_specific_results.empty() && all_known(f.register_specific_results)) {
    add(equation(f, "register_results", {{"register_specific_results", 1}}));
  }
  add(equation(f, "records_screened",
               {{"database_results", 1},
                {"register_results", 1},
                {"duplicates", -1},
                {"excluded_automatic", -1},
                {"excluded_other", -1}}));
  if (f.title_excluded || f.abstract_screened || f.abstract_excluded) {
    add(equation(f, "records_excluded", {{"title_excluded", 1}, {"abstract_excluded", 1}}));
    add(equation(f, "abstract_screened", {{"records_screened", 1}, {"title_excluded", -1}}));
  }
  add(equation(f, "dbr_sought_reports", {{"records_screened", 1}, {"records_excluded", -1}, {"records_pending", -1}}));
  add(equation(f, "dbr_assessed", {{"dbr_sought_reports", 1}, {"dbr_notretrieved_reports", -1}}));
  add(equation(f, "other_assessed", {{"other_sought_reports", 1}, {"other_notretrieved_reports", -1}}));
  std::vector<Term> included = {
    {"dbr_assessed", 1}, {"dbr_excluded", -1}, {"reports_pending", -1}, {"other_assessed", 1}, {"other_excluded", -1}};
  if (f.new_reports != 0) {
    add(equation(f, "new_reports", included));
    if (f.new_studies > f.new_reports) {
      problems.push_back(
        fmt::format("new_studies ({}) > new_reports ({})", thousands(f.new_studies), thousands(f.new_reports)));
    }
  } else {
    add(equation(f, "new_studies", included));
  }
  if (f.total_studies != 0 || f.previous_studies != 0) {
    add(equation(f, "total_studies", {{"previous_studies", 1}, {"new_studies", 1}}));
  }
  if (f.total_reports != 0 || f.previous_reports != 0) {
    add(equation(f, "total_reports", {{"previous_reports", 1}, {"new_reports", 1}}));
  }
  for (const auto& m : members()) {
    if (auto v = value_of(f, m.info.key); v && *v < 0) {
      problems.push_back(fmt::format("{} ({}) is negative", m.info.key, thousands(*v)));
    }
  }
  return problems;
}

void require_consistent(const Flow& flow, std::string_view where)
{
  auto problems = check_flow(flow);
  if (problems.empty()) {
    return;
  }
  std::string message;
  for (const auto& p : problems) {
    if (!message.empty()) {
      message += '\n';
    }
    message += fmt::format("{}: {}", where, p);
  }
  throw Error(message, "each box must equal the boxes it is computed from; correct the counts named above");
}

std::string thousands(std::int64_t n)
{
  auto digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

} // namespace synth::prisma
