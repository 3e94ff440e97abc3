// The checker: every finding code on a small strategy that shows it, with its place and
// severity, as docs/search.md documents them; and strategies that must stay silent.
#include "synth/query/query.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace synth::query;

namespace {

QueryFile check(const std::string& body, const std::string& database = "pubmed")
{
  return check_query_text("database: " + database + "\n---\n" + body, "x.query");
}

// "CODE line:col" of every finding, in order.
std::vector<std::string> codes(const QueryFile& q)
{
  std::vector<std::string> out;
  for (const auto& f : q.findings) {
    out.push_back(f.code + " " + std::to_string(f.line) + ":" + std::to_string(f.col));
  }
  return out;
}

std::vector<std::string> codes(const std::string& body, const std::string& database = "pubmed")
{
  return codes(check(body, database));
}

const Finding& only(const QueryFile& q)
{
  REQUIRE(q.findings.size() == 1);
  return q.findings.front();
}

using V = std::vector<std::string>;

} // namespace

TEST_CASE("the issue's example: a lower-case or is a warning with its fix", "[query][lint]")
{
  auto q = check("#1 a[tiab]\n#2 b[tiab]\n#3 #1 AND #2\n   AND bile duct[tiab] or biliary[tiab]\n");
  const auto& f = only(q);
  CHECK(f.severity == Severity::warning);
  CHECK(format_finding("queries/x.query", f)
        == "queries/x.query:6:24: warning [OP-CASE]: 'or' in lower case is not an operator in PubMed (it is searched "
           "as a word of 'or biliary[tiab]'); write OR");
  CHECK(to_pubmed(q) == "(a[tiab]) AND (b[tiab]) AND bile duct[tiab] or biliary[tiab]");
  CHECK(codes("Animals[mh] NOT (Animals[mh] Not Humans[mh])") == V{"OP-CASE 3:30"});
  // the animal filter: PubMed reads "not" and "and" as words, so the NOT is lost
  CHECK(codes("x[ti] NOT (Animals[Mesh] not (Animals[Mesh] and Humans[Mesh]))") == V{"OP-CASE 3:26", "OP-CASE 3:45"});
  CHECK(codes("\"Wounds and Injuries\"[mh] OR Burns and Scalds[mh]").empty()); // headings' own words
}

TEST_CASE("each warning code on an example", "[query][lint]")
{
  CHECK(codes("anxiety[tiab] depression[tiab]") == V{"IMPLICIT-AND 3:15"});
  CHECK(codes("a[ti] OR b[ti] NOT c[ti]") == V{"OP-MIX 3:16"});
  CHECK(codes("a[ti] AND b[ti] OR c[ti]") == V{"OP-MIX 3:17"});
  CHECK(codes("a[ti] AND b[ti] NOT c[ti]").empty()); // the same set however it is read
  CHECK(codes("“mental illness”[tiab]") == V{"QUOTE-CURLY 3:1"});
  CHECK(codes("cholangio?pancreatogra*[tiab]") == V{"WILDCARD 3:1"});
  CHECK(codes("tumo$r[tiab]") == V{"WILDCARD 3:1"});
  CHECK(codes("AI*[tiab]") == V{"TRUNC-SHORT 3:1"});
  CHECK(codes("wom*n[tiab]") == V{"TRUNC-SHORT 3:1"});
  // wildcards inside words and phrases, as PubMed reads them since 2024
  CHECK(codes("organi*ation*[tiab] OR \"colo* cancer*\"[tiab] OR breast feed*[tiab]").empty());
  CHECK(codes("digital health[tiab:~2]") == V{"PROX-PHRASE 3:1"});
  CHECK(codes("\"eHealth\"[tiab:~2]") == V{"PROX-PHRASE 3:1"});
  CHECK(codes("cancer OR tumor[tiab]") == V{"UNTAGGED 3:1"});
  CHECK(codes("tumor[tiab] OR tumors[tiab] OR tumor*[tiab]") == V{"REDUNDANT 3:1", "REDUNDANT 3:16"});
  CHECK(codes("(a[ti] OR b[ti]) OR c[ti]") == V{"PAREN-UNNEEDED 3:1"});
  CHECK(codes("device[ti] OR (wearable[ti] AND 2000:2010[dp])") == V{"LIMIT-IN-GROUP 3:33"});
  CHECK(codes("#1 a[ti]\n#2 b[ti]\n#3 c[ti] AND #2\n") == V{"UNREFERENCED 3:1"});
  CHECK(codes("#1 a[ti]\n#2 b[ti]\n#3 #2 OR 1\n", "crossref") == V{"UNREFERENCED 3:1", "REF-BARE 5:10"});
  CHECK(codes("#1 a[ti]\n   OR b[ti]\n\n   OR c[ti]\n#2 #1 AND d[ti]\n") == V{"BLANK-LINE 6:1"});
  CHECK(codes("cancer[ti] AND \"last 5 years\"[dp]") == V{"DATE-RELATIVE 3:16"});
  for (const auto& f : check("anxiety[tiab] depression[tiab] OR “a b”[ti]").findings) {
    CHECK(f.severity == Severity::warning);
  }
}

TEST_CASE("each error code on an example", "[query][lint]")
{
  CHECK(codes("(a[ti] OR b[ti]") == V{"PAREN 3:1"});
  CHECK(codes("a[ti])") == V{"PAREN 3:6"});
  CHECK(codes("“Aspergillus\"[MeSH]") == V{"QUOTE 3:1"});
  CHECK(codes("a[ti] OR Serology\"[MeSH]") == V{"QUOTE 3:18"});
  CHECK(codes("\"digital health[tiab] OR \"eHealth\"[tiab]") == V{"QUOTE 3:1"});
  CHECK(codes("Humans[Mesh]/") == V{"STRAY 3:13"});
  CHECK(codes("(a[ti] OR b[ti])*") == V{"STRAY 3:17"});
  CHECK(codes("eHealth[ti] | mHealth[ti]") == V{"OP-SYMBOL 3:13"});
  CHECK(codes("eHealth[tldr]") == V{"TAG-UNKNOWN 3:8"});
  CHECK(codes("(eHealth[ti] OR mHealth[ti])[tiab]") == V{"TAG-GROUP 3:29"});
  CHECK(codes("eHealth[ab]") == V{"TAG-AB 3:1"});
  CHECK(codes("\"digital health\"[sb:~5]") == V{"PROX-FIELD 3:17"});
  CHECK(codes("\"digital health\"[tiab:~0.5]") == V{"PROX-FIELD 3:17"});
  CHECK(codes("*cancer[tiab]") == V{"TRUNC-POSITION 3:1"});
  CHECK(codes("2019/13/1[dp]") == V{"DATE 3:1"});
  CHECK(codes("#1 a[ti]\n#2 #1 OR #3\n") == V{"REF-MISSING 4:10"});
  CHECK(codes("#1 #2\n#2 a[ti]\n") == V{"REF-ORDER 3:4"});
  CHECK(codes("#1 a[ti] OR #1\n") == V{"REF-ORDER 3:13"});
  CHECK(codes("(eHealth[tw]) Sort by: Publication Date") == V{"PASTED-TEXT 3:15"});
  CHECK(codes("TI=\"eHealth\"") == V{"FOREIGN-SYNTAX 3:1"});
  CHECK(codes("a OR\n") == V{"SYNTAX 3:3"});
  CHECK(codes("#1 a[ti]\nb[ti]\n") == V{"LINE 4:1"});
  CHECK(codes("#1 a[ti]\n#1 b[ti]\n") == V{"LINE 4:1"});
  CHECK(codes("x[ti]", "") == V{"HEADER 1:1"});
  CHECK(has_errors(check("(a[ti] OR b[ti]")));
}

TEST_CASE("errors on several lines are all reported: a line that names a broken line says nothing more",
          "[query][lint]")
{
  auto q = check("#1 “Aspergillus\"[MeSH]\n#2 \"Aspergillosis\"[MeSH]\n#3 Serology\"[MeSH]\n#4 #1 OR #2 OR #3\n");
  CHECK(codes(q) == V{"QUOTE 3:4", "QUOTE 5:12"});
  CHECK_FALSE(q.expression);
}

TEST_CASE("Ovid syntax under database: pubmed is named, with its line: kept verbatim under its own database",
          "[query][lint]")
{
  const std::string ovid = "exp Schizophrenia/\nschizophreni$.ti,ab.\n1 or 2\nlimit 3 to yr=\"1990 -Current\"\n";
  auto q = check(ovid);
  const auto& f = only(q);
  CHECK(f.code == "FOREIGN-SYNTAX");
  CHECK(format_finding("x.query", f)
        == "x.query:3:1: error [FOREIGN-SYNTAX]: this looks like Ovid syntax (line 3: `exp`), not PubMed's; set "
           "`database:` to the platform it was run on (database: ovid): synth then keeps it verbatim");
  auto kept = check(ovid, "ovid");
  CHECK(kept.findings.empty());
  CHECK(kept.syntax == Syntax::ovid);
  CHECK(kept.strategy == ovid.substr(0, ovid.size() - 1));
  CHECK_FALSE(kept.expression);
  // an Ovid word inside a PubMed strategy: an error at the word
  CHECK(codes("(exp Child[mesh] OR Infant[mesh]) NOT Adult[mesh]") == V{"FOREIGN-SYNTAX 3:2"});
}

TEST_CASE("every other platform's syntax is recognised", "[query][lint]")
{
  struct Case
  {
    std::string body;
    Syntax syntax;
  };
  for (const auto& c : std::vector<Case>{
         {"TI (\"mental illness\") OR AB (\"mental illness\")\nMH \"Heart Arrest+\"\n", Syntax::ebsco},
         {"S1 AND S2\n", Syntax::ebsco},
         {"TS=(\"mental illness\" NEAR/3 recovery)\n", Syntax::wos},
         {"TITLE-ABS-KEY(\"mental illness\") AND PUBYEAR > 1990\n", Syntax::scopus},
         {"noft(\"mental illness\") AND ti(recovery)\n", Syntax::proquest},
         {"MAINSUBJECT.EXACT(\"Mental illness\")\n", Syntax::proquest},
         {"\"mental illness\":ti,ab,kw\n", Syntax::cochrane},
         {"(optical$ adj2 coherence$).tw.\n", Syntax::ovid},
         {"or/1-5\n", Syntax::ovid},
       }) {
    INFO(c.body);
    auto q = check(c.body);
    CHECK(q.syntax == c.syntax);
    REQUIRE_FALSE(q.findings.empty());
    CHECK(q.findings.front().code == "FOREIGN-SYNTAX");
    CHECK(q.findings.front().message.find(std::string(syntax_name(c.syntax))) != std::string::npos);
    auto kept = check(c.body, "Some Database");
    // kept verbatim: no error; only the platform's own rules speak (lint_platforms.cpp),
    // here Scopus's loose "..."
    for (const auto& f : kept.findings) {
      CHECK(f.severity == Severity::warning);
      CHECK(f.code == (c.syntax == Syntax::scopus ? "SCOPUS-LOOSE" : "none"));
    }
  }
}

TEST_CASE("what CoLRev's linter flags and synth agrees with", "[query][lint]")
{
  CHECK(codes("(\"device\"[ti] OR (\"mobile application\"[ti] OR \"wearable device\"[ti])) AND \"health tracking\"[ti]")
        == V{"PAREN-UNNEEDED 3:18", "REDUNDANT 3:47"});
  CHECK(codes("\"device\"[Title/Abstract] AND (\"wearable device\"[Title] AND \"health tracking\"[ti])")
        == V{"REDUNDANT 3:1", "PAREN-UNNEEDED 3:30"});
  CHECK(codes("\"Pickwickian Syndrome*\"[tiab] OR \"Pickwickian Syndrome*\"[title/abstract]") == V{"REDUNDANT 3:34"});
  CHECK(codes("\"eHealth\"[tiab] AND ((2019/1/1:2024/2/22[pdat] AND english[Filter]))")
        == V{"PAREN-UNNEEDED 3:21", "PAREN-UNNEEDED 3:22"});
  CHECK(codes("fog[tiab] OR fogs[tiab] OR foggy[tiab]").empty());
}

TEST_CASE("valid PubMed syntax stays silent", "[query][lint]")
{
  for (const char* body : {
         "Schizophrenia/therapy[mh] OR Schizophrenia[mh:noexp] OR therapy[sh] OR \"Mental Disorders\"[majr:noexp]",
         "\"hip pain\"[tiab:~2] OR \"knee pain\"[Title/Abstract:~2] OR \"harvard medical\"[ad:~3]",
         "2019/1/1:2024/2/22[pdat] AND (\"2006/01/01\"[Date - Create] : \"2023/08/18\"[Date - Create])",
         "aspirin[nm] OR ibuprofen[Supplementary Concept] OR 50-78-2[rn] OR analgesics[pa] OR english[Filter] OR "
         "humans[sb] OR review[pt] OR \"N Engl J Med\"[ta] OR smith j[1au] OR smith j[lastau] OR boston[ad] OR "
         "harvard[affl] OR R01[gr] OR 12345678[pmid] OR 12[vi] OR 3[ip] OR 100-110[pg] OR \"10.1000/x\"[aid] OR "
         "2020/01/01[edat] OR 2020[crdt] OR 2020[mhda] OR 1990[dp] OR english[la]",
         "\"helping relation*\"[tiab] OR \"working alliance\"[tiab]",
         "\"Wounds and Injuries\"[mh] OR Burns and Scalds[mh]",
       }) {
    INFO(body);
    auto q = check(body);
    CHECK(codes(q) == V{});
    REQUIRE(q.expression);
  }
}

TEST_CASE("Crossref and hand-run files do not get PubMed's own rules", "[query][lint]")
{
  CHECK(codes("cancer[ab] OR tumor", "crossref").empty());
  CHECK(codes("cancer[ab] OR tumor", "CINAHL").empty());
  CHECK(codes("cancer[ab] OR tumor", "pubmed") == V{"TAG-AB 3:1", "UNTAGGED 3:15"});
}

TEST_CASE("every code is documented with its severity", "[query][lint]")
{
  const auto& all = finding_codes();
  CHECK(all.size() == 38); // with the platform rules WOS-NEAR, EBSCO-PHRASE, SCOPUS-LOOSE
  for (const auto& c : all) {
    CHECK(severity_of(c.code) == c.severity);
  }
  CHECK(severity_of("OP-CASE") == Severity::warning);
  CHECK(severity_of("QUOTE") == Severity::error);
}
