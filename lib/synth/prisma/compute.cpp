#include "synth/prisma/compute.hpp"

#include "synth/store/store.hpp"
#include "synth/util/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace synth::prisma {

namespace {

bool contains(std::string_view haystack, std::string_view needle)
{
  return haystack.find(needle) != std::string_view::npos;
}

std::optional<SourceGroup> group_named(std::string_view name)
{
  auto n = util::to_lower(util::trim(name));
  if (n == "database") {
    return SourceGroup::database;
  }
  if (n == "register" || n == "registers") {
    return SourceGroup::register_;
  }
  if (n == "website" || n == "websites") {
    return SourceGroup::website;
  }
  if (n == "organisation" || n == "organisations" || n == "organization" || n == "organizations") {
    return SourceGroup::organisation;
  }
  if (n == "citations" || n == "citation searching" || n == "other") {
    return SourceGroup::citations;
  }
  return std::nullopt;
}

// Full-text row counts once per unique record.
struct Tally
{
  Flow flow;
  std::map<std::string, std::int64_t> dbr_reasons;
  std::map<std::string, std::int64_t> other_reasons;
  std::vector<std::string> dbr_reason_order;
  std::vector<std::string> other_reason_order;
};

void add_reason(std::map<std::string, std::int64_t>& reasons, std::vector<std::string>& order, std::string reason)
{
  if (reason.empty()) {
    reason = "Reason not given";
  }
  if (reasons[reason]++ == 0) {
    order.push_back(reason);
  }
}

std::vector<Count> to_counts(const std::map<std::string, std::int64_t>& reasons, const std::vector<std::string>& order)
{
  std::vector<Count> out;
  for (const auto& r : order) {
    out.push_back({r, reasons.at(r)});
  }
  // Largest first, as PRISMA figures list reasons; ties keep first-seen order.
  std::stable_sort(out.begin(), out.end(), [](const Count& a, const Count& b) { return a.n > b.n; });
  return out;
}

} // namespace

SourceGroup classify_source(std::string_view source, std::string_view details_json)
{
  if (!details_json.empty()) {
    auto doc = nlohmann::json::parse(details_json, nullptr, false);
    if (doc.is_object() && doc.contains("prisma_group") && doc["prisma_group"].is_string()) {
      if (auto g = group_named(doc["prisma_group"].get<std::string>())) {
        return *g;
      }
    }
  }
  auto n = util::to_lower(util::trim(source));
  for (std::string_view r : {"clinicaltrials.gov", "ictrp", "isrctn", "eu ctr", "euctr", "anzctr", "ctri", "drks"}) {
    if (contains(n, r)) {
      return SourceGroup::register_;
    }
  }
  if (n.starts_with("register:") || contains(n, "register") || contains(n, "registry")) {
    return SourceGroup::register_;
  }
  if (n.starts_with("website") || contains(n, "web search") || n.starts_with("google")) {
    return SourceGroup::website;
  }
  if (n.starts_with("organisation") || n.starts_with("organization")) {
    return SourceGroup::organisation;
  }
  if (n.starts_with("citation") || n.starts_with("reference list") || n.starts_with("snowball") ||
      n.starts_with("hand search") || n.starts_with("handsearch") || n.starts_with("hand-search")) {
    return SourceGroup::citations;
  }
  return SourceGroup::database;
}

bool means_not_retrieved(std::string_view reason)
{
  auto r = util::to_lower(reason);
  std::replace(r.begin(), r.end(), '-', ' ');
  return contains(r, "not retrieved") || contains(r, "not retrievable") || contains(r, "could not be retrieved") ||
         contains(r, "full text not available") || contains(r, "no full text") || contains(r, "not obtainable") ||
         contains(r, "could not be obtained");
}

Flow tally_flow(const std::vector<RecordState>& records, const std::map<std::string, SourceGroup>& groups)
{
  bool separate = false;
  {
    bool title = false;
    bool abstract = false;
    for (const auto& r : records) {
      title = title || r.stage == "title";
      abstract = abstract || r.stage == "abstract";
    }
    separate = title && abstract;
  }
  Tally t;
  Flow& f = t.flow;
  std::int64_t title_excluded = 0;
  std::int64_t abstract_excluded = 0;
  std::vector<Count> per_database;
  std::vector<Count> per_register;
  auto bump = [](std::vector<Count>& list, const std::string& label) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Count& c) { return c.label == label; });
    if (it == list.end()) {
      list.push_back({label, 1});
    } else {
      ++it->n;
    }
  };

  for (const auto& r : records) {
    auto found = groups.find(r.source);
    auto group = found != groups.end() ? found->second : classify_source(r.source);
    bool main_flow = group == SourceGroup::database || group == SourceGroup::register_;
    switch (group) {
    case SourceGroup::database: bump(per_database, r.source); break;
    case SourceGroup::register_: bump(per_register, r.source); break;
    case SourceGroup::website: ++f.website_results; break;
    case SourceGroup::organisation: ++f.organisation_results; break;
    case SourceGroup::citations: ++f.citations_results; break;
    }
    if (!r.kept) {
      if (main_flow) {
        ++f.duplicates;
      }
      continue;
    }
    const auto& stage = r.stage;
    bool exclude = r.decision == "exclude";
    bool include = r.decision == "include";
    bool full_text = stage == "full-text";
    // Before full text: excluded, or still awaiting title/abstract screening.
    bool awaiting_screening = r.decision.empty() || stage.empty() || stage == "pending" || stage == "automatic" ||
                              (stage == "title" && separate);
    if (exclude && !full_text) {
      if (!main_flow) {
        continue; // excluded before it was sought: no box in the other-methods column
      }
      if (stage == "automatic") {
        ++f.excluded_automatic;
      } else if (stage == "title") {
        ++title_excluded;
      } else {
        ++abstract_excluded;
      }
      continue;
    }
    if (!exclude && !full_text && awaiting_screening) {
      if (main_flow) {
        ++f.records_pending;
      }
      continue;
    }
    // Sought for retrieval (passed title/abstract screening).
    if (main_flow) {
      ++f.dbr_sought_reports;
    } else {
      ++f.other_sought_reports;
    }
    if (exclude && means_not_retrieved(r.reason)) {
      ++(main_flow ? f.dbr_notretrieved_reports : f.other_notretrieved_reports);
      continue;
    }
    ++(main_flow ? f.dbr_assessed : f.other_assessed);
    if (exclude) {
      if (main_flow) {
        add_reason(t.dbr_reasons, t.dbr_reason_order, r.reason);
      } else {
        add_reason(t.other_reasons, t.other_reason_order, r.reason);
      }
    } else if (include && full_text) {
      ++f.new_reports;
    } else {
      ++f.reports_pending;
    }
  }

  f.database_specific_results = per_database;
  f.register_specific_results = per_register;
  f.database_results = sum(per_database);
  f.register_results = sum(per_register);
  f.dbr_excluded = to_counts(t.dbr_reasons, t.dbr_reason_order);
  f.other_excluded = to_counts(t.other_reasons, t.other_reason_order);
  f.records_screened = f.database_results + f.register_results - f.duplicates - f.excluded_automatic - f.excluded_other;
  f.records_excluded = title_excluded + abstract_excluded;
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
  std::map<std::string, SourceGroup> groups;
  {
    auto st = store.prepare("SELECT database, details FROM searches ORDER BY id");
    while (st.step()) {
      auto database = st.column_text(0);
      auto details = st.column_text(1);
      auto group = classify_source(database, details);
      // An explicit group in any run of the source wins over the name.
      if (!groups.contains(database) || group != classify_source(database)) {
        groups[database] = group;
      }
    }
  }
  std::vector<RecordState> records;
  auto st = store.prepare(
    "SELECT r.source, c.kept, s.stage, s.decision, s.reason FROM records r "
    "LEFT JOIN clusters c ON c.record_id = r.id LEFT JOIN screening s ON s.record_id = r.id ORDER BY r.id");
  while (st.step()) {
    RecordState r;
    r.source = st.column_text(0);
    r.kept = st.column_is_null(1) || st.column_int(1) != 0;
    if (!st.column_is_null(2)) {
      r.stage = st.column_text(2);
      r.decision = st.column_text(3);
      r.reason = st.column_text(4);
    }
    records.push_back(std::move(r));
  }
  return tally_flow(records, groups);
}

} // namespace synth::prisma
