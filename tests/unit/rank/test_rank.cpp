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

TEST_CASE("tf-idf without the spelling folding keeps British and American words apart", "[rank][tfidf]")
{
  std::vector<std::string> texts{"Randomised trial", "randomized trial", "Naïve cc"};
  TfidfOptions unfolded{1, 0.95, true, false};
  // Folded: randomized, trial, naive, cc. Unfolded: randomised, randomized, trial, naive, cc
  // (accents are still removed, as util::fold does).
  CHECK(tfidf(texts, {1, 0.95, true}).n_columns == 4);
  CHECK(tfidf(texts, unfolded).n_columns == 5);
  CHECK(tfidf({"Naïve cc", "naive dd"}, {1, 1.0, true, false}).n_columns == 3); // naive, cc, dd
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

namespace {

// Two columns, three records: "x" only, "y" only, both.
SparseRows hand_rows()
{
  SparseRows m;
  m.n_columns = 2;
  m.columns = {0, 1, 0, 1};
  m.values = {1.0, 1.0, 1.0, 1.0};
  m.row_start = {0, 1, 2, 4};
  return m;
}

} // namespace

TEST_CASE("naive Bayes log-odds as a multinomial naive Bayes, checked by hand", "[rank][nb]")
{
  std::vector<Label> labels{Label::relevant, Label::irrelevant, Label::pending};
  // alpha 1, equal weights: theta_rel = (2/3, 1/3), theta_irr = (1/3, 2/3), prior ratio 1.
  Ranker even(tfidf({"aa", "bb", "aa bb"}), hand_rows(), {}, {1.0, 1.0, 1.0});
  auto s = even.nb_scores(labels, 1);
  REQUIRE(s.size() == 3);
  CHECK(s[0] == Approx(std::log(2.0)));
  CHECK(s[1] == Approx(-std::log(2.0)));
  CHECK(s[2] == Approx(0.0).margin(1e-12));
  // Balance ratio 2: the relevant record weighs 4/3, the irrelevant one 2/3 (mean 1).
  // theta_rel = (7/3, 1) / (10/3) = (0.7, 0.3); theta_irr = (1, 5/3) / (8/3) = (3/8, 5/8);
  // prior log((4/3) / (2/3)) = log 2.
  Ranker weighted(tfidf({"aa", "bb", "aa bb"}), hand_rows(), {}, {1.0, 1.0, 2.0});
  auto w = weighted.nb_scores(labels, 1);
  CHECK(w[0] == Approx(std::log(2.0) + std::log(0.7 / 0.375)));
  CHECK(w[1] == Approx(std::log(2.0) + std::log(0.3 / 0.625)));
  CHECK(w[2] == Approx(std::log(2.0) + std::log(0.7 / 0.375) + std::log(0.3 / 0.625)));
  // Weight 1: the ranking is the naive Bayes alone.
  CHECK(weighted.scores(labels, 1) == w);
  // Without both classes: the seeded permutation, as the SVM's.
  std::vector<Label> one{Label::relevant, Label::pending, Label::pending};
  CHECK(weighted.nb_scores(one, 7) == weighted.svm_scores(one, 7));
  // Rows of another number of records are refused.
  CHECK_THROWS(Ranker(tfidf({"aa", "bb"}), hand_rows(), {}, {}));
}

TEST_CASE("NBSVM's log-count ratio, checked by hand", "[rank][nbsvm]")
{
  // p = (2, 0), q = (0, 1), alpha 1: |alpha + p|_1 = 4, |alpha + q|_1 = 3;
  // r = (log(3/4) - log(1/3), log(1/4) - log(2/3)) = (log(9/4), log(3/8)).
  auto r = log_count_ratio({2.0, 0.0}, {0.0, 1.0}, 1.0);
  REQUIRE(r.size() == 2);
  CHECK(r[0] == Approx(std::log(9.0 / 4.0)));
  CHECK(r[1] == Approx(std::log(3.0 / 8.0)));
  // alpha 0.5: norms 3 and 2; r = (log(2.5/3) - log(0.5/2), log(0.5/3) - log(1.5/2)).
  auto h = log_count_ratio({2.0, 0.0}, {0.0, 1.0}, 0.5);
  CHECK(h[0] == Approx(std::log(2.5 / 3.0) - std::log(0.25)));
  CHECK(h[1] == Approx(std::log(0.5 / 3.0) - std::log(0.75)));
  CHECK_THROWS(log_count_ratio({1.0}, {1.0, 2.0}, 1.0));
  CHECK_THROWS(log_count_ratio({1.0}, {1.0}, 0.0));
}

namespace {

// Record 0 relevant, record 1 irrelevant, the six others pending.
std::vector<Label> first_two_decided()
{
  std::vector<Label> labels(8, Label::pending);
  labels[0] = Label::relevant;
  labels[1] = Label::irrelevant;
  return labels;
}

// The three records like the relevant one (2, 3, 6) ranked first, the same order twice.
void check_like_the_relevant_first(const Ranker& ranker, const std::vector<Label>& labels)
{
  auto order = ranker.ranked(labels, 1);
  REQUIRE(order.size() == 6);
  std::vector<std::size_t> top(order.begin(), order.begin() + 3);
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::size_t>{2, 3, 6});
  CHECK(ranker.ranked(labels, 1) == order);
}

} // namespace

TEST_CASE("NBSVM ranks the records like the relevant one first, deterministically", "[rank][nbsvm]")
{
  const ModelOptions model = tuned_nbsvm();
  REQUIRE(model.svm.nb_alpha > 0);
  auto ranker = make_ranker(corpus(), model);
  auto labels = first_two_decided();
  check_like_the_relevant_first(ranker, labels);
  // The scaling changes the scores, not only their scale: they differ from the plain SVM's.
  auto plain = make_ranker(corpus(), ModelOptions{});
  CHECK(ranker.scores(labels, 1) != plain.scores(labels, 1));
  // Without both classes: the seeded permutation, as the plain SVM's.
  std::vector<Label> one(8, Label::pending);
  one[0] = Label::relevant;
  CHECK(ranker.scores(one, 5) == plain.scores(one, 5));
}

TEST_CASE("the ensemble ranks as the SVM and the naive Bayes agree", "[rank][nb]")
{
  const ModelOptions model = tuned_ensemble();
  REQUIRE(model.nb.weight > 0);
  auto ranker = make_ranker(corpus(), model);
  auto labels = first_two_decided();
  check_like_the_relevant_first(ranker, labels);
  // The combined score: each model's scores standardised, then weighted.
  auto svm = ranker.svm_scores(labels, 1), nb = ranker.nb_scores(labels, 1), all = ranker.scores(labels, 1);
  auto z = [](std::vector<double> v) {
    double m = 0, ss = 0;
    for (double x : v) {
      m += x / static_cast<double>(v.size());
    }
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    for (double& x : v) {
      x = (x - m) / std::sqrt(ss / static_cast<double>(v.size()));
    }
    return v;
  };
  auto zs = z(svm), zn = z(nb);
  const double w = model.nb.weight;
  for (std::size_t r = 0; r < all.size(); ++r) {
    CHECK(all[r] == Approx((1 - w) * zs[r] + w * zn[r]));
  }
  // The SVM alone (the one-matrix constructor, and the default model) is unchanged.
  Ranker svm_only(tfidf(corpus()));
  CHECK(svm_only.scores(labels, 1) == svm_only.svm_scores(labels, 1));
  CHECK(make_ranker(corpus()).scores(labels, 1) == svm_only.scores(labels, 1));
}

TEST_CASE("C is 0.11, and 2.0 while more than a fifth of the labelled records are relevant", "[rank][svm]")
{
  const SvmOptions d;
  CHECK(d.c == 0.11);
  CHECK(d.c_high == 2.0);
  CHECK_FALSE(svm_c_high(d, 0, 0));
  CHECK_FALSE(svm_c_high(d, 1, 10));
  CHECK_FALSE(svm_c_high(d, 20, 100)); // a fifth exactly: not more
  CHECK(svm_c_high(d, 21, 100));
  CHECK(svm_c_high(d, 1, 2));
  SvmOptions one_c;
  one_c.c_high_share = 0;
  CHECK_FALSE(svm_c_high(one_c, 9, 10));
  // The tried models keep the one C they were tuned with.
  CHECK_FALSE(svm_c_high(tuned_ensemble().svm, 9, 10));
  CHECK_FALSE(svm_c_high(tuned_nbsvm().svm, 9, 10));

  // The ranker trains with that C: with 1 relevant of 2 labelled it scores as an SVM at C 2.0
  // (tolerance 1e-3) does; with 1 of 6, as one at C 0.11.
  auto features = tfidf(corpus());
  SvmOptions c_low = one_c;
  SvmOptions c_high = one_c;
  c_high.c = 2.0;
  c_high.eps = 1e-3;
  std::vector<Label> labels(8, Label::pending);
  labels[0] = Label::relevant;
  labels[1] = Label::irrelevant;
  CHECK(Ranker(features).scores(labels, 1) == Ranker(features, c_high).scores(labels, 1));
  CHECK(Ranker(features).scores(labels, 1) != Ranker(features, c_low).scores(labels, 1));
  labels[4] = labels[5] = labels[6] = labels[7] = Label::irrelevant;
  CHECK(Ranker(features).scores(labels, 1) == Ranker(features, c_low).scores(labels, 1));
  CHECK(Ranker(features).scores(labels, 1) != Ranker(features, c_high).scores(labels, 1));
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
  // 95 % of 4 relevant records is all 4: the record that sets WSS@95 is the 4th relevant one
  // screened, and WSS@95 is (8 - its position) / 8 - 0.05.
  auto at = std::find(run.order.begin(), run.order.end(), run.record_95);
  REQUIRE(at != run.order.end());
  CHECK(relevant[run.record_95]);
  CHECK(std::count_if(run.order.begin(), at + 1, [&](std::size_t r) { return relevant[r]; }) == 4);
  CHECK(run.wss_95 == Approx((8.0 - static_cast<double>(at - run.order.begin() + 1)) / 8.0 - 0.05));
  // Same seed, same run.
  auto again = simulate(ranker, relevant, 5);
  CHECK(again.order == run.order);
  auto s = summarise({run, again}, relevant);
  CHECK(s.records == 8);
  CHECK(s.relevant == 4);
  CHECK(s.runs == 2);
  CHECK(s.wss_100 == Approx(run.wss_100));
}

TEST_CASE("simulation retraining after every decision, as the scikit-learn peer", "[rank][simulate]")
{
  // 140 records, so that synth's batches (after 100 decisions) and retraining after every
  // decision can differ; in the latter each record screened is the top pending record of the
  // model trained on every decision before it.
  std::vector<std::string> texts;
  std::vector<bool> relevant;
  for (int i = 0; i < 140; ++i) {
    bool rel = i % 9 == 0 || i % 13 == 0;
    texts.push_back("w" + std::to_string(i % 7) + " v" + std::to_string(i % 11) + (rel ? " topic" : " other") + " u"
                    + std::to_string(i % 5));
    relevant.push_back(rel);
  }
  Ranker ranker(tfidf(texts));
  auto run = simulate(ranker, relevant, 3, {}, Retrain::every_decision);
  REQUIRE(run.order.size() > 100);
  std::vector<Label> labels(texts.size(), Label::pending);
  auto decide = [&](std::size_t r) { labels[r] = relevant[r] ? Label::relevant : Label::irrelevant; };
  decide(run.order[0]);
  decide(run.order[1]);
  for (std::size_t i = 2; i < run.order.size(); ++i) {
    INFO("position " << i);
    REQUIRE(run.order[i] == Ranker::order_pending(ranker.scores(labels, 3), labels).front());
    decide(run.order[i]);
  }
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
