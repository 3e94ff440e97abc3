#include "synth/screen/stage.hpp"

#include "synth/util/text.hpp"

namespace synth::screen {

std::string_view stage_name(Stage stage)
{
  switch (stage) {
  case Stage::automatic:
    return "automatic";
  case Stage::title:
    return "title";
  case Stage::abstract:
    return "abstract";
  case Stage::title_abstract:
    return "title-abstract";
  case Stage::full_text:
    return "full-text";
  }
  return "?";
}

std::optional<Stage> parse_stage(std::string_view name)
{
  std::string n = util::to_lower(util::trim(name));
  if (n == "automatic" || n == "auto") {
    return Stage::automatic;
  }
  if (n == "title") {
    return Stage::title;
  }
  if (n == "abstract") {
    return Stage::abstract;
  }
  if (n == "title-abstract" || n == "title_abstract" || n == "title/abstract" || n == "tiab") {
    return Stage::title_abstract;
  }
  if (n == "full-text" || n == "fulltext" || n == "full_text" || n == "full text") {
    return Stage::full_text;
  }
  return std::nullopt;
}

} // namespace synth::screen
