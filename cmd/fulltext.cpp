// synth fulltext [--offline|--refresh]: full-text availability of the records sought for
// retrieval, looked up in Unpaywall by DOI (docs/fulltext.md).
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/core/project.hpp"
#include "synth/sources/fulltext.hpp"
#include "synth/store/store.hpp"

namespace synth::cli {
namespace {

struct FulltextFlags
{
  bool offline = false;
  bool refresh = false;
};

int run_fulltext(const FulltextFlags& flags, const Globals& g)
{
  if (flags.offline && flags.refresh) {
    throw UsageError("--offline and --refresh cannot be used together");
  }
  auto project = find_project(g.project);
  auto store = open_store(g);
  auto options = sources::fulltext_options_from_env();
  options.cache_mode = flags.offline ? net::CacheMode::offline : net::CacheMode::normal;
  options.refresh = flags.refresh;
  auto trace = network_trace(g);
  options.on_request = trace.on_request;
  options.on_retry = trace.on_retry;
  auto o = sources::run_fulltext(*store, project, options);
  if (g.json) {
    print_json({{"sought", o.sought},
                {"checked", o.checked},
                {"skipped", o.skipped},
                {"open_access", o.open_access},
                {"closed", o.closed},
                {"not_found", o.not_found},
                {"not_checked", o.not_checked},
                {"requests", o.network_requests},
                {"cache_hits", o.cache_hits}});
    return 0;
  }
  fmt::print("Full text (Unpaywall): {} sought for retrieval; {} open access, {} closed, {} not found in "
             "Unpaywall, {} not checked (no DOI)\n",
             plural(o.sought, "record"), thousands(o.open_access), thousands(o.closed), thousands(o.not_found),
             thousands(o.not_checked));
  if (o.skipped > 0) {
    note(g, fmt::format("{} checked before (--refresh checks them again)", plural(o.skipped, "record")));
  }
  return 0;
}

} // namespace

Runner setup_fulltext(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<FulltextFlags>();
  sub.add_flag("--offline", flags->offline, "Replay answers from the project's cache/ only; a miss is an error");
  sub.add_flag("--refresh", flags->refresh, "Check again the records already checked, fetching fresh answers");
  return [flags, &g] { return run_fulltext(*flags, g); };
}

} // namespace synth::cli
