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

namespace {

namespace fs = std::filesystem;

fs::path resolved(const fs::path& p)
{
  std::error_code ec;
  auto r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p).lexically_normal() : r;
}

bool inside(const fs::path& path, const fs::path& dir)
{
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
    if (d->empty()) {
      continue; // a trailing separator
    }
    if (p == path.end() || *p != *d) {
      return false;
    }
  }
  return true;
}

} // namespace

void refuse_project_file(const Project& project, const fs::path& output)
{
  auto out = resolved(output);
  auto db = resolved(project.db());
  const std::pair<fs::path, const char*> files[] = {
    {db, "this project's store"},
    {fs::path(db.string() + "-wal"), "this project's store (its write-ahead log)"},
    {fs::path(db.string() + "-shm"), "this project's store (its shared-memory file)"},
    {fs::path(db.string() + "-journal"), "this project's store (its journal)"},
    {resolved(project.criteria()), "this project's criteria file"},
  };
  for (const auto& [file, what] : files) {
    if (out == file) {
      throw Error(fmt::format("{} is {}; choose another output file", output.string(), what));
    }
  }
  const std::pair<fs::path, const char*> dirs[] = {
    {resolved(project.raw_archive()), "this project's raw archive (synth.raw/)"},
    {resolved(project.cache()), "this project's response cache (cache/)"},
    {resolved(project.queries()), "this project's queries folder (queries/)"},
    {resolved(project.decisions()), "this project's decisions folder (decisions/)"},
    {resolved(project.extraction()), "this project's extraction folder (extraction/)"},
  };
  for (const auto& [dir, what] : dirs) {
    if (inside(out, dir)) {
      throw Error(fmt::format("{} is in {}; choose another output file", output.string(), what));
    }
  }
}

} // namespace synth
