// Decision and extraction files: record references, errors with line numbers.
#include "synth/core/error.hpp"
#include "synth/screen/decisions.hpp"

#include <catch2/catch.hpp>

using namespace synth::screen;

namespace {

RecordIndex index_of_three()
{
  RecordIndex index;
  index.add(1, 1, "PubMed", "11111", "10.1000/abc", "11111");
  index.add(2, 2, "CINAHL", "C-22", "", "");
  index.add(3, 1, "Web of Science", "WOS:000333", "10.1000/abc", ""); // duplicate of 1
  index.add(4, 4, "Scopus", "2-s2.0-44", "10.1000/shared", "");
  index.add(5, 5, "PsycINFO", "55", "10.1000/shared", ""); // same DOI, not clustered
  return index;
}

std::string error_of(const std::string& text)
{
  try {
    parse_decisions(text, "decisions/title.csv", index_of_three());
  } catch (const synth::Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("decisions: records by synth id, pmid, DOI and source:id: duplicates go to their kept record")
{
  auto index = index_of_three();
  CHECK(index.resolve("2").id == 2);
  CHECK(index.resolve("pmid:11111").id == 1);
  CHECK(index.resolve("PMID: 11111").id == 1);
  CHECK(index.resolve("10.1000/ABC").id == 1);
  CHECK(index.resolve("https://doi.org/10.1000/abc").id == 1);
  CHECK(index.resolve("cinahl:C-22").id == 2);
  CHECK(index.resolve("Web of Science:WOS:000333").id == 1);
  CHECK(index.resolve("3").id == 1);
  CHECK(index.resolve("pmid:999").status == RecordIndex::Status::unknown);
  CHECK(index.resolve("99").status == RecordIndex::Status::unknown);
  auto shared = index.resolve("doi:10.1000/shared");
  CHECK(shared.status == RecordIndex::Status::ambiguous);
  CHECK(shared.count == 2);
}

TEST_CASE("decisions: a file in any column order, with quoted reasons")
{
  auto ds = parse_decisions("reviewer,record,stage,decision,reason\r\n"
                            "AT,pmid:11111,title,include,\r\n"
                            "BS,2,full-text,exclude,\"Under 50%, by count\"\r\n"
                            "\r\n"
                            "BS,cinahl:C-22,Abstract,Maybe,\r\n",
                            "d.csv", index_of_three());
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].record_id == 1);
  CHECK(ds[0].reviewer == "AT");
  CHECK(ds[0].line == 2);
  CHECK(ds[1].verdict == Verdict::exclude);
  CHECK(ds[1].stage == Stage::full_text);
  CHECK(ds[1].reason == "Under 50%, by count");
  CHECK(ds[2].line == 5);
  CHECK(ds[2].stage == Stage::abstract);
  CHECK(ds[2].verdict == Verdict::maybe);
}

TEST_CASE("decisions: every bad row is reported with its line, and the file yields nothing")
{
  std::string text = "record,stage,decision,reason,reviewer\n"
                     "pmid:11111,title,include,,AT\n"
                     "pmid:999,title,include,,AT\n"
                     "2,titel,include,,AT\n"
                     "2,title,yes please,,AT\n"
                     "2,full-text,exclude,,AT\n"
                     "2,automatic,exclude,x,AT\n"
                     "10.1000/shared,title,exclude,,AT\n";
  CHECK(
    error_of(text)
    == "decisions/title.csv:3: unknown record 'pmid:999'\n"
       "decisions/title.csv:4: unknown stage 'titel', expected title, abstract, title-abstract or full-text\n"
       "decisions/title.csv:5: unknown decision 'yes please', expected include, exclude or maybe (or a synonym: "
       "included, yes, excluded, no, unsure)\n"
       "decisions/title.csv:6: exclusion at full-text without a reason, expected the reason in column 'reason'\n"
       "decisions/title.csv:7: not a reviewer's stage 'automatic', expected title, abstract, title-abstract or full-text\n"
       "decisions/title.csv:8: ambiguous record '10.1000/shared' (matches 2 unique records; name it by synth id or source:id)");
  CHECK(error_of("record,decision\n1,include\n")
        == "decisions/title.csv:1: the header must name the columns record, stage and decision (and optionally "
           "reason, reviewer), expected e.g. record,stage,decision,reason,reviewer");
  CHECK(error_of("record,stage,decision\n1,title,\"include\n")
        == "decisions/title.csv:2: unterminated quoted field, expected a closing '\"'");
}

TEST_CASE("extraction: columns by name, numbers checked, a value given twice is an error")
{
  auto c = parse_criteria("full-text exclude \"SMI\" when smi_participants / participants < 0.5\n"
                          "full-text exclude \"Design\" when design is survey\n",
                          "c");
  Extraction x;
  parse_extraction("record,participants,smi_participants,design,notes\n"
                   "pmid:11111,20,12,Interview study,\n"
                   "2,15,,survey,no SMI count\n",
                   "extraction/data.csv", index_of_three(), c, x);
  REQUIRE(x.rows.size() == 2);
  CHECK(x.rows[1] == std::vector<std::string>{"12", "20", "Interview study"});
  CHECK(x.rows[2] == std::vector<std::string>{"", "15", "survey"});
  CHECK(x.cells.size() == 6); // non-empty cells of all columns, notes included
  try {
    parse_extraction("record,participants\n4,twelve\n99,4\n2,16\n", "extraction/more.csv", index_of_three(), c, x);
    FAIL("no error");
  } catch (const synth::Error& e) {
    CHECK(std::string(e.what())
          == "extraction/more.csv:2: participants 'twelve' is not a number\n"
             "extraction/more.csv:3: unknown record '99'\n"
             "extraction/more.csv:4: record '2' already has participants (at extraction/data.csv:3)");
  }
}

TEST_CASE("extraction: nan and inf are errors at their line, an empty cell is missing data", "[extraction]")
{
  auto c = parse_criteria("full-text exclude \"SMI\" when smi_participants / participants < 0.5\n", "c");
  Extraction x;
  // Before: from_chars read "nan" as a number, and a record with participants = nan was
  // included without a flag.
  try {
    parse_extraction("record,participants,smi_participants\n"
                     "pmid:11111,nan,12\n"
                     "2,20,inf\n"
                     "4,-Infinity,3\n",
                     "extraction/data.csv", index_of_three(), c, x);
    FAIL("no error");
  } catch (const synth::Error& e) {
    CHECK(std::string(e.what())
          == "extraction/data.csv:2: participants 'nan' is not a finite number (leave the cell empty when the "
             "value is not known)\n"
             "extraction/data.csv:3: smi_participants 'inf' is not a finite number (leave the cell empty when the "
             "value is not known)\n"
             "extraction/data.csv:4: participants '-Infinity' is not a finite number (leave the cell empty when "
             "the value is not known)");
  }
  Extraction ok;
  parse_extraction("record,participants,smi_participants\npmid:11111,20,\n", "e.csv", index_of_three(), c, ok);
  CHECK(ok.rows[1] == std::vector<std::string>{"", "20"}); // smi_participants missing: undecided
}

TEST_CASE("decisions: the documented words and synonyms, and nothing else", "[decisions]")
{
  auto ds = parse_decisions("record,stage,decision\n"
                            "1,title,Include\n1,abstract,included\n1,full-text,yes\n"
                            "2,title,EXCLUDE\n2,abstract,excluded\n4,title,no\n"
                            "5,title,maybe\n5,abstract,unsure\n",
                            "d.csv", index_of_three());
  REQUIRE(ds.size() == 8);
  CHECK(ds[2].verdict == Verdict::include);
  CHECK(ds[5].verdict == Verdict::exclude);
  CHECK(ds[7].verdict == Verdict::maybe);
  CHECK(error_of("record,stage,decision\n1,title,y\n")
        == "decisions/title.csv:2: unknown decision 'y', expected include, exclude or maybe (or a synonym: "
           "included, yes, excluded, no, unsure)");
}

TEST_CASE("decision and extraction files: a NUL byte is an error at its line", "[decisions]")
{
  CHECK(error_of(std::string("record,stage,decision\n1,title,include\n2,title,ex\0clude\n", 56))
        == "decisions/title.csv:3: NUL byte in the text, expected UTF-8 text");
}
