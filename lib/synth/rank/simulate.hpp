#pragma once
// Simulation of prioritised screening on a labelled set (docs/rank.md): from one relevant
// and one irrelevant prior record chosen by the seed, the ranker picks the next records,
// whose labels are revealed, until every relevant record is found and the stopping rule
// has fired (or every record is screened). Pure: no printing.
#include "synth/rank/ranker.hpp"
#include "synth/rank/stopping.hpp"
#include "synth/rank/tfidf.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace synth::rank {

// Records with a text to rank (title and abstract) and a 0/1 label.
struct LabelledSet
{
  std::vector<std::string> texts; // title, a space, abstract
  std::vector<bool> relevant;
  std::size_t without_abstract = 0;
};

// A CSV with the columns title, abstract (optional) and `label_column` (0 or 1), as the
// ASReview and Cohen 2006 sets write them; column names match case-insensitively. Errors
// (synth::Error) name the file and line: a missing column, a label that is not 0 or 1, a set
// without a relevant or without an irrelevant record.
LabelledSet read_labelled_csv(const std::filesystem::path& path, std::string_view label_column = "label_included");

struct Run
{
  std::uint64_t seed = 0;
  std::size_t prior_relevant = 0, prior_irrelevant = 0; // record numbers
  std::vector<std::size_t> order;                       // records in the order screened, the two priors first
  double wss_95 = 0, wss_100 = 0;                       // work saved over sampling at 95 % / 100 % recall
  std::size_t record_95 = 0;     // the relevant record whose finding reached 95 % recall: it alone sets wss_95
  double rrf_10 = 0;             // share of relevant found after screening 10 % of the records
  double atd = 0;                // average time to discovery, a fraction of the records
  bool stopped = false;          // the stopping rule fired before every record was screened
  std::size_t stop_screened = 0; // records screened when it fired (all records when it did not)
  double stop_recall = 0;        // recall at that point
  double stop_p_value = 1;
};

// When the model is retrained: as `retrain_batch` says (what synth does while screening), or
// after every decision (as the scikit-learn peer; only benchmarks use it, it is slower).
enum class Retrain {
  batches,
  every_decision,
};

// One simulated screening. `relevant` holds one value per row of the ranker.
Run simulate(const Ranker& ranker, const std::vector<bool>& relevant, std::uint64_t seed,
             const StoppingOptions& stopping = {}, Retrain retrain = Retrain::batches);

struct Summary
{
  std::size_t records = 0, relevant = 0, runs = 0;
  double wss_95 = 0, wss_100 = 0, rrf_10 = 0, atd = 0; // means over the runs
  std::size_t runs_stopped = 0;                        // the rule fired before the last record
  std::size_t runs_meeting_target = 0;                 // recall at the stop >= target
  double recall_min = 1, recall_mean = 0;
  double screened_mean = 0;   // records screened at the stop
  double work_saved_mean = 0; // 1 - screened / records at the stop
};

Summary summarise(const std::vector<Run>& runs, const std::vector<bool>& relevant,
                  const StoppingOptions& stopping = {});

} // namespace synth::rank
