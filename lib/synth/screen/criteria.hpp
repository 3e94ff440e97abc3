#pragma once
// Inclusion criteria as rules (DESIGN.md section 7; the file format is in docs/criteria.md).
//
//   # criteria.txt
//   reviewers: AT, BS
//   tiebreaker: consensus
//   detect-language: exclude-when-confident 0.9
//   automatic  exclude "Not in English"         when language is not eng
//   automatic  exclude "Published before 1990"  when year < 1990
//   title-abstract flag "Not qualitative?"      when not (title-abstract matches qualitative OR interview*)
//   full-text  exclude "Under 50% of participants with SMI" when smi_participants / participants < 0.5
#include "synth/screen/condition.hpp"
#include "synth/screen/stage.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace synth::screen {

enum class Action {
  exclude, // the record is excluded at the rule's stage with the rule's reason
  flag,    // the record is flagged for the reviewers with the rule's reason; never excludes
};

struct Rule
{
  Stage stage = Stage::automatic;
  Action action = Action::exclude;
  std::string reason; // the label PRISMA shows
  std::shared_ptr<Condition> condition;
  int line = 0;     // where the rule starts in its file
  std::string text; // the condition as written (first line), for messages
};

// What to do when a record has no language.
enum class DetectLanguage {
  off,                    // no detection: language rules are undecided (flagged)
  flag,                   // detect and record it; rules stay undecided (flagged) [default]
  exclude_when_confident, // a reliable detection with confidence >= threshold decides
};

struct Options
{
  // The reviewers expected at every human stage: when set, a stage's decision stands only
  // when all of them agree (or the tiebreaker decides). Empty: any decisions that agree.
  std::vector<std::string> reviewers;
  std::string tiebreaker = "consensus"; // whose decision resolves a conflict
  DetectLanguage detect_language = DetectLanguage::flag;
  double confidence = 0.9; // threshold for exclude_when_confident (0..1)
  // The human stages the review uses, in order (`stages:` option). Empty: derived from the
  // rules and decisions (see engine.hpp).
  std::vector<Stage> stages;
  // The stopping rule of Callaghan & Mueller-Hansen (docs/screen.md): "recall >= target with
  // that confidence" (`stopping-target:`, `stopping-confidence:`; each above 0 and below 1).
  double stopping_target = 0.95;
  double stopping_confidence = 0.95;
};

struct Criteria
{
  std::vector<Rule> rules; // in file order
  Options options;
  // Extraction columns named by the rules, in first-use order; Condition/NumExpr::column
  // index this vector. numeric[i]: column i is used in arithmetic (values must be numbers).
  std::vector<std::string> columns;
  std::vector<bool> numeric;
};

// Parses a criteria file. `label` names it in errors, which throw synth::Error
// "<label>:<line>:<col>: <what>, expected <what>".
Criteria parse_criteria(std::string_view text, const std::string& label);

// Reads and parses a file (errors name `label`, default the path as given).
Criteria read_criteria(const std::filesystem::path& path, const std::string& label = {});

// The normalised publication types a `type` condition accepts.
const std::vector<std::string>& known_types();

} // namespace synth::screen
