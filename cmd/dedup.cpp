// synth dedup [--review FILE] [--merge-conference-abstracts]: duplicate clusters across all
// records of the project (lib/synth/dedup). Uncertain pairs are never merged; with
// --review they are written to FILE for a person, and decisions filled in there are read
// back (and kept in the store) on the next run.
#include "command.hpp"
#include "output.hpp"

#include "synth/dedup/store_io.hpp"
#include "synth/store/store.hpp"

#include <memory>

namespace synth::cli {
namespace {

struct DedupFlags
{
  std::string review;
  bool merge_conference = false;
};

int run_dedup(const Globals& g, const DedupFlags& flags)
{
  if (!flags.review.empty()) {
    refuse_project_output(g, flags.review);
  }
  auto store = open_store(g);
  dedup::Options options;
  options.merge_conference_with_article = flags.merge_conference;
  std::optional<std::filesystem::path> review;
  if (!flags.review.empty()) {
    review = flags.review;
  }
  auto r = dedup::run(*store, options, review);
  const auto& s = r.summary;
  if (g.json) {
    nlohmann::json doc = {{"records", s.records},
                          {"unique_records", s.unique},
                          {"duplicates_removed", s.duplicates_removed},
                          {"uncertain_pairs", s.uncertain_pairs},
                          {"decisions_read", r.decisions_read},
                          {"decisions_applied", r.decisions_applied},
                          {"decisions_vetoed", r.decisions_vetoed}};
    if (review) {
      doc["review_file"] = review->string();
      doc["review_rows"] = r.review_rows;
    }
    print_json(doc);
    return 0;
  }
  fmt::print("records             {:>10}\n", thousands(s.records));
  fmt::print("unique records      {:>10}\n", thousands(s.unique));
  fmt::print("duplicates removed  {:>10}\n", thousands(s.duplicates_removed));
  fmt::print("uncertain pairs     {:>10}\n", thousands(s.uncertain_pairs));
  if (r.decisions_read > 0) {
    note(g, fmt::format("read {} review decisions from {}", r.decisions_read, review->string()));
  }
  if (r.decisions_vetoed > 0) {
    warn(fmt::format("{} 'same' decisions not applied: they would join records that another "
                     "decision says are different",
                     r.decisions_vetoed));
  }
  if (review) {
    note(g, fmt::format("wrote {} {} to {}: fill the decision column with same or different, "
                        "then run synth dedup --review {} again",
                        r.review_rows, r.review_rows == 1 ? "pair" : "pairs", review->string(), review->string()));
  } else if (s.uncertain_pairs > 0) {
    note(g, "uncertain pairs are not merged: synth dedup --review FILE writes them for review");
  }
  return 0;
}

} // namespace

Runner setup_dedup(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<DedupFlags>();
  sub.add_option("--review", flags->review,
                 "CSV of uncertain pairs for a person; decisions filled in are applied on the next run");
  sub.add_flag("--merge-conference-abstracts", flags->merge_conference,
               "Merge a conference abstract with the journal article of the same title (default: keep both)");
  return [&g, flags] { return run_dedup(g, *flags); };
}

} // namespace synth::cli
