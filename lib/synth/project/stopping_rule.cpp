#include "synth/project/stopping_rule.hpp"

#include "synth/core/error.hpp"
#include "synth/core/version.hpp"
#include "synth/project/screening_session.hpp"
#include "synth/screen/inputs.hpp"
#include "synth/store/screen_tables.hpp"
#include "synth/store/store.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/file_write.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <unordered_map>

namespace synth::project {

namespace fs = std::filesystem;

std::vector<bool> screening_sequence(const std::vector<SequenceRow>& rows, const std::set<std::int64_t>& candidates)
{
  // The last row of each record decides its place and its relevance.
  std::unordered_map<std::int64_t, std::size_t> last;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (candidates.contains(rows[i].record_id)) {
      last[rows[i].record_id] = i;
    }
  }
  std::vector<bool> out;
  out.reserve(last.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto it = last.find(rows[i].record_id);
    if (it != last.end() && it->second == i) {
      out.push_back(rows[i].relevant);
    }
  }
  return out;
}

std::string stop_reason(const rank::StoppingOptions& options)
{
  return fmt::format("{} (recall >= {:g} %, {:g} % confidence)", screen::k_stopping_rule_reason, 100 * options.target,
                     100 * options.confidence);
}

std::string rule_text(const rank::StoppingOptions& options)
{
  return fmt::format("recall >= {:g} % with {:g} % confidence", 100 * options.target, 100 * options.confidence);
}

std::string stop_file_name(screen::Stage stage)
{
  return fmt::format("{}-stopping-rule.csv", screen::stage_name(stage));
}

bool is_stop_file(std::string_view file)
{
  auto slash = file.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
  for (auto s : screen::k_stages) {
    if (s != screen::Stage::automatic && name == stop_file_name(s)) {
      return true;
    }
  }
  return false;
}

namespace {

double meta_number(store::Store& store, std::string_view key, double fallback)
{
  std::string v = store::screen_meta_value(store, key);
  double x = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  return ec == std::errc() && ptr == v.data() + v.size() && x > 0 && x < 1 ? x : fallback;
}

bool is_relevant(std::string_view decision) { return decision != "exclude"; }

// The unique records that reached each human stage (by stage index): their outcome is at
// that stage or a later human stage.
std::set<std::int64_t> candidates_at(const std::vector<store::ScreeningOutcome>& outcomes, screen::Stage stage)
{
  std::set<std::int64_t> out;
  for (const auto& o : outcomes) {
    auto s = screen::parse_stage(o.stage);
    if (s && *s != screen::Stage::automatic && screen::stage_index(*s) >= screen::stage_index(stage)) {
      out.insert(o.record_id);
    }
  }
  return out;
}

struct StoredRun
{
  std::vector<store::ScreeningOutcome> outcomes;
  std::vector<store::StoredDecisionRow> decisions;
  rank::StoppingOptions options;
  std::string tiebreaker;
};

StoredRun read_run(store::Store& store)
{
  StoredRun r;
  r.outcomes = store::screening_outcomes(store);
  r.decisions = store::screen_decision_rows(store);
  r.options.target = meta_number(store, "stopping_target", 0.95);
  r.options.confidence = meta_number(store, "stopping_confidence", 0.95);
  r.tiebreaker = store::screen_meta_value(store, "tiebreaker");
  return r;
}

StoppingState state_of(const StoredRun& run, screen::Stage stage, const std::string& reviewer,
                       const std::set<std::int64_t>& candidates)
{
  std::vector<SequenceRow> rows;
  for (const auto& d : run.decisions) {
    if (d.stage == screen::stage_name(stage) && util::iequals(d.reviewer, reviewer) && !is_stop_file(d.file)) {
      rows.push_back({d.record_id, is_relevant(d.decision)});
    }
  }
  auto seq = screening_sequence(rows, candidates);
  StoppingState s;
  s.stage = stage;
  s.reviewer = reviewer;
  s.options = run.options;
  s.candidates = candidates.size();
  s.screened = seq.size();
  s.relevant = static_cast<std::size_t>(std::count(seq.begin(), seq.end(), true));
  s.unscreened = s.candidates - s.screened;
  s.test = rank::stopping_test(seq, s.candidates, s.options);
  return s;
}

std::vector<StoppingState> states_of(const StoredRun& run)
{
  std::vector<StoppingState> out;
  for (auto stage : screen::k_stages) {
    if (stage == screen::Stage::automatic) {
      continue;
    }
    std::vector<std::string> reviewers;
    for (const auto& d : run.decisions) {
      if (d.stage != screen::stage_name(stage) || is_stop_file(d.file) || d.reviewer.empty()
          || (!run.tiebreaker.empty() && util::iequals(d.reviewer, run.tiebreaker))) {
        continue;
      }
      if (std::none_of(reviewers.begin(), reviewers.end(),
                       [&](const std::string& r) { return util::iequals(r, d.reviewer); })) {
        reviewers.push_back(d.reviewer);
      }
    }
    if (reviewers.empty()) {
      continue;
    }
    auto candidates = candidates_at(run.outcomes, stage);
    for (const auto& r : reviewers) {
      out.push_back(state_of(run, stage, r, candidates));
    }
  }
  return out;
}

// The record ids of a stop file's exclude rows and their reason ("" when the file is
// missing or has another shape).
std::pair<std::set<std::int64_t>, std::set<std::string>> stop_file_rows(const fs::path& path)
{
  std::pair<std::set<std::int64_t>, std::set<std::string>> out;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return out;
  }
  std::string text = screen::detail::read_text(path);
  util::CsvTable table(text);
  util::CsvRow row;
  table.next(row); // header
  while (table.next(row)) {
    if (row.fields.size() < 4) {
      continue;
    }
    std::int64_t id = 0;
    auto cell = util::trim(row.fields[0]);
    auto parsed = std::from_chars(cell.data(), cell.data() + cell.size(), id);
    if (parsed.ec != std::errc() || parsed.ptr != cell.data() + cell.size()) {
      continue;
    }
    out.first.insert(id);
    out.second.insert(std::string(row.fields[3]));
  }
  return out;
}

} // namespace

std::vector<StoppingState> stopping_states(store::Store& store)
{
  if (!store::screen_ran(store)) {
    return {};
  }
  return states_of(read_run(store));
}

StopResult stop_by_rule(store::Store& store, const Project& project, screen::Stage stage, const std::string& reviewer,
                        const screen::Inputs& inputs)
{
  if (stage == screen::Stage::automatic) {
    throw UsageError("the automatic stage has no reviewer, expected title, abstract, title-abstract or full-text");
  }
  StopResult out;
  auto first = screen::run(store, project, inputs);
  StoredRun run = read_run(store);
  auto candidates = candidates_at(run.outcomes, stage);
  out.state = state_of(run, stage, reviewer, candidates);
  const auto& st = out.state;
  if (st.screened == 0) {
    throw Error(fmt::format("no decision by '{}' at {}: the stopping rule tests the order in which a reviewer "
                            "screened (decisions/{}-{}.csv)",
                            reviewer, screen::stage_name(stage), screen::stage_name(stage), reviewer));
  }
  if (!st.test.met) {
    throw Error(fmt::format("the stopping rule is not met at {} for {}: p = {:.3g}, it needs p < {:g} ({}); {} "
                            "screened, {} relevant, {} unscreened",
                            screen::stage_name(stage), reviewer, st.test.p_value, 1 - st.options.confidence,
                            rule_text(st.options), st.screened, st.relevant, st.unscreened),
                "screen on (synth screen --interactive) and try again");
  }
  out.reason = stop_reason(st.options);
  out.reviewer = first.tiebreaker.empty() ? std::string("consensus") : first.tiebreaker;
  fs::path file = project.decisions() / stop_file_name(stage);
  out.file_label = screen::detail::label_of(file, project);

  // Candidates nobody decided at the stage (outside the stop files), not excluded there by
  // a criteria rule.
  std::set<std::int64_t> decided;
  for (const auto& d : run.decisions) {
    if (d.stage == screen::stage_name(stage) && !is_stop_file(d.file)) {
      decided.insert(d.record_id);
    }
  }
  std::vector<std::int64_t> ids;
  for (const auto& o : run.outcomes) {
    if (!candidates.contains(o.record_id) || decided.contains(o.record_id) || o.stage != screen::stage_name(stage)) {
      continue;
    }
    if (o.decision == "pending" || (o.decision == "exclude" && o.reason == out.reason)) {
      ids.push_back(o.record_id);
    }
  }
  out.rows = ids.size();
  auto [old_ids, old_reasons] = stop_file_rows(file);
  std::set<std::int64_t> new_ids(ids.begin(), ids.end());
  std::error_code ec;
  if (fs::exists(file, ec) && old_ids == new_ids
      && (ids.empty() || (old_reasons.size() == 1 && *old_reasons.begin() == out.reason))) {
    out.unchanged = true;
    out.run = std::move(first);
    return out;
  }
  std::string now = store::now_utc();
  std::string text = std::string(k_session_header) + "\n";
  for (auto id : ids) {
    text += session_row(id, stage, screen::Verdict::exclude, out.reason, out.reviewer, "", now);
  }
  fs::create_directories(file.parent_path(), ec);
  util::write_file_atomically(file, text, "the stopping rule's decision file");
  out.run = screen::run(store, project, inputs);

  store::ScreenStop entry;
  entry.stage = std::string(screen::stage_name(stage));
  entry.reviewer = reviewer;
  entry.target = st.options.target;
  entry.confidence = st.options.confidence;
  entry.p_value = st.test.p_value;
  entry.screened = static_cast<std::int64_t>(st.screened);
  entry.relevant = static_cast<std::int64_t>(st.relevant);
  entry.unscreened = static_cast<std::int64_t>(ids.size());
  entry.file = out.file_label;
  entry.run_at = now;
  entry.tool_version = k_version;
  store::add_screen_stop(store, entry);
  out.log_id = entry.id;
  return out;
}

} // namespace synth::project
