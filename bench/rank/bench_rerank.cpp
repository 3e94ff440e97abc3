// Re-ranking benchmark (issue 12; not a test): after a decision, train the SVM on the
// decisions made and order 10,000 pending records (target: under 100 ms). Records: the
// labelled sets of the fixtures (screening/), repeated to 10,200; 200 of them decided.
#include "synth/rank/ranker.hpp"
#include "synth/rank/simulate.hpp"
#include "synth/rank/tfidf.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
  namespace fs = std::filesystem;
  const char* env = std::getenv("SYNTH_FIXTURES");
  fs::path fixtures = argc > 1 ? fs::path(argv[1])
                      : env    ? fs::path(env)
                               : fs::path(SYNTH_SOURCE_DIR) / ".." / "shared" / "fixtures";
  const char* sets[] = {"cohen_2006/ADHD.csv",
                        "cohen_2006/NSAIDS.csv",
                        "cohen_2006/ProtonPumpInhibitors.csv",
                        "cohen_2006/Triptans.csv",
                        "cohen_2006/UrinaryIncontinence.csv",
                        "asreview/Nagtegaal_2019.csv",
                        "asreview/Bannach-Brown_2019.csv",
                        "asreview/Kitchenham_2010.csv"};
  std::vector<std::string> texts;
  std::vector<bool> relevant;
  for (const char* s : sets) {
    auto set = synth::rank::read_labelled_csv(fixtures / "screening" / s);
    texts.insert(texts.end(), set.texts.begin(), set.texts.end());
    relevant.insert(relevant.end(), set.relevant.begin(), set.relevant.end());
  }
  const std::size_t decided = 200, pending = 10000, n = decided + pending;
  for (std::size_t i = 0; texts.size() < n; ++i) {
    texts.push_back(texts[i]);
    relevant.push_back(relevant[i]);
  }
  // CPU time of this process (the machine may be shared: wall time would measure the others).
  struct clock
  {
    static std::clock_t now() { return std::clock(); }
  };
  auto ms = [](std::clock_t d) { return 1000.0 * static_cast<double>(d) / CLOCKS_PER_SEC; };

  auto t0 = clock::now();
  auto features = synth::rank::tfidf(texts);
  auto t1 = clock::now();
  synth::rank::ModelOptions model = synth::rank::tuned_ensemble(); // the heavier of the two models
  auto nb_features = synth::rank::tfidf(texts, model.nb_features);
  auto t2 = clock::now();
  synth::rank::Ranker ranker(features, nb_features, model.svm, model.nb);
  auto t3 = clock::now();
  std::printf(
    "%zu records, %zu features, %zu non-zeros: tf-idf %.0f ms; naive Bayes features %zu, %.0f ms; matrix %.0f "
    "ms (CPU)\n",
    n, features.n_columns, features.values.size(), ms(t1 - t0), nb_features.n_columns, ms(t2 - t1), ms(t3 - t2));

  // 200 decisions spread over the records, a quarter of them relevant where possible.
  std::vector<synth::rank::Label> labels(n, synth::rank::Label::pending);
  std::size_t rel = 0, irr = 0;
  for (std::size_t i = 0; i < n && rel + irr < decided; i += 7) {
    if (relevant[i] && rel < 50) {
      labels[i] = synth::rank::Label::relevant;
      ++rel;
    } else if (!relevant[i] && irr < decided - 50) {
      labels[i] = synth::rank::Label::irrelevant;
      ++irr;
    }
  }
  synth::rank::Ranker svm_only(features);
  for (const auto* r : {&svm_only, &ranker}) {
    std::vector<double> times;
    for (int rep = 0; rep < 21; ++rep) {
      auto a = clock::now();
      auto order = r->ranked(labels, static_cast<std::uint64_t>(rep));
      times.push_back(ms(clock::now() - a));
      if (order.size() < pending) {
        std::fprintf(stderr, "fewer pending records than expected\n");
        return 1;
      }
    }
    std::sort(times.begin(), times.end());
    std::printf("re-rank after a decision (%s; %zu decided: %zu relevant; %zu pending): median %.1f ms, max %.1f ms "
                "CPU (target < 100 ms)\n",
                r == &svm_only ? "SVM, the default" : "SVM + naive Bayes", rel + irr, rel, n - rel - irr,
                times[times.size() / 2], times.back());
  }
  return 0;
}
