#include "json_shapes.hpp"

namespace synth::cli {

nlohmann::json stage_json(const screen::StageSummary& s)
{
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& [reason, n] : s.excluded_by_reason) {
    reasons.push_back({{"reason", reason}, {"records", n}});
  }
  return {{"stage", screen::stage_name(s.stage)},
          {"reached", s.reached},
          {"pending", s.pending},
          {"passed", s.passed},
          {"excluded", s.excluded},
          {"excluded_by_reason", reasons},
          {"flagged", s.flagged},
          {"conflicts", s.conflicts}};
}

} // namespace synth::cli
