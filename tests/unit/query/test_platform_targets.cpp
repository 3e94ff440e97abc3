// Translation to EBSCOhost, ProQuest, Web of Science, Scopus and the Cochrane Library
// (platforms_boolean.hpp): small strategies whose expected lines were written by hand from
// the vendors' help pages (docs/translate.md), not copied from synth's output. The
// off-by-one rule throughout: Ovid's adj3 allows at most 2 words between, which is
// EBSCOhost's N2, ProQuest's NEAR/2, Web of Science's NEAR/2, Scopus's W/2 and Cochrane's
// NEAR/2.
#include "synth/query/platforms.hpp"

#include <catch2/catch.hpp>

using namespace synth::query;

namespace {

Translation from(const std::string& header, const std::string& body, Syntax target)
{
  auto q = check_query_text(header + "---\n" + body, "x.query");
  return translate_strategy(q, read_strategy(q), target);
}

std::vector<std::string> notes_of(const Translation& t)
{
  std::vector<std::string> out;
  for (const auto& n : t.notes) {
    out.push_back(std::to_string(n.line) + ": " + n.text);
  }
  return out;
}

const char* const k_cinahl = "database: CINAHL\nsyntax: ovid\n";
const char* const k_ovid = "database: ovid\n";
const char* const k_body = "exp Schizophrenia/\n"
                           "(optical adj3 coherence).tw.\n"
                           "\"mental illness\".tw.\n"
                           "(nurs$ or midwi?e).ti.\n"
                           "or/1-4\n"
                           "limit 5 to english language\n";

} // namespace

TEST_CASE("to EBSCOhost: CINAHL Headings, Nn by the off-by-one rule, # for Ovid's ?, S-numbered history",
          "[query][translate][ebsco]")
{
  auto t = from(k_cinahl, k_body, Syntax::ebsco);
  CHECK(t.lines
        == std::vector<std::string>{"(MH \"Schizophrenia+\")",
                                    "TI ( optical N2 coherence ) OR AB ( optical N2 coherence )",
                                    "TI ( \"mental illness\" ) OR AB ( \"mental illness\" )", "TI ( nurs* OR midwi#e )",
                                    "S1 OR S2 OR S3 OR S4", "S5 AND LA english"});
  CHECK(t.notes.empty());
  CHECK(t.text.find("\n---\nS1 (MH \"Schizophrenia+\")\nS2 TI ( optical N2 coherence )") != std::string::npos);
  // for CINAHL on EBSCOhost: the header names the database, so that its MH is read back
  // as CINAHL Headings, not as the headings of whatever database `ebsco` would mean
  CHECK(t.text.find("database: CINAHL\nsyntax: ebsco\n") != std::string::npos);
  auto back = check_query_text(t.text, "back.query");
  auto read_back = read_strategy(back);
  REQUIRE(read_back.lines.size() == 6);
  REQUIRE(read_back.lines[0].expression->heading);
  CHECK(read_back.lines[0].expression->heading->vocabulary == Vocabulary::cinahl);
  // not exploded, major, and Ovid's adj (next to each other, in order): W0
  auto u = from(k_cinahl, "*Pain/\n(chronic adj pain).ti.\n", Syntax::ebsco);
  CHECK(u.lines == std::vector<std::string>{"(MM \"Pain\")", "TI ( chronic W0 pain )"});
}

TEST_CASE("a heading stays a heading only in the thesaurus of the target's database: none is read as MeSH unnamed",
          "[query][translate][ovid]")
{
  // CINAHL on EBSCOhost to Ovid: CINAHL on Ovid, the heading kept, the database named
  auto c = from("database: CINAHL\nsyntax: ebsco\n", "S1 (MH \"Mental Disorders+\") OR TI stigma\n", Syntax::ovid);
  CHECK(c.lines == std::vector<std::string>{"exp Mental Disorders/ or stigma.ti."});
  CHECK(c.notes.empty());
  CHECK(c.text.find("database: CINAHL\nsyntax: ovid\n") != std::string::npos);
  // SocINDEX's MH is SocINDEX's thesaurus, not MeSH: no heading on PubMed or Ovid MEDLINE
  auto s = from("database: SocINDEX\nsyntax: ebsco\n", "S1 (MH \"Mental Disorders+\") OR TI stigma\n", Syntax::ovid);
  CHECK(s.lines == std::vector<std::string>{"\"Mental Disorders\".ti,ab,kf. or stigma.ti."});
  CHECK(
    notes_of(s)
    == std::vector<std::string>{
      "1: database thesaurus heading \"Mental Disorders\": the Ovid database of this history (MeSH) has another "
      "thesaurus and synth has no mapping table: kept as the phrase \"Mental Disorders\".ti,ab,kf., not a heading"});
  CHECK(s.text.find("database: ovid\n") != std::string::npos);
  auto p = from("database: SocINDEX\nsyntax: ebsco\n", "S1 (MH \"Mental Disorders+\")\n", Syntax::pubmed);
  CHECK(p.lines == std::vector<std::string>{"\"Mental Disorders\"[tiab]"});
  // a MeSH strategy on Ovid is Ovid MEDLINE's, as before
  auto m = from(k_ovid, "exp Schizophrenia/\n", Syntax::ovid);
  CHECK(m.lines == std::vector<std::string>{"exp Schizophrenia/"});
  CHECK(m.text.find("database: ovid\n") != std::string::npos);
}

TEST_CASE("to EBSCOhost: a MeSH heading is not turned into a CINAHL heading: kept as words, with a note",
          "[query][translate][ebsco]")
{
  auto t = from(k_ovid, "exp Schizophrenia/\n", Syntax::ebsco);
  CHECK(t.lines == std::vector<std::string>{"TI ( \"Schizophrenia\" ) OR AB ( \"Schizophrenia\" )"});
  CHECK(notes_of(t)
        == std::vector<std::string>{"1: MeSH heading \"Schizophrenia\": EBSCOhost has no MeSH and synth invents no "
                                    "mapping between vocabularies: kept as the phrase \"Schizophrenia\" in title and "
                                    "abstract"});
}

TEST_CASE("to EBSCOhost: operators mixed in one chain get parentheses, read left to right as PubMed reads them",
          "[query][translate][ebsco]")
{
  auto t = from("database: pubmed\n", "#1 a[ti] OR b[ti] AND c[ti] NOT d[ti]\n", Syntax::ebsco);
  CHECK(t.lines == std::vector<std::string>{"((TI ( a ) OR TI ( b )) AND TI ( c )) NOT TI ( d )"});
}

TEST_CASE("to ProQuest: fields together, NEAR/n, headings kept as phrases", "[query][translate][proquest]")
{
  auto t = from(k_cinahl, k_body, Syntax::proquest);
  CHECK(t.lines
        == std::vector<std::string>{"TI,AB(\"Schizophrenia\")", "TI,AB(optical NEAR/2 coherence)",
                                    "TI,AB(\"mental illness\")", "TI(nurs* OR midwi*e)", "S1 OR S2 OR S3 OR S4",
                                    "S5 AND LA(english)"});
  auto n = notes_of(t);
  REQUIRE(n.size() == 2);
  CHECK(n[0].rfind("1: CINAHL Headings heading \"Schizophrenia\": ProQuest has no CINAHL Headings", 0) == 0);
  CHECK(n[1]
        == "4: 'midwi?e': ProQuest has no zero-or-one-character wildcard: written * (any number), "
           "widened");
  // limited truncation: ProQuest's [*n]; in order: PRE/n
  auto u = from(k_ovid, "dog$2.ti.\n(heart adj attack).ab.\n", Syntax::proquest);
  CHECK(u.lines == std::vector<std::string>{"TI(dog[*2])", "AB(heart PRE/0 attack)"});
  CHECK(u.notes.empty());
}

TEST_CASE("to Web of Science: TI= AB=, NEAR/n, $ for Ovid's ?, #-numbered history, NEAR over 15 noted",
          "[query][translate][wos]")
{
  auto t = from(k_cinahl, k_body, Syntax::wos);
  CHECK(t.lines
        == std::vector<std::string>{"TI=(\"Schizophrenia\") OR AB=(\"Schizophrenia\")",
                                    "TI=(optical NEAR/2 coherence) OR AB=(optical NEAR/2 coherence)",
                                    "TI=(\"mental illness\") OR AB=(\"mental illness\")", "TI=(nurs* OR midwi$e)",
                                    "#1 OR #2 OR #3 OR #4", "#5 AND LA=(english)"});
  CHECK(t.text.find("\n---\n#1 TI=(\"Schizophrenia\")") != std::string::npos);
  auto u = from(k_ovid, "(a adj20 b).ti.\n(c adj d).ti.\n", Syntax::wos);
  CHECK(u.lines == std::vector<std::string>{"TI=(a NEAR/19 b)", "TI=(c NEAR/0 d)"});
  CHECK(notes_of(u)
        == std::vector<std::string>{
          "1: NEAR/19 is over 15, the distance of Web of Science's NEAR alone: check that the platform takes it",
          "2: words next to each other in that order written NEAR/0 (either order): Web of Science has no ordered "
          "proximity, widened"});
}

TEST_CASE("to Scopus: one query, references written out, W/n and PRE/n, loose phrases noted",
          "[query][translate][scopus]")
{
  auto t = from(k_ovid, "(optical adj3 coherence).tw.\n(a adj b).ti.\n1 not 2\n", Syntax::scopus);
  CHECK(t.lines
        == std::vector<std::string>{
          "TITLE(optical W/2 coherence) OR ABS(optical W/2 coherence)", "TITLE(a PRE/0 b)",
          "(TITLE(optical W/2 coherence) OR ABS(optical W/2 coherence)) AND NOT (TITLE(a PRE/0 b))"});
  CHECK(t.text.substr(t.text.find("---\n"))
        == "---\n(TITLE(optical W/2 coherence) OR ABS(optical W/2 coherence)) AND NOT (TITLE(a PRE/0 b))\n");
  CHECK(t.notes.empty());
  auto u = from("database: pubmed\n", "#1 a[ti] OR b[ti] AND \"c d\"[tiab]\n", Syntax::scopus);
  // Scopus applies OR before AND: the parentheses keep PubMed's left-to-right reading
  CHECK(u.lines == std::vector<std::string>{"(TITLE(a) OR TITLE(b)) AND TITLE-ABS-KEY(\"c d\")"});
  REQUIRE(u.notes.size() == 1);
  CHECK(u.notes[0].text.rfind("Scopus reads \"...\" as a loose phrase", 0) == 0);
}

TEST_CASE("to the Cochrane Library: [mh], :ti,ab, NEAR/n and NEXT, #-numbered history", "[query][translate][cochrane]")
{
  auto t = from(k_ovid,
                "exp Schizophrenia/\n*Lymphatic Metastasis/\n(optical adj3 coherence).tw.\n(a adj b).ti.\n"
                "\"mental illness\".tw.\nor/1-5\nlimit 6 to english language\n",
                Syntax::cochrane);
  CHECK(t.lines
        == std::vector<std::string>{"[mh \"Schizophrenia\"]", "[mh ^\"Lymphatic Metastasis\"]",
                                    "(optical NEAR/2 coherence):ti,ab", "(a NEXT b):ti", "\"mental illness\":ti,ab",
                                    "#1 OR #2 OR #3 OR #4 OR #5", "#6"});
  CHECK(notes_of(t)
        == std::vector<std::string>{"2: major topic of \"Lymphatic Metastasis\": the Cochrane Library has no "
                                    "major-topic search, written as the heading, widened",
                                    "7: the language limit left out: the Cochrane Library has no language field, "
                                    "widened"});
}

TEST_CASE("every target: the header's limits are noted at file level, line numbers follow the source",
          "[query][translate]")
{
  for (auto target : {Syntax::ebsco, Syntax::proquest, Syntax::wos, Syntax::scopus, Syntax::cochrane}) {
    auto t =
      from("database: pubmed\nlanguage: english\ndate-from: 1990\n", "#1 a[ti]\n#2 b[ti]\n#3 #1 AND #2\n", target);
    CHECK(t.lines.size() == 3);
    REQUIRE_FALSE(t.notes.empty());
    CHECK(t.notes.back().line == 0);
    CHECK(t.text.find("date-from: 1990\n") != std::string::npos);
  }
}

namespace {

std::vector<std::string> platform_findings(const std::string& text)
{
  auto q = check_query_text(text, "p.query");
  std::vector<std::string> out;
  for (const auto& f : q.findings) {
    if (f.code == "WOS-NEAR" || f.code == "EBSCO-PHRASE" || f.code == "SCOPUS-LOOSE") {
      out.push_back(f.code + " " + std::to_string(f.line) + ":" + std::to_string(f.col));
      CHECK(f.severity == Severity::warning);
    }
  }
  return out;
}

} // namespace

TEST_CASE("platform lint rules on hand-run files: WoS NEAR over 15, EBSCOhost's unquoted words, Scopus's loose phrase",
          "[query][lint]")
{
  CHECK(platform_findings("database: wos\n---\n#1 TS=(a NEAR/20 b)\n#2 TS=(c NEAR/15 d) OR TS=(e NEAR f)\n")
        == std::vector<std::string>{"WOS-NEAR 3:10"});
  CHECK(platform_findings("database: ebsco\n---\nS1 TI mental illness OR AB \"mental illness\"\n"
                          "S2 TI ( nurse N3 patient ) OR TI relation*\n")
        == std::vector<std::string>{"EBSCO-PHRASE 3:7"});
  CHECK(platform_findings("database: scopus\n---\nTITLE-ABS-KEY(\"heart attack\") AND TITLE({exact phrase})\n")
        == std::vector<std::string>{"SCOPUS-LOOSE 3:15"});
  // the same words in PubMed's syntax are not these platforms' problem
  CHECK(platform_findings("database: pubmed\n---\n#1 \"heart attack\"[tiab]\n").empty());
}

TEST_CASE("platform lint rules read the reader's tree, not the text: quoted text and operators as the platform reads "
          "them",
          "[query][lint]")
{
  // "NEAR/20" in quotes is words; NEAR/20 written twice on a line is found twice, each at its column
  CHECK(platform_findings("database: wos\n---\n#1 TS=(\"NEAR/20 clinic\")\n#2 TS=(a NEAR/20 b) OR TS=(c NEAR/16 d)\n")
        == std::vector<std::string>{"WOS-NEAR 4:10", "WOS-NEAR 4:30"});
  // EBSCOhost reads n5 in lower case as a word (its operators are upper case): the three
  // words are searched within five words of each other; a phrase in quotes is not; words
  // with no field code are searched so too
  CHECK(platform_findings("database: ebsco\n---\nS1 TI ( mental n5 illness ) OR AB \"TI mental illness\"\n"
                          "S2 S1 AND stigma shame\n")
        == std::vector<std::string>{"EBSCO-PHRASE 3:9", "EBSCO-PHRASE 4:11"});
  // Scopus: a quote inside the exact {...} is not a loose phrase; every loose phrase of a
  // line is found, not the first alone
  CHECK(
    platform_findings("database: scopus\n---\nTITLE({a \"b\" c}) AND ABS(\"heart attack\") OR ABS(\"stroke unit\")\n")
    == std::vector<std::string>{"SCOPUS-LOOSE 3:26", "SCOPUS-LOOSE 3:49"});
}

TEST_CASE("one term ORed under several fields is written once, in the union of the fields", "[query][translate][merge]")
{
  const std::string ebsco = "database: CINAHL\nsyntax: ebsco\n";
  // EBSCOhost's TI x OR AB x OR KW x is x in title, abstract and keywords: PubMed's [tiab]
  // exactly, with no note
  auto all = from(ebsco, "S1 TI ( \"mental illness\" ) OR AB ( \"mental illness\" ) OR KW ( \"mental illness\" )\n",
                  Syntax::pubmed);
  CHECK(all.lines == std::vector<std::string>{"\"mental illness\"[tiab]"});
  CHECK(all.notes.empty());
  // TI x OR AB x: PubMed has no title-and-abstract field without keywords: [tiab], widened
  // and noted once; Ovid has .ti,ab. exactly
  auto two =
    from(ebsco, "S1 TI ( stigma ) OR AB ( stigma ) OR TI ( interview* ) OR AB ( interview* )\nS2 S1 OR TI ( shame )\n",
         Syntax::pubmed);
  CHECK(two.lines == std::vector<std::string>{"stigma[tiab] OR interview*[tiab]", "#1 OR shame[ti]"});
  CHECK(notes_of(two) == std::vector<std::string>{"1: [tiab] also searches author keywords: widened"});
  auto ovid =
    from(ebsco, "S1 TI ( stigma ) OR AB ( stigma ) OR TI ( interview* ) OR AB ( interview* )\n", Syntax::ovid);
  CHECK(ovid.lines == std::vector<std::string>{"stigma.ti,ab. or interview$.ti,ab."});
  CHECK(ovid.notes.empty());
  // x[ti] OR x[tiab] is x[tiab]: the narrower operand dropped, nothing noted, the tag kept
  // as written
  auto pubmed = from("database: pubmed\n", "#1 stigma[ti] OR stigma[Title/Abstract] OR shame[ti]\n", Syntax::pubmed);
  CHECK(pubmed.lines == std::vector<std::string>{"stigma[Title/Abstract] OR shame[ti]"});
  CHECK(pubmed.notes.empty());
  // not the same words (truncation, phrase, case as written), not an OR alone, a heading:
  // kept as written
  auto kept = from(ebsco,
                   "S1 TI ( interview* ) OR AB ( interview ) OR TI ( \"stigma\" ) OR AB ( stigma ) OR TI ( PiB ) OR AB "
                   "( PIB )\nS2 TI ( stigma ) AND AB ( stigma )\nS3 (MH \"Stigma\") OR TI ( \"Stigma\" )\n",
                   Syntax::ovid);
  CHECK(
    kept.lines
    == std::vector<std::string>{"interview$.ti. or interview.ab. or \"stigma\".ti. or stigma.ab. or PiB.ti. or PIB.ab.",
                                "stigma.ti. and stigma.ab.", "Stigma/ or \"Stigma\".ti."});
  // never wider than the operands written apart: PubMed's x[ti] OR x[ot] is exact ([tiab]
  // would add abstracts); Web of Science's TI= AB= AK= are exact (TS= adds Keywords Plus);
  // a field that is not title, abstract or keywords ([tw]) is not united
  auto exact = from("database: pubmed\n", "#1 stigma[ti] OR stigma[ot] OR shame[ti] OR shame[tw]\n", Syntax::pubmed);
  CHECK(exact.lines == std::vector<std::string>{"stigma[ti] OR stigma[ot] OR shame[ti] OR shame[tw]"});
  CHECK(exact.notes.empty());
  auto wos = from(ebsco, "S1 TI ( stigma ) OR AB ( stigma ) OR KW ( stigma )\n", Syntax::wos);
  CHECK(wos.lines == std::vector<std::string>{"TI=(stigma) OR AB=(stigma) OR AK=(stigma)"});
  CHECK(wos.notes.empty());
  // Scopus writes the referred line out: merged there too
  auto scopus =
    from(ebsco, "S1 TI ( stigma ) OR AB ( stigma ) OR KW ( stigma )\nS2 S1 AND TI ( shame )\n", Syntax::scopus);
  CHECK(scopus.lines.back() == "(TITLE-ABS-KEY(stigma)) AND TITLE(shame)");
}

TEST_CASE("fields written as several codes are gathered over OR and proximity only, never over AND or NOT",
          "[query][translate][merge]")
{
  // (cat and dog).ti,ab. is cat in title or abstract AND dog in title or abstract; TI=(cat
  // AND dog) OR AB=(cat AND dog) would miss cat in the title with dog in the abstract
  auto wos = from(k_ovid, "(cat and dog).ti,ab.\n(cat not dog).ti,ab.\n(cat or dog).ti,ab.\n", Syntax::wos);
  CHECK(wos.lines
        == std::vector<std::string>{"((TI=(cat) OR AB=(cat)) AND (TI=(dog) OR AB=(dog)))",
                                    "((TI=(cat) OR AB=(cat)) NOT (TI=(dog) OR AB=(dog)))",
                                    "TI=(cat OR dog) OR AB=(cat OR dog)"});
  auto ebsco = from(k_ovid, "(cat and dog).ti,ab.\n", Syntax::ebsco);
  CHECK(ebsco.lines == std::vector<std::string>{"((TI ( cat ) OR AB ( cat )) AND (TI ( dog ) OR AB ( dog )))"});
  // one code for both fields: gathered as before
  auto proquest = from(k_ovid, "(cat and dog).ti,ab.\n", Syntax::proquest);
  CHECK(proquest.lines == std::vector<std::string>{"TI,AB(cat AND dog)"});
}

TEST_CASE("what only the source platform searches is said: WoS's Keywords Plus under TS=, Scopus's loose phrase",
          "[query][targets]")
{
  const char* wos = "database: SSCI\nsyntax: wos\n";
  auto t = from(wos, "#1 TS=(stigma*)\n#2 TI=(shame) OR AB=(shame) OR AK=(shame)\n#3 #1 OR #2\n", Syntax::pubmed);
  CHECK(t.lines == std::vector<std::string>{"stigma*[tiab]", "shame[tiab]", "#1 OR #2"});
  // TS= only, on its line: the three fields ORed are exact as [tiab] (author keywords included)
  CHECK(
    notes_of(t)
    == std::vector<std::string>{"1: Web of Science's TS= (topic) also searches Keywords Plus (words from the titles "
                                "of cited references), which PubMed does not have: narrowed"});
  // a term without a tag is TS on Web of Science; to Web of Science itself nothing is said
  CHECK(notes_of(from(wos, "#1 stigma\n", Syntax::ovid)).size() == 1);
  CHECK(from(wos, "#1 TS=(stigma*)\n", Syntax::wos).notes.empty());

  const char* scopus = "database: Scopus\nsyntax: scopus\n";
  auto s = from(scopus, "#1 TITLE(\"mental illness\" OR stigma) AND PUBYEAR > 1989\n", Syntax::ovid);
  CHECK(s.lines == std::vector<std::string>{"(\"mental illness\" or stigma).ti.", "limit 1 to yr=\"1990 -Current\""});
  CHECK(notes_of(s)
        == std::vector<std::string>{"1: Scopus's \"mental illness\" is a loose phrase (plurals and spelling "
                                    "variants, punctuation ignored): written as Ovid's phrase, narrowed"});
  CHECK(from(scopus, "#1 TITLE({mental illness} OR stigma)\n", Syntax::ovid).notes.empty());
}
