// screen --passed over a small project (issue 10, item 4): the decisions written for a list,
// Rayyan's notes in RIS, ambiguity, the reason rules. Files written by the test itself.
#include "synth/core/error.hpp"
#include "synth/project/importer.hpp"
#include "synth/project/passed.hpp"
#include "synth/store/store.hpp"

#include "support_project.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

using namespace synth;
namespace fs = std::filesystem;

namespace {

struct Review : synth::test::TempProject
{
  Review() : synth::test::TempProject("synth-passed") {}
  const fs::path dir{path()};
  void import(const fs::path& path)
  {
    store::Store::Transaction tx(*store);
    project::import_file(*store, path, path.filename().string(), {});
    tx.commit();
  }
  project::PassedResult passed(const fs::path& list, screen::Stage stage, std::optional<std::string> reason = {})
  {
    project::PassedOptions o;
    o.file = list;
    o.label = list.filename().string();
    o.stage = stage;
    o.reviewer = "AT";
    o.reason = std::move(reason);
    return project::build_passed(*store, Project{dir}, o);
  }
  std::string error_of(const fs::path& list, screen::Stage stage, std::optional<std::string> reason = {})
  {
    try {
      passed(list, stage, std::move(reason));
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
};

std::string ris(const std::string& id, const std::string& title, const std::string& doi, const std::string& note = {})
{
  std::string r = "TY  - JOUR\nID  - " + id + "\nTI  - " + title
                  + "\nAU  - Reid, Colleen E.\nPY  - 2016\n"
                    "JO  - Environmental Health Perspectives\nVL  - 124\nSP  - 1334\nEP  - 1343\n";
  if (!doi.empty()) {
    r += "DO  - " + doi + "\n";
  }
  if (!note.empty()) {
    r += "N1  - " + note + "\n";
  }
  return r + "ER  - \n\n";
}

const char* const k_t1 = "Critical review of health impacts of wildfire smoke exposure";
const char* const k_t2 = "Wildfire smoke and respiratory emergency visits in California counties";
const char* const k_t3 = "Mental health outcomes among adults after the Fort McMurray wildfire evacuation";

} // namespace

TEST_CASE("passed: Rayyan's notes in an RIS list decide include, exclude or no decision", "[passed]")
{
  Review p;
  p.import(p.write("db.ris", ris("1", k_t1, "10.1289/ehp.1409277") + ris("2", k_t2, "10.1000/two")
                               + ris("3", k_t3, "10.1000/three")));
  auto list = p.write("rayyan.ris",
                      ris("r1", k_t1, "10.1289/ehp.1409277", R"(RAYYAN-INCLUSION: {"Ana"=>"Included"})")
                        + ris("r2", k_t2, "10.1000/two", R"(RAYYAN-INCLUSION: {"Ana"=>"Excluded"} | RAYYAN-LABELS: x)")
                        + ris("r3", k_t3, "10.1000/three", R"(RAYYAN-INCLUSION: {"Ana"=>"Maybe"})"));
  auto r = p.passed(list, screen::Stage::title_abstract);
  CHECK(r.label_column == "notes");
  CHECK(r.list_records == 3);
  CHECK(r.list_passed == 1);
  CHECK(r.list_excluded == 1);
  CHECK(r.list_undecided == 1);
  CHECK(r.include_rows == 1);
  CHECK(r.exclude_rows == 1);
  CHECK(r.pending == 1);
  CHECK(r.reason == "not included in rayyan.ris");
  CHECK(r.output == p.dir / "decisions" / "passed-title-abstract-AT.csv");
  CHECK(r.csv
        == "record,stage,decision,reason,reviewer\n"
           "db:1,title-abstract,include,,AT\n"
           "db:2,title-abstract,exclude,not included in rayyan.ris,AT\n");
}

TEST_CASE("passed: a plain list passes its records: full-text needs a reason", "[passed]")
{
  Review p;
  p.import(p.write("db.ris", ris("1", k_t1, "10.1289/ehp.1409277") + ris("2", k_t2, "10.1000/two")));
  auto list = p.write("final.ris", ris("x", k_t2, "10.1000/TWO"));
  CHECK(p.error_of(list, screen::Stage::full_text)
        == "--passed at full-text needs --reason: the reason PRISMA shows for the records excluded there");
  auto r = p.passed(list, screen::Stage::full_text, "Wrong outcome");
  CHECK(r.csv
        == "record,stage,decision,reason,reviewer\n"
           "db:1,full-text,exclude,Wrong outcome,AT\n"
           "db:2,full-text,include,,AT\n");
  CHECK(r.how == std::vector<std::string>{"doi 1"});
  CHECK(r.passed_ids == std::vector<std::int64_t>{2});
}

TEST_CASE("passed: a record matching two clusters is an error naming both", "[passed]")
{
  Review p;
  // The same article from two databases, not deduplicated: two clusters.
  p.import(p.write("scopus.ris", ris("1", k_t1, "10.1289/ehp.1409277")));
  p.import(p.write("wos.ris", ris("WOS:1", k_t1, "10.1289/ehp.1409277")));
  auto list = p.write("kept.ris", ris("k", k_t1, "10.1289/ehp.1409277"));
  auto error = p.error_of(list, screen::Stage::title);
  CHECK(
    error
    == "kept.ris:1: 'Critical review of health impacts of wildfire smoke exposure' (2016) matches 2 "
       "records that dedup keeps apart (by doi): 1 scopus:1 'Critical review of health impacts of "
       "wildfire smoke exposure' (2016); 2 Web of Science:WOS:1 'Critical review of health impacts of wildfire smoke "
       "exposure' (2016)");
  CHECK_FALSE(fs::exists(p.dir / "decisions" / "passed-title-AT.csv"));
}

TEST_CASE("passed: a bad label cell is an error at its line", "[passed]")
{
  Review p;
  p.import(p.write("db.ris", ris("1", k_t1, "")));
  auto list =
    p.write("asreview.csv", std::string("record_id,title,asreview_label\n1,\"") + k_t1 + "\",1\n2,Other,yes\n");
  CHECK(p.error_of(list, screen::Stage::title_abstract)
        == "asreview.csv:3: asreview_label 'yes' is not 1, 0, -1 or empty");
}

TEST_CASE("passed: a list without records is refused, never read as 'exclude everything'", "[passed]")
{
  Review p;
  p.import(p.write("db.ris", ris("1", k_t1, "")));
  auto list = p.write("empty.csv", "record_id,title,asreview_label\n");
  CHECK(p.error_of(list, screen::Stage::title_abstract) == "empty.csv: no records found in this csv file");
}
