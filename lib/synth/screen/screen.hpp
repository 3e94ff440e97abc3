#pragma once
// `synth screen`: applies the criteria and the reviewers' decisions to the unique records
// of a project and stores the outcome (DESIGN.md section 7; semantics in engine.hpp).
//
// The result is a function of the files: each run reads the criteria file and every
// decision and extraction file, recomputes everything from scratch and replaces the
// screening tables in one transaction. Re-running changes nothing; editing a file and
// re-running updates the result; a file with an error aborts the run before anything is
// written (the store keeps the previous result).
//
// Unique records: records without a `clusters` row, and records whose row has kept = 1.
// Duplicates (kept = 0) are not screened; decisions naming them apply to their kept record.
//
// Tables written (all rewritten by every run):
//   screening            (core) record_id, stage, decision include|exclude|pending, reason,
//                        flags ("; "-separated). For a pending record, stage is the stage it
//                        waits at; for an included record, full-text.
//   screen_rules         rule (0-based, file order), line, stage, action, reason, condition
//   screen_rule_results  record_id, rule, result ('applied' | 'undecided'), missing. Rules
//                        that were false are not stored.
//   screen_decisions     record_id, stage, decision, reason, reviewer, file, line, record_ref
//   screen_languages     record_id, language, confidence, reliable (records without a
//                        language whose language was detected)
//   screen_extraction    record_id, column_name, value, file, line
//   screen_conflicts     record_id, stage, decisions ("AT include, BS exclude")
//   screen_agreement     stage, reviewer_a, reviewer_b, records, observed, expected, kappa
//   screen_meta          key, value: stages (human stages in use), criteria, run_at,
//                        tiebreaker, stopping_target, stopping_confidence
#include "synth/core/project.hpp"
#include "synth/screen/agreement.hpp"
#include "synth/screen/engine.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synth::screen {

// How the reason of a record left unscreened by the stopping rule starts (synth screen
// --stop-by-rule writes it; synth prisma shows those records apart).
inline constexpr std::string_view k_stopping_rule_reason = "not screened: stopping rule met";

} // namespace synth::screen

namespace synth::store {
class Store;
}

namespace synth::screen {

struct Inputs
{
  // Replaces <project>/criteria.txt. Without either, there are no rules (decisions only).
  std::optional<std::filesystem::path> criteria;
  // Added to the project's decisions/*.csv and extraction/*.csv (read in name order; a
  // file named twice is read once).
  std::vector<std::filesystem::path> decisions;
  std::vector<std::filesystem::path> extraction;
  // Decision files given as text, read instead of the file at that path (which may not
  // exist yet): the caller writes them after a run that succeeded (synth screen --passed).
  std::vector<std::pair<std::filesystem::path, std::string>> decision_texts;
};

struct RunResult
{
  std::string criteria; // the file used ("" when none)
  std::vector<std::string> decision_files;
  std::vector<std::string> extraction_files;
  std::vector<Stage> stages; // human stages in use
  std::int64_t records = 0;  // unique records screened
  std::int64_t included = 0;
  std::int64_t excluded = 0;
  std::int64_t pending = 0;
  std::int64_t flagged = 0;   // records with at least one flag
  std::int64_t decisions = 0; // decision rows read
  std::int64_t languages_detected = 0;
  std::vector<Conflict> conflicts;  // unresolved, at the stage the record waits at
  std::vector<Agreement> agreement; // per stage and pair of reviewers
  std::string tiebreaker;           // whose decision resolves a conflict
  double stopping_target = 0.95;    // the criteria's stopping-target: and stopping-confidence:
  double stopping_confidence = 0.95;
  // Things a person should look at that do not stop the run: a reviewer the criteria do
  // not name, a column the rules use that no extraction file has.
  std::vector<std::string> warnings;
};

// Runs screening on the project's store. Throws synth::Error (nothing written) on a bad
// criteria, decision or extraction file; errors name the file as given on the command line
// or relative to the project ("decisions/title.csv:14: unknown record 'pmid:999'").
RunResult run(store::Store& store, const Project& project, const Inputs& inputs);

// Creates the screen tables when missing (readers call it; safe to call often).
void ensure_schema(store::Store& store);

} // namespace synth::screen
