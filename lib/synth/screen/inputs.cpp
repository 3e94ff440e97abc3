#include "synth/screen/inputs.hpp"

#include "synth/core/error.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace synth::screen::detail {

namespace fs = std::filesystem;

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

// One spelling per reviewer: "at" and "AT" are the same person. The criteria's spelling
// (reviewers:, tiebreaker:) wins, else the first one met. Warns about reviewers that the
// criteria do not name when they name some.
void canonical_reviewers(std::vector<Decision>& decisions, const Options& options, std::vector<std::string>& warnings)
{
  std::map<std::string, std::string> spelling; // lower case -> as shown
  for (const auto& name : options.reviewers) {
    spelling.emplace(util::to_lower(name), name);
  }
  if (!options.tiebreaker.empty()) {
    spelling.emplace(util::to_lower(options.tiebreaker), options.tiebreaker);
  }
  std::set<std::string> warned;
  for (auto& d : decisions) {
    auto key = util::to_lower(d.reviewer);
    auto [it, added] = spelling.emplace(key, d.reviewer);
    if (added && !options.reviewers.empty() && warned.insert(key).second) {
      warnings.push_back(fmt::format("{}:{}: reviewer '{}' is not named by the criteria (reviewers: {}; "
                                     "tiebreaker: {}): their decisions count as another reviewer's",
                                     d.file, d.line, d.reviewer.empty() ? "(none)" : d.reviewer,
                                     util::join(options.reviewers, ", "), options.tiebreaker));
    }
    d.reviewer = it->second;
  }
}

// A column the rules use that no extraction file has: a typo would leave its rules
// undecided for every record, silently.
void check_columns(const Criteria& criteria, const std::vector<std::string>& headers_seen, bool any_file,
                   std::vector<std::string>& warnings)
{
  if (!any_file) {
    return;
  }
  for (const auto& column : criteria.columns) {
    bool found = std::any_of(headers_seen.begin(), headers_seen.end(),
                             [&](const std::string& h) { return util::iequals(h, column); });
    if (!found) {
      warnings.push_back(fmt::format("the criteria use the column '{}' but no extraction file has it: its rules "
                                     "stay undecided",
                                     column));
    }
  }
}

} // namespace synth::screen::detail
