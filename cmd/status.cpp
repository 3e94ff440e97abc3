// synth status: what the project holds, stage by stage.
#include "command.hpp"
#include "json_shapes.hpp"
#include "output.hpp"

#include "synth/dedup/store_io.hpp"
#include "synth/project/status.hpp"
#include "synth/project/stopping_rule.hpp"
#include "synth/screen/summary.hpp"

namespace synth::cli {
namespace {

int run_status(const Globals& g)
{
  auto store = open_store(g);
  auto s = project::read_status(*store);
  auto d = dedup::summary(*store);
  auto stopping = project::stopping_states(*store);
  if (g.json) {
    nlohmann::json stops = nlohmann::json::array();
    for (const auto& st : stopping) {
      stops.push_back({{"stage", screen::stage_name(st.stage)},
                       {"reviewer", st.reviewer},
                       {"target", st.options.target},
                       {"confidence", st.options.confidence},
                       {"p_value", st.test.p_value},
                       {"met", st.test.met},
                       {"records", st.candidates},
                       {"screened", st.screened},
                       {"relevant", st.relevant},
                       {"unscreened", st.unscreened}});
    }
    nlohmann::json sources = nlohmann::json::object();
    nlohmann::json retrieved = nlohmann::json::object();
    for (const auto& [name, n] : s.per_source) {
      sources[name] = n;
      auto it = s.retrieved.find(name);
      retrieved[name] = it != s.retrieved.end() ? it->second : n;
    }
    nlohmann::json screening = nlohmann::json::array();
    std::int64_t included = 0, pending = 0;
    for (const auto& st : screen::stage_summary(*store)) {
      included += st.stage == screen::Stage::full_text ? st.passed : 0;
      pending += st.pending;
      screening.push_back(stage_json(st));
    }
    print_json({{"records", s.records},
                {"searches", s.searches},
                {"imports", s.imports},
                {"sources", sources},
                {"sources_retrieved", retrieved},
                {"deduplicated", s.deduplicated},
                {"unique_records", s.unique_records},
                {"duplicates", s.duplicates},
                {"duplicates_removed", s.duplicates}, // the name `synth dedup --json` uses
                {"uncertain_pairs", d.uncertain_pairs},
                {"screened", s.screened},
                {"screening", screening},
                {"included", included},
                {"pending", pending},
                {"flagged", s.flagged},
                {"stopping", stops}});
    return 0;
  }
  fmt::print("records      {:>10}  ({} search{}, {} import{})\n", thousands(s.records), s.searches,
             s.searches == 1 ? "" : "es", s.imports, s.imports == 1 ? "" : "s");
  for (const auto& [name, n] : s.per_source) {
    auto it = s.retrieved.find(name);
    if (it == s.retrieved.end()) {
      fmt::print("  {:<30} {:>10}\n", name, thousands(n));
    } else {
      fmt::print("  {:<30} {:>10}  ({} retrieved by its searches, {} found twice)\n", name, thousands(n),
                 thousands(it->second), thousands(it->second - n));
    }
  }
  if (s.deduplicated) {
    fmt::print("duplicates   {:>10}  removed\nunique       {:>10}\n", thousands(s.duplicates),
               thousands(s.unique_records));
    if (d.uncertain_pairs) {
      fmt::print("uncertain    {:>10}  pairs for a person (synth dedup --review FILE)\n", thousands(d.uncertain_pairs));
    }
  } else {
    fmt::print("duplicates   not yet run (synth dedup)\n");
  }
  if (s.screened) {
    fmt::print("screening        reached   pending    passed  excluded   flagged\n");
    std::int64_t included = 0, pending = 0;
    for (const auto& st : screen::stage_summary(*store)) {
      included += st.stage == screen::Stage::full_text ? st.passed : 0;
      pending += st.pending;
      fmt::print("  {:<14} {:>7} {:>9} {:>9} {:>9} {:>9}\n", screen::stage_name(st.stage), thousands(st.reached),
                 thousands(st.pending), thousands(st.passed), thousands(st.excluded), thousands(st.flagged));
      for (const auto& [reason, n] : st.excluded_by_reason) {
        fmt::print("      {:>7}  {}\n", thousands(n), reason.empty() ? "(no reason given)" : reason);
      }
      if (st.conflicts) {
        fmt::print("      {:>7}  conflicts between reviewers (synth screen --conflicts)\n", thousands(st.conflicts));
      }
    }
    fmt::print("included     {:>10}\npending      {:>10}  waiting for a reviewer's decision\n", thousands(included),
               thousands(pending));
    if (s.flagged) {
      fmt::print("flagged      {:>10}  carrying a flag for a person (the flags column of synth export)\n",
                 thousands(s.flagged));
    }
    for (const auto& st : stopping) {
      fmt::print("stopping     {} {}: {} screened, {} relevant, {} unscreened; {}: {}, p = {:.3g}\n",
                 screen::stage_name(st.stage), st.reviewer, thousands(static_cast<std::int64_t>(st.screened)),
                 thousands(static_cast<std::int64_t>(st.relevant)), thousands(static_cast<std::int64_t>(st.unscreened)),
                 project::rule_text(st.options), st.test.met ? "met" : "not met", st.test.p_value);
    }
  } else {
    fmt::print("screening    not yet run (synth screen)\n");
  }
  return 0;
}

} // namespace

Runner setup_status(CLI::App&, const Globals& g)
{
  return [&g] { return run_status(g); };
}

} // namespace synth::cli
