// synth status: what the project holds, stage by stage.
#include "command.hpp"
#include "output.hpp"

#include "synth/project/status.hpp"

namespace synth::cli {
namespace {

int run_status(const Globals& g)
{
  auto store = open_store(g);
  auto s = project::read_status(*store);
  if (g.json) {
    nlohmann::json sources = nlohmann::json::object();
    for (const auto& [name, n] : s.per_source) {
      sources[name] = n;
    }
    nlohmann::json screening = nlohmann::json::array();
    for (const auto& c : s.screening) {
      screening.push_back({{"stage", c.stage}, {"decision", c.decision}, {"reason", c.reason}, {"records", c.records}});
    }
    print_json({{"records", s.records},
                {"searches", s.searches},
                {"imports", s.imports},
                {"sources", sources},
                {"deduplicated", s.deduplicated},
                {"unique_records", s.unique_records},
                {"duplicates", s.duplicates},
                {"screened", s.screened},
                {"screening", screening},
                {"flagged", s.flagged}});
    return 0;
  }
  fmt::print("records      {:>10}  ({} searches, {} imports)\n", thousands(s.records), s.searches, s.imports);
  for (const auto& [name, n] : s.per_source) {
    fmt::print("  {:<30} {:>10}\n", name, thousands(n));
  }
  if (s.deduplicated) {
    fmt::print("duplicates   {:>10}\nunique       {:>10}\n", thousands(s.duplicates), thousands(s.unique_records));
  } else {
    fmt::print("duplicates   not yet run (synth dedup)\n");
  }
  if (s.screened) {
    fmt::print("screening\n");
    for (const auto& c : s.screening) {
      fmt::print("  {:<15} {:<8} {:>10}  {}\n", c.stage, c.decision, thousands(c.records), c.reason);
    }
    if (s.flagged) {
      fmt::print("  flagged for a person: {}\n", thousands(s.flagged));
    }
  } else {
    fmt::print("screening    not yet run (synth screen)\n");
  }
  return 0;
}

Runner setup_status(CLI::App&, const Globals& g)
{
  return [&g] { return run_status(g); };
}

const Registration k_registration{{"status", "What the project holds, stage by stage", 100, setup_status}};

} // namespace
} // namespace synth::cli
