// BibTeX: entries, macros, LaTeX decoding, and the exports of Zotero, WoS, Scopus, Crossref.
#include "read_support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/bibtex.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using synth::Author;
using synth::Record;
using synth::formats::decode_latex;
using synth::formats::read_bibtex;

namespace {

using synth::test::ReadResult;

ReadResult read_bib_text(std::string_view text, bool lenient = false, const std::string& label = "t.bib")
{
  return synth::test::read_with(read_bibtex, text, lenient, label);
}

ReadResult read_bib_fixture(const std::string& rel, bool lenient = false)
{
  return synth::test::read_fixture_with(read_bibtex, rel, lenient);
}

} // namespace

TEST_CASE("bibtex: LaTeX accents, letters and escapes", "[bibtex]")
{
  CHECK(decode_latex(R"({\"O}sterreich und M{\'e}xico)") == "Österreich und México");
  CHECK(decode_latex(R"(\'e \`a \^o \~n \"u \c{c} \v{s} \u{g} \H{o} \k{a} \={a} \.{z} \r{a})")
        == "é à ô ñ ü ç š ğ ő ą ā ż å");
  CHECK(decode_latex(R"(Fran\c cois {\ss} \o{} {\AA}ngstr{\"o}m Gen{\'\i}s)") == "François ß ø Ångström Genís");
  CHECK(decode_latex(R"(R\&D 5\% a\_b \$ \#1 \textless p \textgreater{} x)") == "R&D 5% a_b $ #1 <p > x");
  CHECK(decode_latex(R"({\emph{Picoides}   arcticus} $\alpha$-helix)") == "Picoides arcticus α-helix");
  CHECK(decode_latex("{{Effects of pine-oak woodland restoration}}") == "Effects of pine-oak woodland restoration");
}

TEST_CASE("bibtex: entry syntax: macros, quotes, numbers, comments, parentheses", "[bibtex]")
{
  std::string text =
    "% a comment line\r\n"
    "@comment{ignored {with braces}}\r\n"
    "@preamble{\"\\newcommand{\\noop}[1]{}\"}\r\n"
    "@string{jbio = \"Journal of \" # \"Biology\"}\r\n"
    "@Article{smith2001,\r\n"
    "  author = \"Smith, John and {\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e and {World Health Organization}\",\r\n"
    "  title = {A {DNA} study: {\\it in vivo}},\r\n"
    "  journal = jbio,\r\n"
    "  year = 2001, month = mar,\r\n"
    "  volume = {12}, number = {3}, pages = {100--110},\r\n"
    "  doi = {10.1000/XYZ}, keywords = {alpha; beta}\r\n"
    "}\r\n"
    "@inproceedings(conf02, title = {Second}, booktitle = {Proc. Test}, year = {2002})\r\n";
  auto r = read_bib_text(text);
  REQUIRE(r.records.size() == 2);
  const auto& a = r.records[0];
  CHECK(a.source_id == "smith2001");
  CHECK(a.title == "A DNA study: in vivo");
  REQUIRE(a.authors.size() == 3);
  CHECK(a.authors[0] == Author{"Smith", "John"});
  CHECK(a.authors[1] == Author{"Öztürk", "Ayşe"});
  CHECK(a.authors[2] == Author{"World Health Organization", ""});
  CHECK(a.journal == "Journal of Biology");
  CHECK(a.year == 2001);
  CHECK(a.date == "2001-03");
  CHECK(a.volume == "12");
  CHECK(a.issue == "3");
  CHECK(a.pages == "100-110");
  CHECK(a.doi == "10.1000/xyz");
  CHECK(a.keywords == std::vector<std::string>{"alpha", "beta"});
  CHECK(a.publication_types == std::vector<std::string>{"article"});
  CHECK(a.type == "journal-article");
  CHECK(a.provenance.line == 5);
  CHECK(a.provenance.index == 1);
  const auto& b = r.records[1];
  CHECK(b.source_id == "conf02");
  CHECK(b.journal == "Proc. Test");
  CHECK(b.type == "conference");
  CHECK(b.provenance.line == 13);
}

TEST_CASE("bibtex: unbalanced braces are a bad record at the entry's first line", "[bibtex]")
{
  std::string text = "@article{good1, title = {One}, year = 2001}\n"
                     "\n"
                     "@article{bad,\n"
                     "  title = {Two {unclosed},\n"
                     "  year = 2002\n"
                     "}\n"
                     "@article{good2, title = {Three}}\n";
  CHECK_THROWS_WITH(read_bib_text(text),
                    "t.bib:3: @article{bad: unbalanced braces (the next entry starts before this one ends)");
  auto r = read_bib_text(text, true);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].title == "Three");
  CHECK(r.records[1].provenance.line == 7);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].line == 3);

  CHECK_THROWS_WITH(read_bib_text("@article{x, title = {never closed\n"), "t.bib:1: @article{x: unbalanced braces");
  CHECK_THROWS_WITH(read_bib_text("@article{x, title {T}}\n"), "t.bib:1: @article{x: expected '=' after field 'title'");
}

TEST_CASE("bibtex: an entry written one field per line survives a stray brace", "[bibtex]")
{
  std::string text = "@ARTICLE{a1,\n"
                     "title={One},\n"
                     "abstract={Crayfish {Austropotamobius pallipes). End.},\n"
                     "year={2012},\n"
                     "}\n"
                     "\n"
                     "@ARTICLE{a2,\n"
                     "title={Two},\n"
                     "}\n";
  auto r = read_bib_text(text);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].title == "One");
  CHECK(r.records[0].abstract == "Crayfish Austropotamobius pallipes). End.");
  CHECK(r.records[0].year == 2012);
  CHECK(r.records[0].source_id == "a1");
  CHECK(r.records[0].provenance.line == 1);
  CHECK(r.records[0].provenance.index == 1);
  CHECK(r.records[1].title == "Two");
  CHECK(r.records[1].provenance.index == 2);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].line == 3);
}

TEST_CASE("bibtex: Zotero export", "[bibtex]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_bib_fixture("exports/asysd/zotero_export.bib");
  REQUIRE(r.records.size() == 1000);
  const auto& a = r.records[0];
  CHECK(a.source_id == "larsen_microangiography_1999");
  CHECK(a.title == "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs");
  REQUIRE(a.authors.size() == 4);
  CHECK(a.authors[0] == Author{"Larsen", "LJ"});
  CHECK(a.authors[3] == Author{"Cash", "WC"});
  CHECK(a.journal == "VETERINARY AND COMPARATIVE ORTHOPAEDICS AND TRAUMATOLOGY");
  CHECK(a.year == 1999);
  CHECK(a.date == "1999-08");
  CHECK(a.volume == "12");
  CHECK(a.issue == "3");
  CHECK(a.pages == "134-137");
  CHECK(a.issn == "0932-0814");
  CHECK(a.language == "eng");
  CHECK(a.keywords.size() == 5);
  CHECK(r.records[1].doi == "10.21521/mw.6330");
  CHECK(r.records[1].language == "pol");
  CHECK(a.provenance.line == 2);
}

TEST_CASE("bibtex: Web of Science export", "[bibtex]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_bib_fixture("exports/litsearchr/WoS_corecollection_final_1.bib");
  REQUIRE(r.records.size() == 500);
  CHECK(r.default_source == "Web of Science");
  const auto& a = r.records[0];
  CHECK(a.source == "Web of Science");
  CHECK(a.source_id == "WOS:000461270600041");
  CHECK(a.title
        == "Effects of pine-oak woodland restoration on breeding bird densities in the "
           "Ozark-Ouachita Interior Highlands");
  REQUIRE(a.authors.size() == 3);
  CHECK(a.authors[0] == Author{"Roach", "Melissa C."});
  CHECK(a.authors[1] == Author{"Thompson", "Frank R. III"});
  CHECK(a.journal == "FOREST ECOLOGY AND MANAGEMENT");
  CHECK(a.journal_abbrev == "For. Ecol. Manage.");
  CHECK(a.date == "2019-04-01");
  CHECK(a.pages == "443-459");
  CHECK(a.doi == "10.1016/j.foreco.2018.12.057");
  CHECK(a.keywords.front() == "Woodland");
}

TEST_CASE("bibtex: Scopus export with two abstracts whose braces do not balance", "[bibtex]")
{
  SYNTH_REQUIRE_FIXTURES();
  // Scopus copies abstracts unescaped: "... White-footed Crayfish {Austropotamobius
  // pallipes). ..." (line 8587) opens a brace that nothing closes, and so does line 13729.
  // Both entries are written one field per line, so each is read line by line, with a
  // warning; the file holds 1115 entries (lines starting with @, counted with grep).
  auto r = read_bib_fixture("exports/litsearchr/scopus_final.bib");
  REQUIRE(r.records.size() == 1115);
  CHECK(r.skipped.empty());
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].line == 8587);
  CHECK(r.warnings[0].reason
        == "@article{Michelat2012101: braces do not balance in field 'abstract'; read one field per line");
  CHECK(r.warnings[1].line == 13729);
  std::size_t at = 0;
  while (at < r.records.size() && r.records[at].provenance.line != 8576) {
    ++at;
  }
  REQUIRE(at + 1 < r.records.size());
  const auto& m = r.records[at];
  CHECK(m.source_id == "2-s2.0-84863788161");
  CHECK(m.title.rfind("Restoration of the drugeon river and adjacent wetlands", 0) == 0);
  CHECK(m.authors.size() == 8);
  CHECK(m.year == 2012);
  CHECK(m.pages == "101-116");
  CHECK(m.language == "fre");
  CHECK(m.abstract.find("White-footed Crayfish Austropotamobius pallipes). From 1993") != std::string::npos);
  CHECK(m.raw.rfind("@ARTICLE{Michelat2012101,", 0) == 0);
  CHECK(m.raw.back() == '}');
  CHECK(r.records[at + 1].provenance.line == 8595); // the next entry is intact
  CHECK(r.records[at + 1].title.rfind("Monitoring indicates greater resilience", 0) == 0);
  CHECK(r.default_source == "Scopus");
  const auto& a = r.records[0];
  CHECK(a.source == "Scopus");
  CHECK(a.source_id == "2-s2.0-85062282548");
  CHECK(a.title == "Burn severity and heterogeneity mediate avian response to wildfire in a hemiboreal forest");
  REQUIRE(a.authors.size() == 5);
  CHECK(a.authors[0] == Author{"Zlonis", "E.J."});
  CHECK(a.year == 2019);
  CHECK(a.pages == "70-80");
  CHECK(a.doi == "10.1016/j.foreco.2019.02.043");
  CHECK(a.issn == "03781127");
}

TEST_CASE("bibtex: Crossref content negotiation answer", "[bibtex]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_bib_fixture(
    "crossref/habanero_bodies/test-content_negotation/test_content_negotiation_with_unicode_doi__1.bib");
  REQUIRE(r.records.size() == 1);
  const auto& a = r.records[0];
  CHECK(a.source_id == "Frank_1970");
  CHECK(a.authors == std::vector<Author>{{"Frank", "Henry S."}});
  CHECK(a.date == "1970-08");
  CHECK(a.volume == "169");
  CHECK(a.issue == "3946");
  CHECK(a.issn == "1095-9203");
  CHECK(a.doi == "10.1126/science.169.3946.635");
}
