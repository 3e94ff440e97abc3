#pragma once
// The inputs of `synth screen` (internal to screen.cpp): finding the project's files,
// reviewer names, agreement between reviewers.
#include "synth/core/project.hpp"
#include "synth/screen/agreement.hpp"
#include "synth/screen/decisions.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace synth::screen::detail {

// The file's name in messages: relative to the project when inside it, else as given.
std::string label_of(const std::filesystem::path& path, const Project& project);

// The *.csv files of `dir` in name order, then `extra`; a file named twice is read once.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            const std::vector<std::filesystem::path>& extra);

// The file's text; errors as synth::Error.
std::string read_text(const std::filesystem::path& path);

// Cohen's kappa per stage and pair of reviewers, on the records both decided (their last
// decisions); the tiebreaker is not a rater.
std::vector<Agreement> compute_agreement(const std::vector<Decision>& decisions, const Options& options);

// One spelling per reviewer: "at" and "AT" are the same person. The criteria's spelling
// (reviewers:, tiebreaker:) wins, else the first one met. Warns about reviewers that the
// criteria do not name when they name some.
void canonical_reviewers(std::vector<Decision>& decisions, const Options& options, std::vector<std::string>& warnings);

// Warns about a column the rules use that no extraction file has (when there are files):
// a typo would leave its rules undecided for every record, silently.
void check_columns(const Criteria& criteria, const std::vector<std::string>& headers_seen, bool any_file,
                   std::vector<std::string>& warnings);

} // namespace synth::screen::detail
