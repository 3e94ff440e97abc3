#include "synth/core/project.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

namespace synth {

Project find_project(const std::optional<std::filesystem::path>& dir)
{
  auto root = dir ? *dir : std::filesystem::current_path();
  if (!std::filesystem::exists(root / "synth.db")) {
    throw UsageError(fmt::format("{}: not a synth project (no synth.db)", root.string()),
                     "create one with `synth init DIR`, or name one with --project DIR");
  }
  return Project{std::filesystem::absolute(root)};
}

} // namespace synth
