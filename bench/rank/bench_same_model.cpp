// Is synth's SVM the scikit-learn peer's model? (issue 12; a benchmark, not a test.)
//
// Simulates screening of one labelled set with synth's SVM set up as the u4 peer is
// (bench/rank/peer_sklearn.py): words without synth's spelling folding, retrained after every
// decision, C 0.11 throughout. Each flag puts back one of the three things synth does
// differently, so that a difference from the peer can be traced to one of them:
//   --fold     words folded as dedup folds them (transliteration, British to American)
//   --batches  retraining in synth's growing batches after the first 100 decisions
//   --c-rule   C following the share of relevant records (C 2.0 above a fifth)
// With all three it is `synth simulate` (the default model). Seeds 1..N give the priors of
// `synth simulate`. Prints one JSON document with the names of `synth --json simulate`'s:
// records, the mean WSS@95, and each run's WSS@95, the row (from 1) of the record that set
// it, and the priors.
//
//   bench_same_model DATA.csv [--label label_included] [--seeds 10] [--fold] [--batches] [--c-rule]
#include "synth/rank/ranker.hpp"
#include "synth/rank/simulate.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
  using namespace synth::rank;
  std::string data, label = "label_included";
  int seeds = 10;
  bool fold = false, batches = false, c_rule = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--label" && i + 1 < argc) {
      label = argv[++i];
    } else if (a == "--seeds" && i + 1 < argc) {
      seeds = std::stoi(argv[++i]);
    } else if (a == "--fold") {
      fold = true;
    } else if (a == "--batches") {
      batches = true;
    } else if (a == "--c-rule") {
      c_rule = true;
    } else if (data.empty() && !a.starts_with("--")) {
      data = a;
    } else {
      std::fprintf(stderr,
                   "usage: bench_same_model DATA.csv [--label COLUMN] [--seeds N] [--fold] [--batches] [--c-rule]\n");
      return 2;
    }
  }
  if (data.empty() || seeds < 1) {
    std::fprintf(stderr, "bench_same_model: give a labelled CSV and --seeds of at least 1\n");
    return 2;
  }
  try {
    auto set = read_labelled_csv(data, label);
    ModelOptions model;
    model.svm_features.fold_spelling = fold;
    if (!c_rule) {
      model.svm.c_high_share = 0; // C 0.11 always
    }
    auto ranker = make_ranker(set.texts, model);
    std::vector<Run> done;
    nlohmann::json runs = nlohmann::json::array();
    for (int s = 1; s <= seeds; ++s) {
      const auto& run = done.emplace_back(simulate(ranker, set.relevant, static_cast<std::uint64_t>(s), {},
                                                   batches ? Retrain::batches : Retrain::every_decision));
      runs.push_back({{"seed", s},
                      {"wss_95", run.wss_95},
                      {"record_95", run.record_95 + 1},
                      {"prior_relevant", run.prior_relevant + 1},
                      {"prior_irrelevant", run.prior_irrelevant + 1}});
    }
    // The names of `synth --json simulate`'s document.
    auto summary = summarise(done, set.relevant);
    nlohmann::json doc = {{"file", data},
                          {"label", label},
                          {"fold", fold},
                          {"batches", batches},
                          {"c_rule", c_rule},
                          {"records", summary.records},
                          {"mean", {{"wss_95", summary.wss_95}}},
                          {"runs", runs}};
    std::printf("%s\n", doc.dump().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_same_model: %s\n", e.what());
    return 1;
  }
  return 0;
}
