// synth check: does the raw archive (synth.raw/) agree with the store?
#include "command.hpp"
#include "output.hpp"

#include "synth/store/archive_check.hpp"
#include "synth/store/store.hpp"

#include <fmt/format.h>

namespace synth::cli {
namespace {

struct CheckFlags
{
  bool repair = false;
};

nlohmann::json problems_json(const std::vector<store::ArchiveProblem>& problems)
{
  auto out = nlohmann::json::array();
  for (const auto& p : problems) {
    out.push_back({{"file", p.file.string()}, {"problem", p.what}, {"repairable", p.repairable}});
  }
  return out;
}

int run_check(const CheckFlags& flags, const Globals& g)
{
  auto store = open_store(g);
  std::vector<store::ArchiveProblem> repaired;
  if (flags.repair) {
    repaired = store::repair_archive(*store);
  }
  auto check = store::check_archive(*store);
  if (g.json) {
    print_json({{"files", check.files},
                {"records", check.records},
                {"bytes", check.bytes},
                {"repaired", problems_json(repaired)},
                {"problems", problems_json(check.problems)},
                {"ok", check.problems.empty()}});
    return check.problems.empty() ? 0 : 1;
  }
  for (const auto& r : repaired) {
    fmt::print("{}: {}\n", r.file.string(), r.what);
  }
  for (const auto& p : check.problems) {
    // The command's findings, not side remarks: printed with -q too.
    fmt::print(stderr, "synth: error: {}: {}\n", p.file.string(), p.what);
  }
  if (check.problems.empty()) {
    fmt::print("raw archive: {} in {}, every byte belongs to one record of the store\n",
               plural(check.records, "record"), plural(check.files, "file"));
    return 0;
  }
  bool repairable = false;
  for (const auto& p : check.problems) {
    repairable = repairable || p.repairable;
  }
  fmt::print("raw archive: {} found\n", plural(static_cast<std::int64_t>(check.problems.size()), "problem"));
  if (repairable) {
    note(g, "bytes that belong to no record can be cut off: synth check --repair");
  }
  return 1;
}

} // namespace

Runner setup_check(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<CheckFlags>();
  sub.add_flag("--repair", flags->repair,
               "Cut off what belongs to no record (left by a command that was killed); never touches a record's text");
  return [flags, &g] { return run_check(*flags, g); };
}

} // namespace synth::cli
