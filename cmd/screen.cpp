// synth screen: applies the criteria file and the reviewers' decisions (DESIGN.md section 7).
#include "command.hpp"
#include "json_shapes.hpp"
#include "output.hpp"
#include "screen_interactive.hpp"

#include "synth/core/error.hpp"
#include "synth/project/passed.hpp"
#include "synth/project/stopping_rule.hpp"
#include "synth/screen/screen.hpp"
#include "synth/screen/summary.hpp"
#include "synth/store/store.hpp"

#include <fmt/format.h>

#include <optional>

namespace synth::cli {
namespace {

struct ScreenFlags
{
  std::string criteria;
  std::vector<std::string> decisions;
  std::vector<std::string> extraction;
  bool conflicts = false;
  std::string passed; // --passed FILE: a stage list turned into decisions
  std::string stage;
  std::string reviewer;
  std::optional<std::string> reason;
  bool strict = false;
  std::string output;
  bool interactive = false;
  bool stop_by_rule = false;
};

// --passed: the stage list's decisions, checked before screening runs; written after.
std::optional<project::PassedResult> passed_decisions(const ScreenFlags& f, store::Store& store, const Project& project)
{
  if (f.passed.empty()) {
    if (!f.stage.empty() || !f.reviewer.empty() || f.reason || f.strict || !f.output.empty()) {
      throw UsageError("--stage, --reviewer, --reason, --strict and --output go with --passed FILE");
    }
    return std::nullopt;
  }
  if (f.stage.empty() || f.reviewer.empty()) {
    throw UsageError("--passed needs --stage STAGE and --reviewer NAME");
  }
  auto stage = screen::parse_stage(f.stage);
  if (!stage) {
    throw UsageError(fmt::format("unknown stage '{}', expected title, abstract, title-abstract or full-text", f.stage));
  }
  project::PassedOptions o;
  o.file = f.passed;
  o.label = f.passed;
  o.stage = *stage;
  o.reviewer = f.reviewer;
  o.reason = f.reason;
  o.strict = f.strict;
  if (!f.output.empty()) {
    o.output = f.output;
  }
  auto r = project::build_passed(store, project, o);
  if (!r.unmatched.empty()) {
    warn(fmt::format("{}: {} record{} of the list match{} no record of the project (no decision for {}):", f.passed,
                     r.unmatched.size(), r.unmatched.size() == 1 ? "" : "s", r.unmatched.size() == 1 ? "es" : "",
                     r.unmatched.size() == 1 ? "it" : "them"));
    for (const auto& u : r.unmatched) {
      warn(u);
    }
  }
  return r;
}

nlohmann::json passed_json(const project::PassedResult& r)
{
  return {{"file", r.output_label},
          {"format", r.format},
          {"label_column", r.label_column},
          {"list_records", r.list_records},
          {"list_passed", r.list_passed},
          {"list_excluded", r.list_excluded},
          {"list_undecided", r.list_undecided},
          {"matched", r.matched},
          {"matched_by", r.how},
          {"unmatched", r.unmatched},
          {"include", r.include_rows},
          {"exclude", r.exclude_rows},
          {"no_decision", r.pending},
          {"reason", r.reason}};
}

std::string kappa_text(const screen::Kappa& k)
{
  return k.kappa ? fmt::format("{:.3f}", *k.kappa) : std::string("undefined");
}

nlohmann::json to_json(const screen::RunResult& r, const std::vector<screen::StageSummary>& stages, store::Store& store,
                       bool with_titles)
{
  nlohmann::json j;
  j["criteria"] = r.criteria;
  j["decision_files"] = r.decision_files;
  j["extraction_files"] = r.extraction_files;
  j["records"] = r.records;
  j["included"] = r.included;
  j["excluded"] = r.excluded;
  j["pending"] = r.pending;
  j["flagged"] = r.flagged;
  j["decisions"] = r.decisions;
  j["languages_detected"] = r.languages_detected;
  j["warnings"] = r.warnings;
  j["stages"] = nlohmann::json::array();
  for (const auto& s : stages) {
    j["stages"].push_back(stage_json(s));
  }
  j["agreement"] = nlohmann::json::array();
  for (const auto& a : r.agreement) {
    nlohmann::json k = a.kappa.kappa ? nlohmann::json(*a.kappa.kappa) : nlohmann::json(nullptr);
    j["agreement"].push_back({{"stage", screen::stage_name(a.stage)},
                              {"reviewer_a", a.reviewer_a},
                              {"reviewer_b", a.reviewer_b},
                              {"records", a.kappa.items},
                              {"observed", a.kappa.observed},
                              {"expected", a.kappa.expected},
                              {"kappa", k},
                              {"conflicts", a.conflicts}});
  }
  j["conflicts"] = nlohmann::json::array();
  for (const auto& c : r.conflicts) {
    nlohmann::json decisions = nlohmann::json::array();
    for (const auto& [who, v] : c.decisions) {
      decisions.push_back({{"reviewer", who}, {"decision", screen::verdict_name(v)}});
    }
    nlohmann::json row = {{"record", c.record_id}, {"stage", screen::stage_name(c.stage)}, {"decisions", decisions}};
    if (with_titles) {
      auto rec = store.record(c.record_id);
      row["title"] = rec ? rec->title : "";
    }
    j["conflicts"].push_back(row);
  }
  return j;
}

void print_text(const screen::RunResult& r, const std::vector<screen::StageSummary>& stages)
{
  fmt::print("screened {} unique records ({}; {} decision file{}, {} extraction file{})\n", thousands(r.records),
             r.criteria.empty() ? "no criteria file" : r.criteria, r.decision_files.size(),
             r.decision_files.size() == 1 ? "" : "s", r.extraction_files.size(),
             r.extraction_files.size() == 1 ? "" : "s");
  fmt::print("  included {:>10}\n  excluded {:>10}\n  pending  {:>10}\n  flagged  {:>10}\n", thousands(r.included),
             thousands(r.excluded), thousands(r.pending), thousands(r.flagged));
  fmt::print("{:<15} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "stage", "reached", "pending", "passed", "excluded",
             "flagged");
  for (const auto& s : stages) {
    fmt::print("{:<15} {:>10} {:>10} {:>10} {:>10} {:>10}\n", screen::stage_name(s.stage), thousands(s.reached),
               thousands(s.pending), thousands(s.passed), thousands(s.excluded), thousands(s.flagged));
    for (const auto& [reason, n] : s.excluded_by_reason) {
      fmt::print("  {:>10}  {}\n", thousands(n), reason.empty() ? "(no reason given)" : reason);
    }
  }
  for (const auto& a : r.agreement) {
    fmt::print("agreement {} {} vs {}: {} records, kappa {} (observed {:.3f}, expected {:.3f}), {} conflicts\n",
               screen::stage_name(a.stage), a.reviewer_a, a.reviewer_b, thousands(a.kappa.items), kappa_text(a.kappa),
               a.kappa.observed, a.kappa.expected, thousands(a.conflicts));
  }
}

screen::Stage stage_of(const std::string& name)
{
  auto stage = screen::parse_stage(name);
  if (!stage) {
    throw UsageError(fmt::format("unknown stage '{}', expected title, abstract, title-abstract or full-text", name));
  }
  return *stage;
}

int run_stop_by_rule(const Globals& g, const ScreenFlags& f, store::Store& store, const Project& project,
                     const screen::Inputs& inputs)
{
  if (f.interactive || !f.passed.empty() || f.conflicts || f.reason || f.strict || !f.output.empty()) {
    throw UsageError("--stop-by-rule goes with --stage and --reviewer only (not --interactive, --passed, --conflicts, "
                     "--reason, --strict or --output)");
  }
  if (f.stage.empty() || f.reviewer.empty()) {
    throw UsageError("--stop-by-rule needs --stage STAGE and --reviewer NAME");
  }
  auto r = project::stop_by_rule(store, project, stage_of(f.stage), f.reviewer, inputs);
  const auto& st = r.state;
  for (const auto& w : r.run.warnings) {
    warn(w);
  }
  if (g.json) {
    print_json({{"stage", screen::stage_name(st.stage)},
                {"reviewer", st.reviewer},
                {"target", st.options.target},
                {"confidence", st.options.confidence},
                {"p_value", st.test.p_value},
                {"met", st.test.met},
                {"screened", st.screened},
                {"relevant", st.relevant},
                {"unscreened", r.rows},
                {"file", r.file_label},
                {"reason", r.reason},
                {"decided_by", r.reviewer},
                {"unchanged", r.unchanged},
                {"log_entry", r.log_id}});
    return 0;
  }
  fmt::print("{} {}: {} screened, {} relevant; {}: met, p = {:.3g}\n", screen::stage_name(st.stage), st.reviewer,
             thousands(static_cast<std::int64_t>(st.screened)), thousands(static_cast<std::int64_t>(st.relevant)),
             project::rule_text(st.options), st.test.p_value);
  if (r.unchanged) {
    fmt::print("{} already holds the {} unscreened record{} (\"{}\"): nothing written\n", r.file_label,
               thousands(static_cast<std::int64_t>(r.rows)), r.rows == 1 ? "" : "s", r.reason);
  } else {
    fmt::print("wrote {}: {} unscreened record{} excluded by {} (\"{}\"); search log entry #{}\n", r.file_label,
               thousands(static_cast<std::int64_t>(r.rows)), r.rows == 1 ? "" : "s", r.reviewer, r.reason, r.log_id);
  }
  return 0;
}

int run_screen(const Globals& g, const ScreenFlags& f)
{
  auto store = open_store(g);
  Project project = find_project(g.project);
  screen::Inputs inputs;
  if (!f.criteria.empty()) {
    inputs.criteria = f.criteria;
  }
  inputs.decisions.assign(f.decisions.begin(), f.decisions.end());
  inputs.extraction.assign(f.extraction.begin(), f.extraction.end());
  if (f.stop_by_rule) {
    return run_stop_by_rule(g, f, *store, project, inputs);
  }
  if (f.interactive) {
    if (!f.passed.empty() || f.conflicts || f.reason || f.strict || !f.output.empty() || g.json) {
      throw UsageError("--interactive goes with --stage and --reviewer only (not --passed, --conflicts, --reason, "
                       "--strict, --output or --json)");
    }
    if (f.stage.empty() || f.reviewer.empty()) {
      throw UsageError("--interactive needs --stage STAGE and --reviewer NAME");
    }
    auto stage = screen::parse_stage(f.stage);
    if (!stage) {
      throw UsageError(
        fmt::format("unknown stage '{}', expected title, abstract, title-abstract or full-text", f.stage));
    }
    return run_interactive(*store, project, *stage, f.reviewer, inputs);
  }
  auto passed = passed_decisions(f, *store, project);
  if (passed) {
    inputs.decision_texts.emplace_back(passed->output, passed->csv);
  }
  auto result = screen::run(*store, project, inputs);
  std::vector<std::string> before;
  if (passed) {
    project::write_passed(*passed);
    before = project::passed_but_excluded_before(*store, *passed);
    if (!before.empty()) {
      warn(fmt::format("{}: {} record{} of the list {} excluded at an earlier stage (the list's decision at {} is "
                       "ignored):",
                       f.passed, before.size(), before.size() == 1 ? "" : "s", before.size() == 1 ? "was" : "were",
                       screen::stage_name(passed->stage)));
      for (const auto& b : before) {
        warn(b);
      }
    }
  }
  for (const auto& w : result.warnings) {
    warn(w);
  }
  auto stages = screen::stage_summary(*store);
  if (g.json) {
    auto j = to_json(result, stages, *store, f.conflicts);
    if (passed) {
      j["passed"] = passed_json(*passed);
      j["passed"]["excluded_before"] = before;
    }
    print_json(j);
    return 0;
  }
  if (passed) {
    fmt::print("{}: {} records ({}{}), {} matched ({}); wrote {}: {} include, {} exclude (\"{}\"){}\n", f.passed,
               thousands(passed->list_records), passed->format,
               passed->label_column.empty() ? "" : ", labels in column " + passed->label_column,
               thousands(passed->matched), fmt::join(passed->how, ", "), passed->output_label,
               thousands(passed->include_rows), thousands(passed->exclude_rows), passed->reason,
               passed->pending ? fmt::format(", {} without a decision (undecided in the list)", passed->pending)
                               : std::string());
  }
  if (f.conflicts) {
    if (result.conflicts.empty()) {
      fmt::print("no unresolved conflicts\n");
    }
    for (const auto& c : result.conflicts) {
      std::vector<std::string> parts;
      for (const auto& [who, v] : c.decisions) {
        parts.push_back(fmt::format("{} {}", who.empty() ? "(no reviewer)" : who, screen::verdict_name(v)));
      }
      auto rec = store->record(c.record_id);
      fmt::print("{}\t{}\t{}\t{}\n", c.record_id, screen::stage_name(c.stage), fmt::join(parts, ", "),
                 rec ? rec->title : "");
    }
    return 0;
  }
  print_text(result, stages);
  if (!result.conflicts.empty()) {
    note(g, fmt::format("{} unresolved conflict{} between reviewers: list them with synth screen --conflicts; a "
                        "decision by reviewer '{}' resolves one",
                        result.conflicts.size(), result.conflicts.size() == 1 ? "" : "s", result.tiebreaker));
  }
  return 0;
}

} // namespace

Runner setup_screen(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<ScreenFlags>();
  sub.add_option("--criteria", flags->criteria, "Criteria file (default: <project>/criteria.txt)");
  sub.add_option("--decisions", flags->decisions, "Decision CSV files, added to <project>/decisions/*.csv")
    ->expected(1, -1);
  sub.add_option("--extraction", flags->extraction, "Extraction CSV files, added to <project>/extraction/*.csv")
    ->expected(1, -1);
  sub.add_flag("--conflicts", flags->conflicts, "List the unresolved conflicts between reviewers");
  sub.add_option("--passed", flags->passed,
                 "A stage list (any format synth imports, or a screening tool's labelled export): its records "
                 "passed --stage, every other record is excluded there; written as a decisions file");
  sub.add_flag("--interactive", flags->interactive,
               "Screen record by record in the terminal (with --stage and --reviewer): ranked by active learning, "
               "each decision appended to decisions/STAGE-REVIEWER.csv at once (docs/screen.md)");
  sub.add_flag("--stop-by-rule", flags->stop_by_rule,
               "Stop screening --stage by the stopping rule (with --reviewer, whose decision order is tested): "
               "refused while the rule is not met; when met, decisions/STAGE-stopping-rule.csv excludes every "
               "unscreened record and the search log records the stop (docs/screen.md)");
  sub.add_option("--stage", flags->stage,
                 "With --passed, --interactive or --stop-by-rule: title, abstract, title-abstract or full-text");
  sub.add_option("--reviewer", flags->reviewer,
                 "With --passed, --interactive or --stop-by-rule: the reviewer named in the decisions");
  sub.add_option("--reason", flags->reason,
                 "With --passed: the reason of the exclusions (required at full-text; default: not in FILE)");
  sub.add_flag("--strict", flags->strict, "With --passed: a record of the list that matches nothing is an error");
  sub.add_option("--output", flags->output,
                 "With --passed: the decisions file (default: decisions/passed-STAGE-REVIEWER.csv)");
  return [&g, flags] { return run_screen(g, *flags); };
}

} // namespace synth::cli
