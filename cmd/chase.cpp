// synth chase --backward --forward [--from included|FILE] [--depth N]: citation chasing in
// OpenAlex from the included studies or from the records of a file (docs/openalex.md).
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/core/project.hpp"
#include "synth/formats/reader.hpp"
#include "synth/screen/summary.hpp"
#include "synth/sources/chase.hpp"
#include "synth/store/store.hpp"

namespace synth::cli {
namespace {

struct ChaseFlags
{
  bool backward = false;
  bool forward = false;
  std::string from = "included";
  int depth = 1;
  CacheFlags cache;
};

int run_chase(const ChaseFlags& flags, const Globals& g)
{
  if (!flags.backward && !flags.forward) {
    throw UsageError("give --backward, --forward or both");
  }
  if (flags.depth < 1 || flags.depth > 3) {
    throw UsageError("--depth: must be 1, 2 or 3");
  }
  const auto mode = cache_mode(flags.cache);
  auto project = find_project(g.project);
  auto store = open_store(g);
  std::vector<Record> seeds;
  if (flags.from == "included") {
    for (auto id : screen::included_records(*store)) {
      if (auto r = store->record(id)) {
        seeds.push_back(std::move(*r));
      }
    }
    if (seeds.empty()) {
      throw Error("no included records to chase from", "screen first, or name the seeds: synth chase --from FILE");
    }
  } else {
    formats::ReadContext ctx(flags.from, false);
    formats::read_file(flags.from, formats::Format::automatic, ctx, [&](Record&& r) { seeds.push_back(std::move(r)); });
    if (seeds.empty()) {
      throw Error(fmt::format("{}: no records to chase from", flags.from));
    }
  }
  auto options = sources::chase_options_from_env();
  options.backward = flags.backward;
  options.forward = flags.forward;
  options.depth = flags.depth;
  options.from = flags.from;
  options.cache_mode = mode;
  auto trace = network_trace(g);
  options.on_request = trace.on_request;
  options.on_retry = trace.on_retry;
  auto o = sources::run_chase(*store, project, seeds, options);
  for (const auto& s : o.unresolved) {
    warn(fmt::format("seed not found in OpenAlex: {}", s));
  }
  for (const auto& s : o.no_references) {
    warn(fmt::format("seed with no references listed in OpenAlex (not the same as none): {}", s));
  }
  if (!o.references_missing.empty()) {
    warn(fmt::format("{} not returned by OpenAlex: {}",
                     plural(static_cast<std::int64_t>(o.references_missing.size()), "reference"),
                     fmt::join(o.references_missing, ", ")));
  }
  if (g.json) {
    print_json({{"search_id", o.run.id},
                {"seeds", o.seeds},
                {"seeds_resolved", o.resolved},
                {"seeds_unresolved", o.unresolved},
                {"seeds_without_references", o.no_references},
                {"references_listed", o.references_listed},
                {"references_not_returned", o.references_missing},
                {"found_backward", o.backward},
                {"found_forward", o.forward},
                {"records", o.run.records_retrieved},
                {"records_new", o.run.records_new},
                {"requests", o.network_requests},
                {"cache_hits", o.cache_hits}});
    return 0;
  }
  fmt::print("Citation searching (OpenAlex): {} of {} resolved; {} backward, {} forward; {}, {} new\n",
             thousands(o.resolved), plural(o.seeds, "seed"), thousands(o.backward), thousands(o.forward),
             plural(o.run.records_retrieved, "record"), thousands(o.run.records_new));
  return 0;
}

} // namespace

Runner setup_chase(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<ChaseFlags>();
  sub.add_flag("--backward", flags->backward, "Fetch the works the seeds cite (their reference lists)");
  sub.add_flag("--forward", flags->forward, "Fetch the works citing the seeds");
  sub.add_option("--from", flags->from, "Seeds: 'included' (default: the included studies) or a file of records");
  sub.add_option("--depth", flags->depth, "Rounds of chasing (1: the seeds' own references and citations; at most 3)");
  add_cache_flags(sub, flags->cache);
  return [flags, &g] { return run_chase(*flags, g); };
}

} // namespace synth::cli
