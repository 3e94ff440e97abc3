#pragma once
// A review project on disk (DESIGN.md section 2).
#include <filesystem>
#include <optional>

namespace synth {

struct Project
{
  std::filesystem::path root;
  std::filesystem::path db() const { return root / "synth.db"; }
  std::filesystem::path raw_archive() const { return root / "synth.raw"; }
  std::filesystem::path cache() const { return root / "cache"; }
  std::filesystem::path queries() const { return root / "queries"; }
  std::filesystem::path decisions() const { return root / "decisions"; }
  std::filesystem::path extraction() const { return root / "extraction"; }
  std::filesystem::path criteria() const { return root / "criteria.txt"; }
};

// The project at `dir` (or the current directory): the folder itself when it holds
// synth.db. Throws synth::UsageError with a hint to run `synth init` when there is none.
Project find_project(const std::optional<std::filesystem::path>& dir);

// Refuses an output file that is one of the project's own: the store (and its -wal, -shm and
// -journal files), anything in synth.raw/, cache/, queries/, decisions/ or extraction/, and the
// criteria file. Throws synth::Error "OUTPUT is this project's store; choose another
// output file" (naming what it is); returns when `output` is none of them.
void refuse_project_file(const Project& project, const std::filesystem::path& output);

} // namespace synth
