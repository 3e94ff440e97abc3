// TF-IDF features, the SVM ranker and the labelled-set reader.
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/rank/ranker.hpp"
#include "synth/rank/simulate.hpp"
#include "synth/rank/tfidf.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace synth::rank;

TEST_CASE("tokens are folded as dedup folds words", "[rank][tfidf]")
{
  auto t = tokens("Randomised TGF-\xCE\xB2 Trial of a Labour-ward");
  CHECK(t == std::vector<std::string>{"randomized", "tgf", "beta", "trial", "of", "labor", "ward"});
}

TEST_CASE("tf-idf weights as scikit-learn's sublinear, smoothed, l2-normed", "[rank][tfidf]")
{
  // "aa" is in both records (df 1.0 > max_df 0.95) and dropped; "bb", "aa bb" have df 1:
  // equal weights, 1/sqrt(2) each after the l2 norm.
  auto m = tfidf({"aa bb", "aa cc cc"});
  REQUIRE(m.rows() == 2);
  CHECK(m.n_columns == 5); // bb, "aa bb", cc, "aa cc", "cc cc"
  REQUIRE(m.row_start[1] == 2);
  CHECK(m.values[0] == Approx(1 / std::sqrt(2.0)));
  CHECK(m.values[1] == Approx(1 / std::sqrt(2.0)));
  // Row 2: cc tf 2 -> 1 + ln 2; "aa cc" and "cc cc" tf 1; same idf.
  REQUIRE(m.row_start[2] - m.row_start[1] == 3);
  double a = 1 + std::log(2.0), norm = std::sqrt(a * a + 2);
  std::vector<double> row(m.values.begin() + 2, m.values.end());
  std::sort(row.begin(), row.end());
  CHECK(row[0] == Approx(1 / norm));
  CHECK(row[2] == Approx(a / norm));
  // Words only.
  CHECK(tfidf({"aa bb", "aa cc"}, {1, 0.95, true}).n_columns == 2);
  // A record without words has an empty row.
  auto e = tfidf({"", "aa bb", "cc"});
  CHECK(e.row_start[1] == 0);
}

namespace {

std::vector<std::string> corpus()
{
  return {
    "Triptans for acute migraine: a randomised trial of sumatriptan", // 0 relevant prior
    "Knee arthroplasty outcomes in elderly patients",                 // 1 irrelevant prior
    "Sumatriptan versus placebo in acute migraine attacks",
    "Rizatriptan in migraine: randomised controlled trial",
    "Hip fracture surgery in elderly patients",
    "Knee surgery rehabilitation after arthroplasty",
    "Migraine", // no abstract, a single word
    "Physiotherapy after knee replacement surgery",
  };
}

} // namespace

TEST_CASE("the ranker puts records like the relevant ones first", "[rank][svm]")
{
  Ranker ranker(tfidf(corpus()));
  std::vector<Label> labels(8, Label::pending);
  labels[0] = Label::relevant;
  labels[1] = Label::irrelevant;
  auto order = ranker.ranked(labels, 1);
  REQUIRE(order.size() == 6);
  // The three migraine records before the three about knees and hips.
  std::vector<std::size_t> top(order.begin(), order.begin() + 3);
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::size_t>{2, 3, 6});
  // Deterministic for the same decisions and seed.
  CHECK(ranker.scores(labels, 1) == ranker.scores(labels, 1));
  CHECK(ranker.ranked(labels, 1) == order);
}

TEST_CASE("without both classes the order is a seeded permutation", "[rank][svm]")
{
  Ranker ranker(tfidf(corpus()));
  std::vector<Label> labels(8, Label::pending);
  labels[1] = Label::irrelevant;
  auto a = ranker.ranked(labels, 3);
  CHECK(a.size() == 7);
  CHECK(a == ranker.ranked(labels, 3));
  CHECK(a != ranker.ranked(labels, 4));
}

TEST_CASE("retraining after every decision for the first 100, then in growing batches", "[rank][svm]")
{
  CHECK(retrain_batch(0) == 1);
  CHECK(retrain_batch(99) == 1);
  CHECK(retrain_batch(100) == 5);
  CHECK(retrain_batch(1000) == 50);
}

TEST_CASE("simulation on a labelled set", "[rank][simulate]")
{
  auto texts = corpus();
  std::vector<bool> relevant{true, false, true, true, false, false, true, false};
  Ranker ranker(tfidf(texts));
  auto run = simulate(ranker, relevant, 5);
  CHECK(relevant[run.prior_relevant]);
  CHECK_FALSE(relevant[run.prior_irrelevant]);
  CHECK(run.order.size() <= 8);
  CHECK(run.wss_100 >= 0.0);
  CHECK(run.wss_100 <= 1.0);
  CHECK(run.stop_recall >= 0.0);
  // Same seed, same run.
  auto again = simulate(ranker, relevant, 5);
  CHECK(again.order == run.order);
  auto s = summarise({run, again}, relevant);
  CHECK(s.records == 8);
  CHECK(s.relevant == 4);
  CHECK(s.runs == 2);
  CHECK(s.wss_100 == Approx(run.wss_100));
}

TEST_CASE("labelled CSV: Cohen 2006 ADHD", "[rank][csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto set = read_labelled_csv(synth::test::fixture("screening/cohen_2006/ADHD.csv"));
  // The set's README and the ASReview index: 851 records, 20 finally included.
  CHECK(set.texts.size() == 851);
  CHECK(std::count(set.relevant.begin(), set.relevant.end(), true) == 20);
  auto by_abstract =
    read_labelled_csv(synth::test::fixture("screening/cohen_2006/ADHD.csv"), "label_abstract_screening");
  CHECK(std::count(by_abstract.relevant.begin(), by_abstract.relevant.end(), true) == 84);
}

TEST_CASE("labelled CSV: errors name the file and line", "[rank][csv]")
{
  auto dir = std::filesystem::temp_directory_path() / "synth-rank-test";
  std::filesystem::create_directories(dir);
  auto path = dir / "bad.csv";
  {
    std::ofstream f(path);
    f << "title,abstract,label_included\nA,b,1\nC,d,yes\n";
  }
  CHECK_THROWS_WITH(read_labelled_csv(path), Catch::Contains("bad.csv:3: label_included is \"yes\", expected 0 or 1"));
  CHECK_THROWS_WITH(read_labelled_csv(path, "included"), Catch::Contains("bad.csv:1: no column \"included\""));
  {
    std::ofstream f(path);
    f << "title,label_included\nA,1\nC,1\n";
  }
  CHECK_THROWS_WITH(read_labelled_csv(path), Catch::Contains("at least one relevant and one irrelevant"));
  std::filesystem::remove_all(dir);
}
