#pragma once
// JSON shapes that more than one command prints: one function per concept, so that
// `synth status --json` and `synth screen --json` say the same thing the same way
// (DESIGN.md section 3, "JSON shapes").
#include "synth/screen/summary.hpp"

#include <nlohmann/json.hpp>

namespace synth::cli {

// One screening stage: {"stage", "reached", "pending", "passed", "excluded",
// "excluded_by_reason": [{"reason", "records"}, ...] (largest first), "flagged", "conflicts"}.
nlohmann::json stage_json(const screen::StageSummary& s);

} // namespace synth::cli
