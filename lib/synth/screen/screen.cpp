#include "synth/screen/screen.hpp"

#include "synth/core/error.hpp"
#include "synth/screen/store_io.hpp"
#include "synth/store/store.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace synth::screen {

namespace fs = std::filesystem;

namespace {

// The file's name in messages: relative to the project when inside it, else as given.
std::string label_of(const fs::path& path, const Project& project)
{
  std::error_code ec;
  auto abs = fs::weakly_canonical(fs::absolute(path), ec);
  auto root = fs::weakly_canonical(fs::absolute(project.root), ec);
  auto rel = abs.lexically_relative(root);
  if (!rel.empty() && !rel.native().starts_with("..")) {
    return rel.generic_string();
  }
  return path.string();
}

std::vector<fs::path> files_in(const fs::path& dir, const std::vector<fs::path>& extra)
{
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && util::iequals(entry.path().extension().string(), ".csv")) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : extra) {
    files.push_back(f);
  }
  // A file named twice (in the folder and on the command line) is read once.
  std::vector<fs::path> unique;
  std::set<fs::path> seen;
  for (const auto& f : files) {
    auto key = fs::weakly_canonical(fs::absolute(f), ec);
    if (seen.insert(key).second) {
      unique.push_back(f);
    }
  }
  return unique;
}

std::string read_text(const fs::path& path)
{
  try {
    return util::read_file(path);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(e.what());
  }
}

std::vector<Agreement> compute_agreement(const std::vector<Decision>& decisions, const Options& options)
{
  // stage -> reviewer -> record -> last verdict
  std::map<Stage, std::map<std::string, std::map<std::int64_t, Verdict>>> by;
  for (const auto& d : decisions) {
    if (!options.tiebreaker.empty() && util::iequals(d.reviewer, options.tiebreaker)) {
      continue;
    }
    by[d.stage][d.reviewer][d.record_id] = d.verdict;
  }
  std::vector<Agreement> out;
  for (const auto& [stage, reviewers] : by) {
    for (auto a = reviewers.begin(); a != reviewers.end(); ++a) {
      for (auto b = std::next(a); b != reviewers.end(); ++b) {
        std::vector<std::pair<int, int>> pairs;
        std::int64_t conflicts = 0;
        for (const auto& [record, va] : a->second) {
          auto it = b->second.find(record);
          if (it == b->second.end()) {
            continue;
          }
          pairs.emplace_back(static_cast<int>(va), static_cast<int>(it->second));
          bool ea = va == Verdict::exclude || (va == Verdict::maybe && stage == Stage::full_text);
          bool eb = it->second == Verdict::exclude || (it->second == Verdict::maybe && stage == Stage::full_text);
          conflicts += ea != eb || (stage == Stage::full_text && va != it->second);
        }
        if (pairs.empty()) {
          continue;
        }
        Agreement ag;
        ag.stage = stage;
        ag.reviewer_a = a->first;
        ag.reviewer_b = b->first;
        ag.kappa = cohen_kappa(pairs);
        ag.conflicts = conflicts;
        out.push_back(std::move(ag));
      }
    }
  }
  return out;
}

} // namespace

RunResult run(store::Store& store, const Project& project, const Inputs& inputs)
{
  RunResult result;
  store::Store::Transaction tx(store);
  ensure_schema(store);

  // 1. Read and check every file before anything is written.
  Criteria criteria;
  fs::path criteria_path = inputs.criteria.value_or(project.criteria());
  std::error_code ec;
  if (inputs.criteria || fs::exists(criteria_path, ec)) {
    result.criteria = label_of(criteria_path, project);
    criteria = parse_criteria(read_text(criteria_path), result.criteria);
  }
  RecordIndex index = load_record_index(store);
  std::vector<Decision> decisions;
  for (const auto& file : files_in(project.decisions(), inputs.decisions)) {
    std::string label = label_of(file, project);
    auto rows = parse_decisions(read_text(file), label, index);
    decisions.insert(decisions.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    result.decision_files.push_back(label);
  }
  Extraction extraction;
  for (const auto& file : files_in(project.extraction(), inputs.extraction)) {
    std::string label = label_of(file, project);
    parse_extraction(read_text(file), label, index, criteria, extraction);
    result.extraction_files.push_back(label);
  }
  result.decisions = static_cast<std::int64_t>(decisions.size());

  // 2. Screen every unique record.
  result.stages = stages_in_use(criteria, decisions);
  std::unordered_map<std::int64_t, std::vector<const Decision*>> by_record;
  for (const auto& d : decisions) {
    by_record[d.record_id].push_back(&d);
  }
  Engine engine(criteria, result.stages);
  ResultWriter writer(store, criteria);
  static const std::vector<const Decision*> k_none;
  for_each_unique_record(store, [&](const Record& record) {
    auto dit = by_record.find(record.id);
    auto xit = extraction.rows.find(record.id);
    Outcome outcome = engine.screen(record, xit == extraction.rows.end() ? nullptr : &xit->second,
                                    dit == by_record.end() ? k_none : dit->second);
    ++result.records;
    result.included += outcome.decision == Final::include;
    result.excluded += outcome.decision == Final::exclude;
    result.pending += outcome.decision == Final::pending;
    result.flagged += !outcome.flags.empty();
    result.languages_detected += outcome.detected && !outcome.detected->language.empty();
    if (outcome.conflict && outcome.decision == Final::pending) {
      result.conflicts.push_back(*outcome.conflict);
    }
    writer.write(record.id, outcome);
  });
  result.agreement = compute_agreement(decisions, criteria.options);
  writer.write_inputs(decisions, extraction, result);
  tx.commit();
  return result;
}

} // namespace synth::screen
