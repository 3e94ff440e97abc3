// synth screen on a real store with real records: NLM's PubMed samples and the Cohen 2006
// labelled screening data.
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/core/normalise.hpp"
#include "synth/formats/reader.hpp"
#include "synth/screen/csv.hpp"
#include "synth/screen/screen.hpp"
#include "synth/screen/summary.hpp"
#include "synth/store/store.hpp"
#include "synth/util/input.hpp"

#include "support_project.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <map>

using namespace synth;
namespace fs = std::filesystem;

namespace {

struct TempProject : synth::test::TempProject
{
  TempProject() : synth::test::TempProject("synth-screen") {}
  Project project() const { return Project{path()}; }
  std::int64_t count(const std::string& where)
  {
    auto st = store->prepare("SELECT COUNT(*) FROM screening WHERE " + where);
    st.step();
    return st.column_int(0);
  }
  void import_pubmed(const fs::path& file)
  {
    store::SearchRun run;
    run.database = "PubMed";
    run.file = file.string();
    run.format = "pubmed-xml";
    run.run_at = store::now_utc();
    run.tool_version = "test";
    store->add_search(run);
    formats::ReadContext ctx(file.string(), false);
    formats::read_file(file, formats::Format::pubmed_xml, ctx, [&](Record&& r) { store->insert_record(r, run.id); });
  }
};

} // namespace

TEST_CASE("store: NLM samples: exactly the non-English and pre-1990 records are excluded, with those reasons")
{
  SYNTH_REQUIRE_FIXTURES();
  TempProject p;
  for (const char* f : {"medsamp2014.xml", "medsamp2017.xml", "pubmedsample18n0001.xml.gz"}) {
    p.import_pubmed(test::fixture(std::string("pubmed/nlm_medsamp/") + f));
  }
  p.write("criteria.txt", "automatic exclude \"Not in English\" when language is not eng\n"
                          "automatic exclude \"Published before 1990\" when year < 1990\n"
                          "automatic exclude \"Not a peer-reviewed journal article\" when type in editorial, letter, "
                          "comment, news, preprint, conference, erratum, retraction\n");
  auto result = screen::run(*p.store, p.project(), {});
  // Counted from the XML with python's xml.etree, files in this order, a PMID once (its
  // first occurrence): 178 unique PMIDs; first <Language> not eng/und: 20; of the rest,
  // PubDate year (or MedlineDate's first year) < 1990: 17; of the rest, a publication type
  // Comment, Letter, Editorial, News, Newspaper Article, Congresses, Published Erratum or
  // Retraction of Publication: 13; language "und": 2.
  CHECK(result.records == 178);
  CHECK(p.count("reason = 'Not in English'") == 20);
  CHECK(p.count("reason = 'Published before 1990'") == 17);
  CHECK(p.count("reason = 'Not a peer-reviewed journal article'") == 13);
  CHECK(result.excluded == 20 + 17 + 13);
  CHECK(p.count("stage = 'automatic' AND decision = 'exclude'") == 50);
  CHECK(result.pending == 178 - 50);
  // The two records with language "und" (undetermined) are not excluded as not English: the
  // rule is undecided; both are from the 1950s and excluded by the year rule.
  CHECK(p.count("flags LIKE '%undecided \"Not in English\" (missing language)%'") == 2);
  CHECK(p.count("flags LIKE '%undecided \"Not in English\" (missing language)%' AND reason = 'Published before 1990'")
        == 2);
  // The excluded are exactly the records whose stored fields say so.
  auto st = p.store->prepare("SELECT COUNT(*) FROM screening s JOIN records r ON r.id = s.record_id "
                             "WHERE s.reason = 'Not in English' AND (r.language = 'eng' OR r.language = '')");
  st.step();
  CHECK(st.column_int(0) == 0);

  auto prisma = screen::prisma_screening(*p.store);
  CHECK(prisma.unique_records == 178);
  CHECK(prisma.excluded_automatic == 50);
  CHECK(prisma.records_screened == 128);
  REQUIRE(prisma.automatic_reasons.size() == 3);
  CHECK(prisma.automatic_reasons[0] == std::pair<std::string, std::int64_t>{"Not in English", 20});
  auto stages = screen::stage_summary(*p.store);
  REQUIRE(stages.size() == 3); // automatic, title-abstract, full-text
  CHECK(stages[0].reached == 178);
  CHECK(stages[0].excluded == 50);
  CHECK(stages[0].passed == 128);
  CHECK(stages[1].stage == screen::Stage::title_abstract);
  CHECK(stages[1].pending == 128);
  CHECK(screen::pending_at(*p.store, screen::Stage::title_abstract).size() == 128);
}

TEST_CASE("store: Cohen 2006 ADHD: decisions from the labels give the labels' counts")
{
  SYNTH_REQUIRE_FIXTURES();
  TempProject p;
  store::SearchRun run;
  run.database = "PubMed";
  run.run_at = store::now_utc();
  run.tool_version = "test";
  p.store->add_search(run);
  auto labelled = screen::parse_csv(util::read_file(test::fixture("screening/cohen_2006/ADHD.csv")), "ADHD.csv");
  auto raw = screen::parse_csv(util::read_file(test::fixture("screening/cohen_2006/raw_ADHD.csv")), "raw_ADHD.csv");
  std::map<std::string, std::string> full_text_code; // pmid -> label2 (E, I or a reason code)
  for (std::size_t i = 1; i < raw.size(); ++i) {
    full_text_code[raw[i].cells[0]] = raw[i].cells[6];
  }
  std::string decisions = "record,stage,decision,reason,reviewer\n";
  for (std::size_t i = 1; i < labelled.size(); ++i) {
    const auto& c = labelled[i].cells; // record_id,pubmedID,title,keywords,authors,abstract,abs,incl
    Record r;
    r.source = "PubMed";
    r.source_id = c[1];
    r.pmid = c[1];
    r.title = c[2];
    r.abstract = c[5];
    r.language = "eng";
    p.store->insert_record(r, run.id);
    bool abstract_in = c[6] == "1";
    decisions += fmt::format("pmid:{},title-abstract,{},,AC\n", c[1], abstract_in ? "include" : "exclude");
    if (abstract_in) {
      std::string code = full_text_code.at(c[1]);
      std::string reason = code == "E" ? "Excluded (no reason code)" : "Reason code " + code;
      decisions += c[7] == "1" ? fmt::format("pmid:{},full-text,include,,AC\n", c[1])
                               : fmt::format("pmid:{},full-text,exclude,{},AC\n", c[1], reason);
    }
  }
  p.write("decisions/adhd.csv", decisions);
  auto result = screen::run(*p.store, p.project(), {});
  // From ADHD.csv (python csv): 851 records; label_abstract_screening 0: 767; 1 and
  // label_included 0: 64; both 1: 20. raw_ADHD.csv label2 of those 64: E 59, 2: 2, 3/4/6: 1.
  CHECK(result.records == 851);
  CHECK(result.included == 20);
  CHECK(result.excluded == 767 + 64);
  CHECK(result.pending == 0);
  CHECK(p.count("stage = 'title-abstract' AND decision = 'exclude'") == 767);
  CHECK(p.count("stage = 'full-text' AND decision = 'exclude'") == 64);
  auto prisma = screen::prisma_screening(*p.store);
  CHECK(prisma.records_screened == 851);
  CHECK(prisma.records_excluded == 767);
  CHECK(prisma.full_text_assessed == 84);
  CHECK(prisma.included == 20);
  REQUIRE(prisma.full_text_reasons.size() == 5);
  CHECK(prisma.full_text_reasons[0] == std::pair<std::string, std::int64_t>{"Excluded (no reason code)", 59});
  CHECK(prisma.full_text_reasons[1] == std::pair<std::string, std::int64_t>{"Reason code 2", 2});
  CHECK(screen::included_records(*p.store).size() == 20);
}

TEST_CASE("store: a decision file with a bad row applies nothing: re-running changes nothing")
{
  TempProject p;
  store::SearchRun run;
  run.database = "PubMed";
  run.run_at = store::now_utc();
  run.tool_version = "test";
  p.store->add_search(run);
  for (int i = 1; i <= 3; ++i) {
    Record r;
    r.source = "PubMed";
    r.source_id = r.pmid = std::to_string(1000 + i);
    r.title = "Record " + std::to_string(i);
    r.language = "eng";
    r.year = 2000;
    p.store->insert_record(r, run.id);
  }
  p.write("decisions/a.csv", "record,stage,decision,reason,reviewer\npmid:1001,title-abstract,exclude,,AT\n");
  auto first = screen::run(*p.store, p.project(), {});
  CHECK(first.excluded == 1);
  auto before = screen::outcomes(*p.store);
  // Same files again: same result.
  screen::run(*p.store, p.project(), {});
  auto again = screen::outcomes(*p.store);
  REQUIRE(again.size() == before.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    CHECK(again[i].decision == before[i].decision);
    CHECK(again[i].stage == before[i].stage);
  }
  // A second file with a bad row: error with the line, the store keeps the previous result.
  p.write("decisions/b.csv", "record,stage,decision,reason,reviewer\npmid:1002,title-abstract,exclude,,AT\n"
                             "pmid:999,title-abstract,exclude,,AT\n");
  CHECK_THROWS_WITH(screen::run(*p.store, p.project(), {}), "decisions/b.csv:3: unknown record 'pmid:999'");
  CHECK(p.count("decision = 'exclude'") == 1);
  CHECK(p.count("record_id = 2 AND decision = 'pending'") == 1);
  // Corrected: applied.
  p.write("decisions/b.csv", "record,stage,decision,reason,reviewer\npmid:1002,title-abstract,exclude,,AT\n");
  CHECK(screen::run(*p.store, p.project(), {}).excluded == 2);
  // Two reviewers who disagree: a conflict and a kappa.
  p.write("decisions/c.csv", "record,stage,decision,reason,reviewer\npmid:1001,title-abstract,include,,BS\n"
                             "pmid:1002,title-abstract,exclude,,BS\n");
  auto r = screen::run(*p.store, p.project(), {});
  REQUIRE(r.conflicts.size() == 1);
  CHECK(r.conflicts[0].record_id == 1);
  REQUIRE(r.agreement.size() == 1);
  CHECK(r.agreement[0].kappa.items == 2);
  CHECK(r.agreement[0].conflicts == 1);
  CHECK(screen::conflicts(*p.store).size() == 1);
  // Duplicates are not screened: a record kept = 0 in clusters gets no screening row.
  p.store->exec("INSERT INTO clusters(record_id, cluster_id, kept) VALUES (3, 2, 0), (2, 2, 1)");
  r = screen::run(*p.store, p.project(), {});
  CHECK(r.records == 2);
  CHECK(p.count("record_id = 3") == 0);
}

TEST_CASE("store: decisions naming a duplicate go to the record its cluster keeps, whatever the cluster id")
{
  TempProject p;
  store::SearchRun run;
  run.database = "PubMed";
  run.run_at = store::now_utc();
  run.tool_version = "test";
  p.store->add_search(run);
  for (int i = 1; i <= 3; ++i) {
    Record r;
    r.source = i == 3 ? "CINAHL" : "PubMed";
    r.source_id = std::to_string(1000 + i);
    r.pmid = i == 3 ? "" : r.source_id;
    r.title = "Record " + std::to_string(i);
    r.language = "eng";
    r.year = 2000;
    p.store->insert_record(r, run.id);
  }
  // Records 1 and 3 are one study; the cluster keeps 3 (its id is 1, the smallest).
  p.store->exec("INSERT INTO clusters(record_id, cluster_id, kept) VALUES (1, 1, 0), (3, 1, 1), (2, 2, 1)");
  p.write("decisions/a.csv", "record,stage,decision,reason,reviewer\n"
                             "pmid:1001,title-abstract,exclude,,at\n"
                             "CINAHL:1003,title-abstract,exclude,,AT\n");
  auto r = screen::run(*p.store, p.project(), {});
  CHECK(r.records == 2);
  CHECK(p.count("record_id = 3 AND decision = 'exclude'") == 1);
  CHECK(p.count("record_id = 1") == 0);
  CHECK(r.agreement.empty()); // "at" and "AT" are one reviewer, not two
  CHECK(r.warnings.empty());
}

TEST_CASE("store: warnings for a reviewer the criteria do not name and a column no extraction file has")
{
  TempProject p;
  store::SearchRun run;
  run.database = "PubMed";
  run.run_at = store::now_utc();
  run.tool_version = "test";
  p.store->add_search(run);
  Record rec;
  rec.source = "PubMed";
  rec.source_id = rec.pmid = "1001";
  rec.title = "Record";
  p.store->insert_record(rec, run.id);
  p.write("criteria.txt", "reviewers: AT, BS\n"
                          "full-text exclude \"Under 50% SMI\" when smi_participant / participants < 0.5\n");
  p.write("decisions/a.csv", "record,stage,decision,reason,reviewer\n"
                             "pmid:1001,title-abstract,include,,AT\npmid:1001,title-abstract,include,,AY\n");
  p.write("extraction/x.csv", "record,participants,smi_participants\npmid:1001,10,8\n");
  auto r = screen::run(*p.store, p.project(), {});
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0]
        == "decisions/a.csv:3: reviewer 'AY' is not named by the criteria (reviewers: AT, BS; "
           "tiebreaker: consensus): their decisions count as another reviewer's");
  CHECK(r.warnings[1]
        == "the criteria use the column 'smi_participant' but no extraction file has it: its rules "
           "stay undecided");
}
