#include "synth/prisma/compute.hpp"

#include "synth/screen/summary.hpp"
#include "synth/store/retrieved.hpp"
#include "synth/store/store.hpp"
#include "synth/store/views.hpp"

#include <algorithm>
#include <map>

namespace synth::prisma {

namespace {

// Per-reason counts in first-seen order; listed largest first.
struct Reasons
{
  std::map<std::string, std::int64_t> counts;
  std::vector<std::string> order;

  void add(std::string reason)
  {
    if (reason.empty()) {
      reason = "Reason not given";
    }
    if (counts[reason]++ == 0) {
      order.push_back(reason);
    }
  }

  std::vector<Count> list() const
  {
    std::vector<Count> out;
    out.reserve(order.size());
    for (const auto& r : order) {
      out.push_back({r, counts.at(r)});
    }
    // Largest first, as PRISMA figures list reasons; ties keep first-seen order.
    std::stable_sort(out.begin(), out.end(), [](const Count& a, const Count& b) { return a.n > b.n; });
    return out;
  }
};

void bump(std::vector<Count>& list, const std::string& label)
{
  auto it = std::find_if(list.begin(), list.end(), [&](const Count& c) { return c.label == label; });
  if (it == list.end()) {
    list.push_back({label, 1});
  } else {
    ++*it->n;
  }
}

bool is_abstract_stage(const std::string& stage) { return stage == "abstract" || stage == "title-abstract"; }

bool separate_from_rows(const std::vector<RecordState>& records)
{
  bool title = false;
  bool abstract = false;
  for (const auto& r : records) {
    title = title || r.stage == "title";
    abstract = abstract || r.stage == "abstract";
  }
  return title && abstract;
}

} // namespace

Flow tally_flow(const std::vector<RecordState>& records, std::optional<bool> separate_steps,
                const std::map<std::string, std::int64_t>& retrieved)
{
  const bool separate = separate_steps.value_or(separate_from_rows(records));
  Flow f;
  std::int64_t title_excluded = 0;
  std::int64_t abstract_excluded = 0;
  std::vector<Count> per_database;
  std::vector<Count> per_register;
  Reasons dbr_reasons;
  Reasons other_reasons;
  std::vector<Count> not_screened;

  for (const auto& r : records) {
    bool main_flow = r.group == SourceGroup::database || r.group == SourceGroup::register_;
    switch (r.group) {
    case SourceGroup::database:
      bump(per_database, r.source);
      break;
    case SourceGroup::register_:
      bump(per_register, r.source);
      break;
    case SourceGroup::website:
      ++f.website_results;
      break;
    case SourceGroup::organisation:
      ++f.organisation_results;
      break;
    case SourceGroup::citations:
      ++f.citations_results;
      break;
    }
    if (!r.kept) {
      f.duplicates += main_flow ? 1 : 0;
      continue;
    }
    const bool full_text = r.stage == "full-text";
    const bool exclude = r.decision == "exclude";
    const bool include = r.decision == "include";
    if (exclude && !full_text) {
      if (!main_flow) {
        continue; // excluded before it was sought: no box in the other-methods column
      }
      if (r.stage == "automatic") {
        ++f.excluded_automatic;
        continue;
      }
      ++(r.stage == "title" ? title_excluded : abstract_excluded);
      if (means_stopping_rule(r.reason)) {
        bump(not_screened, separate ? (r.stage == "title" ? "on title: " : "on abstract: ") + r.reason : r.reason);
      }
      continue;
    }
    // Still before full text: no decision yet, or passed a stage with another one to come.
    bool passed_screening = include && (is_abstract_stage(r.stage) || (r.stage == "title" && !separate));
    if (!full_text && !passed_screening) {
      f.records_pending += main_flow ? 1 : 0;
      continue;
    }
    // Sought for retrieval (passed title/abstract screening).
    ++(main_flow ? f.dbr_sought_reports : f.other_sought_reports);
    if (exclude && means_not_retrieved(r.reason)) {
      ++(main_flow ? f.dbr_notretrieved_reports : f.other_notretrieved_reports);
      continue;
    }
    ++(main_flow ? f.dbr_assessed : f.other_assessed);
    if (exclude) {
      (main_flow ? dbr_reasons : other_reasons).add(r.reason);
    } else if (include && full_text) {
      ++f.new_reports;
    } else {
      ++f.reports_pending;
    }
  }

  // Repeats inside one database: records its strategies returned more than once.
  for (auto* list : {&per_database, &per_register}) {
    for (auto& c : *list) {
      auto it = retrieved.find(c.label);
      if (it != retrieved.end() && c.n && it->second > *c.n) {
        f.duplicates += it->second - *c.n;
        c.n = it->second;
      }
    }
  }
  f.database_specific_results = per_database;
  f.register_specific_results = per_register;
  f.database_results = sum(per_database);
  f.register_results = sum(per_register);
  f.dbr_excluded = dbr_reasons.list();
  f.other_excluded = other_reasons.list();
  f.records_screened = f.database_results + f.register_results - f.duplicates - f.excluded_automatic - f.excluded_other;
  f.records_excluded = title_excluded + abstract_excluded;
  f.records_not_screened = not_screened;
  if (separate) {
    f.title_excluded = title_excluded;
    f.abstract_excluded = abstract_excluded;
    f.abstract_screened = f.records_screened - title_excluded;
  }
  f.new_studies = f.new_reports;
  return f;
}

Flow compute_flow(store::Store& store)
{
  // Records, their source group (an explicit group in the details of the search or import
  // that stored them wins over the name) and their cluster membership.
  std::vector<RecordState> records;
  std::map<std::int64_t, std::size_t> index; // synth id -> records[i]
  {
    std::map<std::pair<std::string, std::int64_t>, SourceGroup> groups;
    for (auto& o : store::record_origins(store)) {
      RecordState r;
      r.source = std::move(o.source);
      auto key = std::make_pair(r.source, o.search_id);
      auto found = groups.find(key);
      r.group = found != groups.end() ? found->second : (groups[key] = classify_source(r.source, o.prisma_group));
      r.kept = o.kept;
      index[o.id] = records.size();
      records.push_back(std::move(r));
    }
  }

  // Screening as screen stored it, through screen's own reader.
  for (const auto& o : screen::outcomes(store)) {
    auto it = index.find(o.record_id);
    if (it == index.end()) {
      continue;
    }
    auto& r = records[it->second];
    r.stage = std::string(screen::stage_name(o.stage));
    r.decision = std::string(screen::final_name(o.decision));
    r.reason = o.reason;
  }

  // The human stages screen used; before screen has run, whatever the rows say.
  std::optional<bool> separate;
  auto stages = screen::stage_summary(store);
  if (!stages.empty()) {
    auto uses = [&](screen::Stage s) {
      return std::any_of(stages.begin(), stages.end(), [&](const auto& x) { return x.stage == s; });
    };
    separate = uses(screen::Stage::title) && uses(screen::Stage::abstract);
  }
  return tally_flow(records, separate, store::retrieved_per_source(store));
}

} // namespace synth::prisma
