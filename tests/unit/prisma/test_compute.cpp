#include "synth/prisma/compute.hpp"
#include "synth/store/retrieved.hpp"
#include "synth/store/store.hpp"

#include "support_project.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>

#include <unistd.h>

using namespace synth::prisma;
namespace fs = std::filesystem;

namespace {

// A store on a temporary file, removed at the end of the test.
struct TempStore : synth::test::TempProject
{
  TempStore() : synth::test::TempProject("synth-prisma") {}
  const fs::path dir{path()};

  std::int64_t search(const std::string& database, const std::string& details = {})
  {
    synth::store::SearchRun run;
    run.kind = "import";
    run.database = database;
    run.run_at = synth::store::now_utc();
    run.tool_version = "test";
    run.details = synth::store::details_from_json(details);
    return store->add_search(run);
  }

  // Adds n records of `source`; returns their synth ids.
  std::vector<std::int64_t> records(const std::string& source, std::int64_t search_id, int n)
  {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < n; ++i) {
      synth::Record r;
      r.source = source;
      r.source_id = fmt::format("{}-{}", source, i);
      r.title = fmt::format("Record {} of {}", i, source);
      auto id = store->insert_record(r, search_id);
      REQUIRE(id);
      ids.push_back(*id);
    }
    return ids;
  }

  void cluster(std::int64_t record, std::int64_t cluster, bool kept)
  {
    store->prepare("INSERT INTO clusters (record_id, cluster_id, kept) VALUES (?, ?, ?)")
      .bind(1, record)
      .bind(2, cluster)
      .bind(3, kept ? 1 : 0)
      .run();
  }

  void screen(std::int64_t record, const std::string& stage, const std::string& decision,
              const std::string& reason = {})
  {
    store->prepare("INSERT INTO screening (record_id, stage, decision, reason) VALUES (?, ?, ?, ?)")
      .bind(1, record)
      .bind(2, stage)
      .bind(3, decision)
      .bind(4, reason)
      .run();
  }
};

} // namespace

TEST_CASE("an empty store gives an empty flow", "[prisma][compute]")
{
  TempStore t;
  CHECK(compute_flow(*t.store) == Flow{});
}

TEST_CASE("before dedup and screening every record is pending, nothing is invented", "[prisma][compute]")
{
  TempStore t;
  t.records("PubMed", t.search("PubMed"), 5);
  t.records("CINAHL", t.search("CINAHL"), 3);
  auto f = compute_flow(*t.store);
  CHECK(f.database_results == 8);
  CHECK(f.database_specific_results == std::vector<Count>{{"PubMed", 5}, {"CINAHL", 3}});
  CHECK(f.duplicates == 0);
  CHECK(f.records_screened == 8);
  CHECK(f.records_excluded == 0);
  CHECK(f.records_pending == 8);
  CHECK(f.dbr_sought_reports == 0);
  CHECK(f.new_studies == 0);
  CHECK(check_flow(f).empty());
}

TEST_CASE("the core tables map to the PRISMA boxes", "[prisma][compute]")
{
  TempStore t;
  auto pubmed = t.records("PubMed", t.search("PubMed"), 10);
  auto cinahl = t.records("CINAHL", t.search("CINAHL"), 6);
  auto trials = t.records("ClinicalTrials.gov", t.search("ClinicalTrials.gov"), 2);
  auto refs = t.records("Reference lists", t.search("Reference lists", R"({"prisma_group":"citations"})"), 3);

  // dedup: CINAHL 0..2 duplicate PubMed 0..2 (PubMed kept); refs[2] duplicates PubMed 9.
  for (int i = 0; i < 3; ++i) {
    t.cluster(pubmed[i], pubmed[i], true);
    t.cluster(cinahl[i], pubmed[i], false);
  }
  t.cluster(refs[2], pubmed[9], false);

  // screening of unique database/register records: PubMed 0..9, CINAHL 3..5, trials 0..1 = 15
  t.screen(pubmed[0], "automatic", "exclude", "Not in English");
  t.screen(pubmed[1], "title", "exclude", "Off topic");
  t.screen(pubmed[2], "title", "exclude", "Off topic");
  t.screen(pubmed[3], "abstract", "exclude", "Not qualitative");
  t.screen(pubmed[4], "full-text", "exclude", "Under 50% of participants with SMI");
  t.screen(pubmed[5], "full-text", "exclude", "Under 50% of participants with SMI");
  t.screen(pubmed[6], "full-text", "exclude", "Full text not available");
  t.screen(pubmed[7], "full-text", "include");
  t.screen(pubmed[8], "full-text", "pending");
  // pubmed[9]: no screening row yet
  t.screen(cinahl[3], "title", "exclude", "Off topic");
  t.screen(cinahl[4], "full-text", "exclude", "Not qualitative");
  t.screen(cinahl[5], "full-text", "include");
  t.screen(trials[0], "title", "pending");
  t.screen(trials[1], "abstract", "exclude", "Protocol only");
  // other methods
  t.screen(refs[0], "full-text", "include");
  t.screen(refs[1], "full-text", "exclude", "Not qualitative");

  auto f = compute_flow(*t.store);
  CHECK(f.database_results == 16);
  CHECK(f.database_specific_results == std::vector<Count>{{"PubMed", 10}, {"CINAHL", 6}});
  CHECK(f.register_results == 2);
  CHECK(f.register_specific_results == std::vector<Count>{{"ClinicalTrials.gov", 2}});
  CHECK(f.citations_results == 3);
  CHECK(f.website_results == 0);
  CHECK(f.duplicates == 3);
  CHECK(f.excluded_automatic == 1);
  CHECK(f.records_screened == 14); // 16 + 2 - 3 - 1
  CHECK(f.title_excluded == 3);
  CHECK(f.abstract_excluded == 2);
  CHECK(f.abstract_screened == 11);
  CHECK(f.records_excluded == 5);
  CHECK(f.records_pending == 2); // pubmed[9] (no row) and trials[0] (passed title, abstract pending)
  CHECK(f.dbr_sought_reports == 7);
  CHECK(f.dbr_notretrieved_reports == 1);
  CHECK(f.dbr_assessed == 6);
  CHECK(f.dbr_excluded == std::vector<Count>{{"Under 50% of participants with SMI", 2}, {"Not qualitative", 1}});
  CHECK(f.reports_pending == 1);
  CHECK(f.other_sought_reports == 2);
  CHECK(f.other_assessed == 2);
  CHECK(f.other_excluded == std::vector<Count>{{"Not qualitative", 1}});
  CHECK(f.new_reports == 3); // pubmed[7], cinahl[5], refs[0]
  CHECK(f.new_studies == 3);
  CHECK(check_flow(f).empty());
}

TEST_CASE("title-abstract as one stage gives no separate steps", "[prisma][compute]")
{
  TempStore t;
  auto ids = t.records("Scopus", t.search("Scopus"), 4);
  t.screen(ids[0], "title-abstract", "exclude", "Off topic");
  t.screen(ids[1], "title-abstract", "include");
  t.screen(ids[2], "full-text", "include");
  t.screen(ids[3], "title", "include"); // a title pass with no abstract stage: screened
  auto f = compute_flow(*t.store);
  CHECK_FALSE(f.separate_title_abstract());
  CHECK(f.records_excluded == 1);
  CHECK(f.records_pending == 0);
  CHECK(f.dbr_sought_reports == 3);
  CHECK(f.reports_pending == 2);
  CHECK(f.new_reports == 1);
  CHECK(check_flow(f).empty());
}

TEST_CASE("sources are grouped by name or by the search's details", "[prisma][compute]")
{
  CHECK(classify_source("PubMed") == SourceGroup::database);
  CHECK(classify_source("Sociological Abstracts") == SourceGroup::database);
  CHECK(classify_source("ClinicalTrials.gov") == SourceGroup::register_);
  CHECK(classify_source("WHO ICTRP") == SourceGroup::register_);
  CHECK(classify_source("Citation searching") == SourceGroup::citations);
  CHECK(classify_source("Hand search") == SourceGroup::citations);
  CHECK(classify_source("Websites") == SourceGroup::website);
  CHECK(classify_source("Organisation: NICE") == SourceGroup::organisation);
  CHECK(classify_source("My list", "website") == SourceGroup::website); // --prisma-group website
  CHECK(classify_source("My list", "Citation searching") == SourceGroup::citations);
  CHECK(classify_source("CTRI") == SourceGroup::register_);
  CHECK(classify_source("Electrical Engineering Abstracts") == SourceGroup::database); // "ctri" inside a word
  CHECK(classify_source("Cochrane Central Register of Controlled Trials") == SourceGroup::database);
  CHECK(classify_source("CENTRAL") == SourceGroup::database);
  CHECK(classify_source("EU Clinical Trials Register") == SourceGroup::register_);
  CHECK(classify_source("PubMed", "no such group") == SourceGroup::database);
  CHECK(means_not_retrieved("Report not retrieved"));
  CHECK(means_not_retrieved("Full-text not available"));
  CHECK_FALSE(means_not_retrieved("Not qualitative"));
}

TEST_CASE("records waiting at title are pending, not sought, whatever stages have rows", "[prisma][compute]")
{
  TempStore t;
  auto ids = t.records("PubMed", t.search("PubMed"), 3);
  t.screen(ids[0], "title", "pending");
  t.screen(ids[1], "title", "exclude", "Off topic");
  t.screen(ids[2], "title-abstract", "pending");
  auto f = compute_flow(*t.store);
  CHECK(f.records_screened == 3);
  CHECK(f.records_excluded == 1);
  CHECK(f.records_pending == 2);
  CHECK(f.dbr_sought_reports == 0);
  CHECK(f.reports_pending == 0);
  CHECK(check_flow(f).empty());
}

TEST_CASE("an explicit group in the details of the run that stored a record wins", "[prisma][compute]")
{
  TempStore t;
  t.records("Manual list", t.search("Manual list", R"({"prisma_group":"organisation"})"), 2);
  t.records("PubMed", t.search("PubMed"), 1);
  auto f = compute_flow(*t.store);
  CHECK(f.organisation_results == 2);
  CHECK(f.database_results == 1);
  CHECK(f.database_specific_results == std::vector<Count>{{"PubMed", 1}});
}

TEST_CASE("records found by two strategies of one database count twice there, the repeats as duplicates",
          "[prisma][compute]")
{
  // CINAHL searched with two strategies: 502 + 94 records returned, 26 by both, 570 distinct.
  std::vector<RecordState> records(570 + 40);
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].source = i < 570 ? "CINAHL" : "PubMed";
  }
  auto f = tally_flow(records, std::nullopt, {{"CINAHL", 596}, {"PubMed", 40}, {"Scopus", 10}});
  CHECK(f.database_specific_results == std::vector<Count>{{"CINAHL", 596}, {"PubMed", 40}});
  CHECK(f.database_results == 636);
  CHECK(f.duplicates == 26);
  CHECK(f.records_screened == 610);
  CHECK(check_flow(f).empty());
  // Fewer retrieved than stored (counts of an older synth, records_retrieved 0): the stored count.
  auto g = tally_flow(records, std::nullopt, {{"CINAHL", 0}});
  CHECK(g.database_specific_results == std::vector<Count>{{"CINAHL", 570}, {"PubMed", 40}});
  CHECK(g.duplicates == 0);
}

TEST_CASE("records left unscreened by the stopping rule are excluded at their step and named apart",
          "[prisma][compute]")
{
  const std::string stop = "not screened: stopping rule met (recall >= 95 %, 95 % confidence)";
  auto state = [](std::string stage, std::string decision, std::string reason) {
    RecordState r;
    r.source = "PubMed";
    r.stage = std::move(stage);
    r.decision = std::move(decision);
    r.reason = std::move(reason);
    return r;
  };
  // One step: 2 excluded by a reviewer, 3 by the rule, 1 passed on to full text.
  std::vector<RecordState> one = {state("title-abstract", "exclude", "wrong population"),
                                  state("title-abstract", "exclude", ""),
                                  state("title-abstract", "exclude", stop),
                                  state("title-abstract", "exclude", stop),
                                  state("title-abstract", "exclude", stop),
                                  state("full-text", "pending", "")};
  auto f = tally_flow(one, false, {});
  CHECK(f.records_excluded == 5);
  CHECK(f.records_not_screened == std::vector<Count>{{stop, 3}});
  CHECK(check_flow(f).empty());
  // Separate steps: the step is named.
  std::vector<RecordState> two = {state("title", "exclude", stop), state("abstract", "exclude", stop),
                                  state("abstract", "exclude", stop), state("abstract", "exclude", "other")};
  auto g = tally_flow(two, true, {});
  CHECK(g.title_excluded == 1);
  CHECK(g.abstract_excluded == 3);
  CHECK(g.records_not_screened == std::vector<Count>{{"on title: " + stop, 1}, {"on abstract: " + stop, 2}});
}

TEST_CASE("retrieved per source: each strategy or file once, re-runs by their largest count", "[prisma][compute]")
{
  TempStore t;
  auto add = [&](const std::string& kind, const std::string& db, const std::string& query, const std::string& hash,
                 std::int64_t n) {
    synth::store::SearchRun run;
    run.kind = kind;
    run.database = db;
    run.query_sent = query;
    run.file_hash = hash;
    run.run_at = synth::store::now_utc();
    run.tool_version = "test";
    run.records_retrieved = n;
    t.store->add_search(run);
  };
  add("import", "CINAHL", "", "hash-a", 502);
  add("import", "CINAHL", "", "hash-b", 94);
  add("import", "CINAHL", "", "hash-b", 94); // the same file again
  add("search", "PubMed", "schizophrenia[mh]", "", 40);
  add("search", "PubMed", "schizophrenia[mh]", "", 42); // re-run later: 2 more
  add("search", "PubMed", "psychosis[tiab]", "", 7);
  auto r = synth::store::retrieved_per_source(*t.store);
  CHECK(r == std::map<std::string, std::int64_t>{{"CINAHL", 596}, {"PubMed", 49}});
}
