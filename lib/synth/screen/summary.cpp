#include "synth/screen/summary.hpp"

#include "synth/screen/screen.hpp"
#include "synth/store/screen_tables.hpp"
#include "synth/util/text.hpp"

#include <algorithm>
#include <map>

namespace synth::screen {

namespace {

Stage stage_of(const std::string& name) { return parse_stage(name).value_or(Stage::automatic); }

Final final_of(const std::string& name)
{
  return name == "include" ? Final::include : name == "exclude" ? Final::exclude : Final::pending;
}

ReasonCounts sorted(const std::map<std::string, std::int64_t>& counts)
{
  ReasonCounts out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::vector<Stage> stored_stages(store::Store& store)
{
  std::vector<Stage> stages{Stage::automatic};
  const std::string list = store::screen_stages(store);
  for (auto name : util::split(list, ',')) {
    if (auto s = parse_stage(name)) {
      stages.push_back(*s);
    }
  }
  return stages;
}

} // namespace

bool ran(store::Store& store) { return store::screen_ran(store); }

std::vector<RecordScreening> outcomes(store::Store& store)
{
  std::vector<RecordScreening> out;
  for (auto& r : store::screening_outcomes(store)) {
    out.push_back({r.record_id, stage_of(r.stage), final_of(r.decision), std::move(r.reason), std::move(r.flags)});
  }
  return out;
}

std::vector<StageSummary> stage_summary(store::Store& store)
{
  if (!ran(store)) {
    return {};
  }
  auto stages = stored_stages(store);
  std::vector<StageSummary> out(stages.size());
  std::vector<std::map<std::string, std::int64_t>> reasons(stages.size());
  for (std::size_t i = 0; i < stages.size(); ++i) {
    out[i].stage = stages[i];
  }
  for (const auto& r : outcomes(store)) {
    auto flags = util::split(r.flags, ';');
    for (std::size_t i = 0; i < stages.size(); ++i) {
      auto& s = out[i];
      bool here = stages[i] == r.stage;
      bool before = stage_index(stages[i]) < stage_index(r.stage);
      if (!here && !before) {
        break;
      }
      ++s.reached;
      if (before || r.decision == Final::include) {
        ++s.passed;
      } else if (r.decision == Final::exclude) {
        ++s.excluded;
        ++reasons[i][r.reason];
      } else {
        ++s.pending;
      }
      std::string prefix = std::string(stage_name(stages[i])) + ":";
      bool flagged = false;
      for (auto f : flags) {
        f = util::trim(f);
        flagged = flagged || util::istarts_with(f, prefix)
                  || (stages[i] == Stage::automatic && util::istarts_with(f, "language detected"));
        if (here && r.decision == Final::pending && util::istarts_with(f, prefix + " conflict")) {
          ++s.conflicts;
        }
      }
      s.flagged += flagged;
    }
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    out[i].excluded_by_reason = sorted(reasons[i]);
  }
  return out;
}

PrismaScreening prisma_screening(store::Store& store)
{
  PrismaScreening p;
  if (!ran(store)) {
    return p;
  }
  std::map<std::string, std::int64_t> automatic, full_text;
  for (const auto& r : outcomes(store)) {
    ++p.unique_records;
    if (r.decision == Final::exclude) {
      switch (r.stage) {
      case Stage::automatic:
        ++p.excluded_automatic;
        ++automatic[r.reason];
        break;
      case Stage::title:
        ++p.excluded_title;
        break;
      case Stage::abstract:
      case Stage::title_abstract:
        ++p.excluded_abstract;
        break;
      case Stage::full_text:
        ++p.excluded_full_text;
        ++full_text[r.reason];
        break;
      }
    } else if (r.decision == Final::include) {
      ++p.included;
    } else {
      ++p.pending;
      p.full_text_pending += r.stage == Stage::full_text;
    }
  }
  p.records_screened = p.unique_records - p.excluded_automatic;
  p.records_excluded = p.excluded_title + p.excluded_abstract;
  p.full_text_assessed = p.included + p.excluded_full_text;
  p.full_text_reached = p.full_text_assessed + p.full_text_pending;
  p.automatic_reasons = sorted(automatic);
  p.full_text_reasons = sorted(full_text);
  return p;
}

std::vector<std::int64_t> pending_at(store::Store& store, Stage stage)
{
  return store::records_pending_at(store, stage_name(stage));
}

std::vector<std::int64_t> included_records(store::Store& store) { return store::records_included(store); }

std::vector<StoredConflict> conflicts(store::Store& store)
{
  std::vector<StoredConflict> out;
  for (auto& c : store::screen_conflicts(store)) {
    out.push_back({c.record_id, stage_of(c.stage), std::move(c.decisions)});
  }
  return out;
}

std::vector<Agreement> agreement(store::Store& store)
{
  std::vector<Agreement> out;
  for (auto& row : store::screen_agreement(store)) {
    Agreement a;
    a.stage = stage_of(row.stage);
    a.reviewer_a = std::move(row.reviewer_a);
    a.reviewer_b = std::move(row.reviewer_b);
    a.kappa.items = row.records;
    a.kappa.observed = row.observed;
    a.kappa.expected = row.expected;
    a.kappa.kappa = row.kappa;
    a.conflicts = row.conflicts;
    out.push_back(std::move(a));
  }
  return out;
}

} // namespace synth::screen
