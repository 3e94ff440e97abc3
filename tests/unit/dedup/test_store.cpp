#include "records.hpp"

#include "synth/core/error.hpp"
#include "synth/dedup/store_io.hpp"
#include "synth/store/store.hpp"
#include "synth/util/input.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using namespace synth;
namespace fs = std::filesystem;

namespace {

struct TempProject : synth::test::TempDir
{
  TempProject() : synth::test::TempDir("synth-dedup-test") {}
  const fs::path dir{path()};
};

void add(store::Store& s, const std::string& source, std::vector<Record> recs)
{
  store::SearchRun run;
  run.database = source;
  auto id = s.add_search(run);
  int n = 0;
  for (auto& r : recs) {
    r.source = source;
    r.source_id = std::to_string(++n);
    s.insert_record(r, id);
  }
}

std::vector<Record> sample()
{
  return {
    test::article(0, "Helping relationships in mental health services", "Topor", 2013, "Psychiatr Q", "86", "471-95",
                  "10.1007/s11126-015-9347-5"),
    test::article(0, "Helping relationships in mental health services.", "Topor", 2013, "Psychiatric Quarterly", "86",
                  "471-495"),
    test::article(0, "Peer support for people with severe mental illness", "Davidson", 2012, "Psychiatr Serv", "63"),
    test::article(0, "Peer support for people with severe mental illness: a review", "Davidson", 2013),
    test::article(0, "Shared decision making in psychiatry", "Hamann", 2006, "Acta Psychiatr Scand", "114", "265-73")};
}

std::map<std::int64_t, std::pair<std::int64_t, std::string>> clusters(store::Store& s)
{
  std::map<std::int64_t, std::pair<std::int64_t, std::string>> out;
  auto st = s.prepare("SELECT record_id, cluster_id, evidence FROM clusters");
  while (st.step()) {
    out[st.column_int(0)] = {st.column_int(1), st.column_text(2)};
  }
  return out;
}

} // namespace

TEST_CASE("dedup writes clusters, is stable, and marks a second copy of a source", "[dedup]")
{
  TempProject p;
  store::Store s(p.dir / "synth.db", store::Store::Mode::create);
  add(s, "PubMed", sample());
  auto first = dedup::run(s, {}, std::nullopt);
  CHECK(first.summary.records == 5);
  CHECK(first.summary.unique == 4);
  CHECK(first.summary.duplicates_removed == 1);
  CHECK(first.summary.uncertain_pairs == 1);
  auto before = clusters(s);
  CHECK(before[2].first == 1);

  auto again = dedup::run(s, {}, std::nullopt);
  CHECK(clusters(s) == before);
  CHECK(again.summary.unique == 4);

  auto summary = dedup::summary(s);
  CHECK(summary.records == 5);
  CHECK(summary.unique == 4);
  CHECK(summary.duplicates_removed == 1);
  CHECK(summary.uncertain_pairs == 1);

  // A second copy of the source: every new record is a duplicate, old clusters keep their ids.
  add(s, "PubMed copy", sample());
  auto copy = dedup::run(s, {}, std::nullopt);
  CHECK(copy.summary.records == 10);
  CHECK(copy.summary.unique == 4);
  auto after = clusters(s);
  for (const auto& [id, c] : before) {
    CHECK(after[id].first == c.first);
  }
  for (std::int64_t id = 6; id <= 10; ++id) {
    CHECK(after[id].first < 6);
  }
}

TEST_CASE("review decisions are read from the file, kept, and bad files change nothing", "[dedup]")
{
  TempProject p;
  store::Store s(p.dir / "synth.db", store::Store::Mode::create);
  add(s, "PubMed", sample());
  auto review = p.dir / "review.csv";
  auto first = dedup::run(s, {}, review);
  CHECK(first.review_rows == 1);
  auto text = util::read_file(review);
  auto line2 = text.substr(text.find('\n') + 1);
  CHECK(line2.substr(0, 5) == "3-4,,");

  {
    std::ofstream bad(review);
    bad << "pair_id,decision\n3-4,perhaps\n";
  }
  CHECK_THROWS_WITH(dedup::run(s, {}, review),
                    review.string() + ":2: decision must be same, different or empty (got 'perhaps')");
  CHECK(dedup::summary(s).unique == 4);

  {
    std::ofstream good(review);
    good << "pair_id,decision\n3-4,same\n";
  }
  auto decided = dedup::run(s, {}, review);
  CHECK(decided.decisions_read == 1);
  CHECK(decided.summary.unique == 3);
  CHECK(decided.summary.uncertain_pairs == 0);
  CHECK(clusters(s)[4] == std::pair<std::int64_t, std::string>{3, "3: review: same"});
  // The decision stays in the store: a run without the file keeps the cluster.
  CHECK(dedup::run(s, {}, std::nullopt).summary.unique == 3);
  // The rewritten file keeps the decided row.
  CHECK(util::read_file(review).find("\n3-4,same,") != std::string::npos);
}

TEST_CASE("a review decision must be about a pair dedup listed", "[dedup]")
{
  TempProject p;
  store::Store s(p.dir / "synth.db", store::Store::Mode::create);
  add(s, "PubMed", sample());
  auto review = p.dir / "review.csv";
  dedup::run(s, {}, review);
  {
    std::ofstream made_up(review);
    made_up << "pair_id,decision\n3-4,\n3-5,same\n";
  }
  CHECK_THROWS_WITH(dedup::run(s, {}, review), review.string()
                                                 + ":3: pair 3-5 was not listed for review (synth dedup --review "
                                                   "lists the pairs it could not decide)");
  CHECK(dedup::summary(s).unique == 4);
  {
    std::ofstream twice(review);
    twice << "pair_id,decision\n3-4,same\n4-3,different\n";
  }
  CHECK_THROWS_WITH(dedup::run(s, {}, review),
                    review.string() + ":3: pair 3-4 is decided 'different' here and 'same' at line 2");
  CHECK(dedup::summary(s).unique == 4);
}

TEST_CASE("the merged record takes each field from the best record of its cluster", "[dedup]")
{
  TempProject p;
  store::Store s(p.dir / "synth.db", store::Store::Mode::create);
  auto recs = sample();
  recs[0].abstract = "Short.";
  recs[1].abstract = "A longer abstract of the same article.";
  add(s, "PubMed", recs);
  dedup::run(s, {}, std::nullopt);
  std::map<std::string, std::pair<std::string, std::int64_t>> merged;
  auto st = s.prepare("SELECT field, value, from_record FROM dedup_merged WHERE cluster_id = 1");
  while (st.step()) {
    merged[st.column_text(0)] = {st.column_text(1), st.column_int(2)};
  }
  CHECK(merged["abstract"] == std::pair<std::string, std::int64_t>{"A longer abstract of the same article.", 2});
  CHECK(merged["doi"] == std::pair<std::string, std::int64_t>{"10.1007/s11126-015-9347-5", 1});
  CHECK(merged["journal"] == std::pair<std::string, std::int64_t>{"Psychiatric Quarterly", 2});
  CHECK(merged["title"].second == 1);
}
