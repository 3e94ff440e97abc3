// synth simulate: replays prioritised screening on a labelled set (docs/rank.md).
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/rank/simulate.hpp"

#include <fmt/format.h>

namespace synth::cli {
namespace {

struct SimulateFlags
{
  std::string data;
  int seeds = 10;
  std::string label = "label_included";
  double target = 0.95;
  double confidence = 0.95;
  std::string model = "svm";
};

int run_simulate(const SimulateFlags& f, const Globals& g)
{
  if (f.seeds < 1) {
    throw UsageError("--seeds must be at least 1");
  }
  if (!(f.target > 0 && f.target <= 1) || !(f.confidence > 0 && f.confidence < 1)) {
    throw UsageError("--target must be in (0, 1] and --confidence in (0, 1)");
  }
  auto model = rank::model_named(f.model);
  if (!model) {
    throw UsageError(fmt::format("--model must be one of {}, not '{}'", fmt::join(rank::model_names(), ", "), f.model));
  }
  auto set = rank::read_labelled_csv(f.data, f.label);
  rank::StoppingOptions stopping{f.target, f.confidence};
  auto ranker = rank::make_ranker(set.texts, *model);
  std::vector<rank::Run> runs;
  for (int s = 1; s <= f.seeds; ++s) {
    runs.push_back(rank::simulate(ranker, set.relevant, static_cast<std::uint64_t>(s), stopping));
  }
  auto sum = rank::summarise(runs, set.relevant, stopping);
  if (g.json) {
    auto per_run = nlohmann::json::array();
    for (const auto& r : runs) {
      per_run.push_back({{"seed", r.seed},
                         {"prior_relevant", r.prior_relevant + 1},
                         {"prior_irrelevant", r.prior_irrelevant + 1},
                         {"wss_95", r.wss_95},
                         {"record_95", r.record_95 + 1},
                         {"wss_100", r.wss_100},
                         {"rrf_10", r.rrf_10},
                         {"atd", r.atd},
                         {"stopped", r.stopped},
                         {"stop_screened", r.stop_screened},
                         {"stop_recall", r.stop_recall},
                         {"stop_p_value", r.stop_p_value}});
    }
    print_json({{"file", f.data},
                {"label", f.label},
                {"model", f.model},
                {"records", sum.records},
                {"relevant", sum.relevant},
                {"without_abstract", set.without_abstract},
                {"seeds", f.seeds},
                {"mean", {{"wss_95", sum.wss_95}, {"wss_100", sum.wss_100}, {"rrf_10", sum.rrf_10}, {"atd", sum.atd}}},
                {"stopping",
                 {{"target", f.target},
                  {"confidence", f.confidence},
                  {"runs", sum.runs},
                  {"runs_stopped", sum.runs_stopped},
                  {"runs_meeting_target", sum.runs_meeting_target},
                  {"recall_min", sum.recall_min},
                  {"recall_mean", sum.recall_mean},
                  {"screened_mean", sum.screened_mean},
                  {"work_saved_mean", sum.work_saved_mean}}},
                {"runs", per_run}});
    return 0;
  }
  fmt::print("{}: {} records, {} relevant ({}), {} without abstract; {} seed{}, model {}\n", f.data, sum.records,
             sum.relevant, f.label, set.without_abstract, f.seeds, f.seeds == 1 ? "" : "s", f.model);
  fmt::print("seed  wss@95  row@95  wss@100  rrf@10     atd   stop at   recall  p-value\n");
  for (const auto& r : runs) {
    fmt::print("{:>4}  {:>5.1f}%  {:>6}  {:>6.1f}%  {:>5.1f}%  {:>5.1f}%  {:>8}  {:>6.1f}%  {:.4f}{}\n", r.seed,
               100 * r.wss_95, r.record_95 + 1, 100 * r.wss_100, 100 * r.rrf_10, 100 * r.atd, r.stop_screened,
               100 * r.stop_recall, r.stop_p_value, r.stopped ? "" : " (not fired: every record screened)");
  }
  fmt::print("mean  {:>5.1f}%  {:>6}  {:>6.1f}%  {:>5.1f}%  {:>5.1f}%  {:>8.0f}  {:>6.1f}%\n", 100 * sum.wss_95, "",
             100 * sum.wss_100, 100 * sum.rrf_10, 100 * sum.atd, sum.screened_mean, 100 * sum.recall_mean);
  fmt::print(
    "row@95: the data row of the relevant record that brought recall to 95 %: where it was found sets wss@95\n");
  fmt::print("stopping rule (recall >= {:g} % with {:g} % confidence): recall met in {} of {} runs, "
             "lowest {:.1f}%; work saved {:.1f}% on average\n",
             100 * f.target, 100 * f.confidence, sum.runs_meeting_target, sum.runs, 100 * sum.recall_min,
             100 * sum.work_saved_mean);
  return 0;
}

} // namespace

Runner setup_simulate(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<SimulateFlags>();
  sub.add_option("data", flags->data, "CSV with title, abstract and a 0/1 label column")->required();
  sub.add_option("--seeds", flags->seeds, "Number of runs, each with its own priors (seeds 1..N; default 10)");
  sub.add_option("--label", flags->label, "The label column (default label_included)");
  sub.add_option("--target", flags->target, "Recall the stopping rule states (default 0.95)");
  sub.add_option("--confidence", flags->confidence, "Confidence of the stopping rule (default 0.95)");
  sub.add_option("--model", flags->model,
                 "Ranking model: svm (default; TF-IDF and a linear SVM), ensemble (the SVM with a naive Bayes, "
                 "weight 0.4), nb (the naive Bayes alone) or nbsvm (the SVM on features scaled by naive-Bayes "
                 "log-count ratios); docs/rank.md");
  return [flags, &g] { return run_simulate(*flags, g); };
}

} // namespace synth::cli
