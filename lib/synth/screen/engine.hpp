#pragma once
// Screening one record: the criteria's rules and the reviewers' decisions, stage by stage.
//
// Semantics (what `synth screen` computes for each unique record):
// 1. automatic: the automatic rules are evaluated in file order. The first `exclude` rule
//    whose condition is true excludes the record (stage automatic, its reason). A rule whose
//    data is missing is undecided: it never excludes, the record goes on and is flagged
//    `automatic: undecided "<reason>" (missing <datum>)`. A true `flag` rule adds
//    `<stage>: "<reason>"`.
//    Language: a record without a language (or with `und`, undetermined) gets one detected from its title and abstract
//    (libcld2) when the criteria test the language and detect-language is not off; it is
//    recorded and flagged `language detected: ger 0.97`. It decides a language rule only
//    with `detect-language: exclude-when-confident T` and a reliable detection with
//    confidence >= T; otherwise the rule is undecided.
// 2. Then each human stage in use, in order (title, abstract, title-abstract, full-text;
//    see stages_in_use()): the rules of that stage are evaluated as above (an exclude rule
//    that is true excludes at that stage, e.g. an extraction rule at full-text), then the
//    decisions of that stage are resolved:
//    - a decision of the tiebreaker (criteria `tiebreaker:`, default `consensus`) decides;
//    - otherwise each reviewer's last decision counts. `maybe` counts as include at title,
//      abstract and title-abstract (the record goes on) and as undecided at full-text.
//      Reviewers whose decisions differ in effect are a conflict: the record stays pending
//      at that stage, flagged `<stage>: conflict (A include, B exclude)`, until the
//      tiebreaker decides. With `reviewers:` set, a decision stands only when every named
//      reviewer has decided (`<stage>: awaiting B`).
//    - include: on to the next stage; exclude: excluded at that stage with the reason
//      (reason of the first excluding decision; required at full-text); no decision: pending.
//    A record is included only when it passes full-text. Decisions at a stage the record
//    did not reach (it was excluded or is pending earlier) are ignored.
#include "synth/core/record.hpp"
#include "synth/screen/criteria.hpp"
#include "synth/screen/decisions.hpp"
#include "synth/screen/language.hpp"

#include <optional>
#include <string>
#include <vector>

namespace synth::screen {

enum class Final : std::uint8_t { include, exclude, pending };
std::string_view final_name(Final f); // "include", "exclude", "pending"

struct RuleResult
{
  int rule = 0;          // index into Criteria::rules
  Tri result = Tri::yes; // yes (the rule applied) or unknown (undecided)
  std::string missing;   // unknown: what was missing
};

struct Conflict
{
  std::int64_t record_id = 0;
  Stage stage = Stage::title;
  std::vector<std::pair<std::string, Verdict>> decisions; // reviewer, last decision
};

struct Outcome
{
  Stage stage = Stage::automatic; // excluded/pending: that stage; included: full-text
  Final decision = Final::pending;
  std::string reason; // exclude: the reason
  std::vector<std::string> flags;
  std::vector<RuleResult> rules; // rules that applied or were undecided
  std::optional<Conflict> conflict;
  std::optional<DetectedLanguage> detected;
};

// The human stages a review uses, in order: those named by `stages:`, those of rules and
// of decisions, and full-text always; title-abstract when none of title, abstract,
// title-abstract appears.
std::vector<Stage> stages_in_use(const Criteria& criteria, const std::vector<Decision>& decisions);

class Engine
{
public:
  Engine(const Criteria& criteria, std::vector<Stage> human_stages);

  // `decisions`: this record's decisions in file order (any stage); `extraction`: its
  // cells in Criteria::columns order, or null.
  Outcome screen(const Record& record, const std::vector<std::string>* extraction,
                 const std::vector<const Decision*>& decisions);

  const std::vector<Stage>& human_stages() const { return m_stages; }

private:
  bool apply_rules(Stage stage, Subject& subject, Outcome& out);
  void resolve(Stage stage, std::int64_t record_id, const std::vector<const Decision*>& decisions, Outcome& out,
               bool& passed);

  const Criteria& m_criteria;
  std::vector<Stage> m_stages;
  std::vector<std::vector<int>> m_rules_by_stage; // stage index -> rule indexes
  bool m_uses_language = false;
  std::string m_missing;
};

} // namespace synth::screen
