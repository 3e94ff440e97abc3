#pragma once
// The screening stages of a review, in order (DESIGN.md section 7).
#include <array>
#include <optional>
#include <string_view>

namespace synth::screen {

// automatic: rules on metadata, no human involved (PRISMA "marked as ineligible by
// automation tools"). The others are human stages; a review uses either title + abstract
// or title-abstract (or all three), and always full-text.
enum class Stage {
  automatic = 0,
  title = 1,
  abstract = 2,
  title_abstract = 3,
  full_text = 4,
};

inline constexpr std::array<Stage, 5> k_stages = {Stage::automatic, Stage::title, Stage::abstract,
                                                  Stage::title_abstract, Stage::full_text};

// "automatic", "title", "abstract", "title-abstract", "full-text".
std::string_view stage_name(Stage stage);
// The stage of a name as written in criteria and decision files (case-insensitive;
// "fulltext", "full_text", "tiab" and "title/abstract" are accepted too); nullopt otherwise.
std::optional<Stage> parse_stage(std::string_view name);

inline int stage_index(Stage stage) { return static_cast<int>(stage); }

} // namespace synth::screen
