#include "synth/screen/engine.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::screen {

namespace {

bool uses_language(const Condition& c)
{
  if (c.kind == Condition::Kind::is_in && c.field == FieldId::language) {
    return true;
  }
  return std::any_of(c.children.begin(), c.children.end(), [](const auto& child) { return uses_language(*child); });
}

enum class Effect { include, exclude, undecided };

Effect effect_of(Verdict v, Stage stage)
{
  switch (v) {
  case Verdict::include:
    return Effect::include;
  case Verdict::exclude:
    return Effect::exclude;
  case Verdict::maybe:
    return stage == Stage::full_text ? Effect::undecided : Effect::include;
  }
  return Effect::undecided;
}

} // namespace

std::string_view final_name(Final f)
{
  switch (f) {
  case Final::include:
    return "include";
  case Final::exclude:
    return "exclude";
  case Final::pending:
    return "pending";
  }
  return "?";
}

std::vector<Stage> stages_in_use(const Criteria& criteria, const std::vector<Decision>& decisions)
{
  bool used[5] = {false, false, false, false, true};
  for (Stage s : criteria.options.stages) {
    used[stage_index(s)] = true;
  }
  for (const auto& rule : criteria.rules) {
    used[stage_index(rule.stage)] = true;
  }
  for (const auto& d : decisions) {
    used[stage_index(d.stage)] = true;
  }
  if (!used[1] && !used[2] && !used[3]) {
    used[3] = true;
  }
  std::vector<Stage> stages;
  for (Stage s : k_stages) {
    if (s != Stage::automatic && used[stage_index(s)]) {
      stages.push_back(s);
    }
  }
  return stages;
}

Engine::Engine(const Criteria& criteria, std::vector<Stage> human_stages)
  : m_criteria(criteria), m_stages(std::move(human_stages)), m_rules_by_stage(k_stages.size())
{
  for (std::size_t i = 0; i < criteria.rules.size(); ++i) {
    m_rules_by_stage[static_cast<std::size_t>(stage_index(criteria.rules[i].stage))].push_back(static_cast<int>(i));
    m_uses_language = m_uses_language || uses_language(*criteria.rules[i].condition);
  }
}

bool Engine::apply_rules(Stage stage, Subject& subject, Outcome& out)
{
  for (int index : m_rules_by_stage[static_cast<std::size_t>(stage_index(stage))]) {
    const Rule& rule = m_criteria.rules[static_cast<std::size_t>(index)];
    m_missing.clear();
    Tri t = evaluate(*rule.condition, subject, m_missing);
    if (t == Tri::no) {
      continue;
    }
    out.rules.push_back({index, t, t == Tri::unknown ? m_missing : std::string()});
    if (t == Tri::unknown) {
      out.flags.push_back(fmt::format("{}: undecided \"{}\" (missing {})", stage_name(stage), rule.reason, m_missing));
    } else if (rule.action == Action::flag) {
      out.flags.push_back(fmt::format("{}: \"{}\"", stage_name(stage), rule.reason));
    } else {
      out.stage = stage;
      out.decision = Final::exclude;
      out.reason = rule.reason;
      return true;
    }
  }
  return false;
}

void Engine::resolve(Stage stage, std::int64_t record_id, const std::vector<const Decision*>& decisions, Outcome& out,
                     bool& passed)
{
  passed = false;
  const Options& opt = m_criteria.options;
  const Decision* tiebreak = nullptr;
  std::vector<const Decision*> last; // one per reviewer, first-decision order
  for (const Decision* d : decisions) {
    if (d->stage != stage) {
      continue;
    }
    if (!opt.tiebreaker.empty() && util::iequals(d->reviewer, opt.tiebreaker)) {
      tiebreak = d;
      continue;
    }
    auto it = std::find_if(last.begin(), last.end(),
                           [&](const Decision* x) { return util::iequals(x->reviewer, d->reviewer); });
    if (it == last.end()) {
      last.push_back(d);
    } else {
      *it = d;
    }
  }
  auto decide = [&](Effect e, const std::string& reason, const std::string& who) {
    if (e == Effect::include) {
      passed = true;
    } else if (e == Effect::exclude) {
      out.decision = Final::exclude;
      out.reason = reason;
    } else {
      out.flags.push_back(fmt::format("{}: maybe ({})", stage_name(stage), who));
    }
  };
  if (tiebreak) {
    decide(effect_of(tiebreak->verdict, stage), tiebreak->reason, tiebreak->reviewer);
    return;
  }
  if (last.empty()) {
    return; // pending, nobody decided yet
  }
  Effect first = effect_of(last[0]->verdict, stage);
  bool agree =
    std::all_of(last.begin(), last.end(), [&](const Decision* d) { return effect_of(d->verdict, stage) == first; });
  if (!agree) {
    Conflict c;
    c.record_id = record_id;
    c.stage = stage;
    std::vector<std::string> parts;
    for (const Decision* d : last) {
      c.decisions.emplace_back(d->reviewer, d->verdict);
      parts.push_back(
        fmt::format("{} {}", d->reviewer.empty() ? "(no reviewer)" : d->reviewer, verdict_name(d->verdict)));
    }
    out.flags.push_back(fmt::format("{}: conflict ({})", stage_name(stage), util::join(parts, ", ")));
    out.conflict = std::move(c);
    return;
  }
  std::vector<std::string> awaiting;
  for (const auto& name : opt.reviewers) {
    if (std::none_of(last.begin(), last.end(), [&](const Decision* d) { return util::iequals(d->reviewer, name); })) {
      awaiting.push_back(name);
    }
  }
  if (!awaiting.empty()) {
    out.flags.push_back(fmt::format("{}: awaiting {}", stage_name(stage), util::join(awaiting, ", ")));
    return;
  }
  std::string reason;
  std::vector<std::string> who;
  for (const Decision* d : last) {
    if (reason.empty() && d->verdict == Verdict::exclude) {
      reason = d->reason;
    }
    who.push_back(d->reviewer);
  }
  decide(first, reason, util::join(who, ", "));
}

Outcome Engine::screen(const Record& record, const std::vector<std::string>* extraction,
                       const std::vector<const Decision*>& decisions)
{
  Outcome out;
  Subject subject;
  subject.record = &record;
  subject.extraction = extraction;
  // "und" (ISO 639-2 undetermined) is no language: missing data.
  bool no_language = record.language.empty() || record.language == "und";
  subject.language = no_language ? std::string_view() : std::string_view(record.language);
  if (no_language && m_uses_language && m_criteria.options.detect_language != DetectLanguage::off) {
    out.detected = detect_language(record.title, record.abstract);
    const auto& d = *out.detected;
    if (!d.language.empty()) {
      out.flags.push_back(
        fmt::format("language detected: {} {:.2f}{}", d.language, d.confidence, d.reliable ? "" : " (not reliable)"));
      if (m_criteria.options.detect_language == DetectLanguage::exclude_when_confident && d.reliable
          && d.confidence >= m_criteria.options.confidence) {
        subject.language = d.language;
      }
    }
  }
  out.stage = Stage::automatic;
  if (apply_rules(Stage::automatic, subject, out)) {
    return out;
  }
  for (Stage stage : m_stages) {
    out.stage = stage;
    if (apply_rules(stage, subject, out)) {
      return out;
    }
    bool passed = false;
    resolve(stage, record.id, decisions, out, passed);
    if (!passed) {
      return out; // excluded or pending at this stage
    }
  }
  out.decision = Final::include;
  out.stage = Stage::full_text;
  return out;
}

} // namespace synth::screen
