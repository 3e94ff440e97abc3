#pragma once
// The stopping rule in the workflow (docs/screen.md, "Stopping by the rule"): its state per
// stage and reviewer for `synth status`, and the declared stop of
// `synth screen --stop-by-rule`. The test itself is rank/stopping.hpp.
//
// The order a reviewer screened in is the order of their decision rows at the stage, as the
// interactive screen appends them to decisions/<stage>-<reviewer>.csv (and as the session
// reads them back: a record decided twice counts once, its last decision, at its last
// place). The records are the unique records (one per duplicate cluster) that reached the
// stage, the session's candidates. Rows of the stop files (<stage>-stopping-rule.csv) are
// not screening and never count.
#include "synth/core/project.hpp"
#include "synth/rank/stopping.hpp"
#include "synth/screen/screen.hpp"
#include "synth/screen/stage.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {
class Store;
}

namespace synth::project {

// --- pure -----------------------------------------------------------------------------------

// One decision row: the record and whether it was relevant (include or maybe).
struct SequenceRow
{
  std::int64_t record_id = 0;
  bool relevant = false;
};

// The relevance of the records screened, in screening order: rows of records outside
// `candidates` are left out, and a record decided twice counts once, at its last place,
// with its last decision.
std::vector<bool> screening_sequence(const std::vector<SequenceRow>& rows, const std::set<std::int64_t>& candidates);

// "not screened: stopping rule met (recall >= 95 %, 95 % confidence)", the percentages of
// the options.
std::string stop_reason(const rank::StoppingOptions& options);

// "recall >= 95 % with 95 % confidence".
std::string rule_text(const rank::StoppingOptions& options);

// The name of a stage's stop file: "title-abstract-stopping-rule.csv".
std::string stop_file_name(screen::Stage stage);
// True when the file (a path or label) is a stop file of some stage.
bool is_stop_file(std::string_view file);

// --- the project ------------------------------------------------------------------------------

struct StoppingState
{
  screen::Stage stage = screen::Stage::title_abstract;
  std::string reviewer;
  rank::StoppingOptions options;
  std::size_t candidates = 0; // unique records that reached the stage
  std::size_t screened = 0;   // by this reviewer
  std::size_t relevant = 0;   // include and maybe
  std::size_t unscreened = 0; // candidates - screened
  rank::StoppingTest test;
};

// From what the last `synth screen` stored: one state per human stage and reviewer with
// decisions at it (the tiebreaker and the stop files left out), in stage order, then the
// reviewers' order of first decision. Empty before screen has run.
std::vector<StoppingState> stopping_states(store::Store& store);

struct StopResult
{
  StoppingState state;
  std::string reason;      // the reason of the rows
  std::string reviewer;    // whose rows: the criteria's tiebreaker
  std::string file_label;  // decisions/<stage>-stopping-rule.csv
  std::size_t rows = 0;    // exclude rows in the file
  bool unchanged = false;  // the file already held exactly these rows: nothing written, no log entry
  screen::RunResult run;   // screening after the file was written
  std::int64_t log_id = 0; // the search-log entry (0 when unchanged)
};

// `synth screen --stop-by-rule`: runs screening as `synth screen` does, tests the rule on
// `reviewer`'s decisions at `stage`, and when it is met writes the stop file atomically (an
// exclude row by the tiebreaker for every candidate nobody has decided at the stage that no
// criteria rule excluded there), runs screening again so that the store counts them, and
// adds the search-log entry. Throws synth::Error (nothing written) when the reviewer has no
// decision at the stage or the rule is not met (the message gives the p-value).
StopResult stop_by_rule(store::Store& store, const Project& project, screen::Stage stage, const std::string& reviewer,
                        const screen::Inputs& inputs);

} // namespace synth::project
