#include "synth/core/normalise.hpp"

#include <catch2/catch.hpp>

using namespace synth;

TEST_CASE("DOIs lose resolver prefixes and case", "[normalise]")
{
  CHECK(normalise_doi("https://doi.org/10.1007/S11126-015-9347-5") == "10.1007/s11126-015-9347-5");
  CHECK(normalise_doi("http://dx.doi.org/10.1023/A:1017379030770") == "10.1023/a:1017379030770");
  CHECK(normalise_doi("doi: 10.1063/1.4814070.") == "10.1063/1.4814070");
  CHECK(normalise_doi("10.1000%2Fabc") == "10.1000/abc");
  CHECK(normalise_doi("no doi here") == "");
}

TEST_CASE("languages become ISO 639-2/B", "[normalise]")
{
  CHECK(normalise_language("English") == "eng");
  CHECK(normalise_language("en") == "eng");
  CHECK(normalise_language("ENG") == "eng");
  CHECK(normalise_language("German") == "ger");
  CHECK(normalise_language("deu") == "ger");
  CHECK(normalise_language("fre") == "fre");
  CHECK(normalise_language("French; English") == "fre");
  CHECK(normalise_language("") == "");
  CHECK(normalise_language("Klingon") == "klingon");
}

TEST_CASE("the most specific publication type wins", "[normalise]")
{
  CHECK(normalise_publication_type({"Journal Article"}) == "journal-article");
  CHECK(normalise_publication_type({"Journal Article", "Comment"}) == "comment");
  CHECK(normalise_publication_type({"Journal Article", "Review"}) == "review");
  CHECK(normalise_publication_type({"Published Erratum"}) == "erratum");
  CHECK(normalise_publication_type({"JOUR"}) == "journal-article");
  CHECK(normalise_publication_type({"CHAP"}) == "book-chapter");
  CHECK(normalise_publication_type({"Journal: Conference Abstract"}) == "conference");
  CHECK(normalise_publication_type({"Letter to the editor"}) == "letter");
  CHECK(normalise_publication_type({"Dataset"}) == "other");
  CHECK(normalise_publication_type({}) == "");
}

TEST_CASE("authors are split into family and given names", "[normalise]")
{
  CHECK(parse_author("Topor, Alain") == Author{"Topor", "Alain"});
  CHECK(parse_author("Topor A") == Author{"Topor", "A"});
  CHECK(parse_author("Topor AB") == Author{"Topor", "AB"});
  CHECK(parse_author("Alain Topor") == Author{"Topor", "Alain"});
  CHECK(parse_author("Jan de Jong") == Author{"de Jong", "Jan"});
  CHECK(parse_author("de Jong, J. P.") == Author{"de Jong", "J. P."});
  CHECK(parse_author("WHO") == Author{"WHO", ""});
}

TEST_CASE("dates in the forms exports use", "[normalise]")
{
  auto check = [](const char* text, std::optional<int> year, const char* iso) {
    auto d = parse_date(text);
    CHECK(d.year == year);
    CHECK(d.iso == iso);
  };
  check("2013", 2013, "2013");
  check("2013/11/30", 2013, "2013-11-30");
  check("2001/09/01/", 2001, "2001-09-01");
  check("2013 Nov 30", 2013, "2013-11-30");
  check("2013 Nov", 2013, "2013-11");
  check("Nov 2013", 2013, "2013-11");
  check("1998 Dec-1999 Jan", 1998, "1998-12");
  check("Spring 2001", 2001, "2001");
  check("2001///", 2001, "2001");
  check("///", std::nullopt, "");
  check("99", std::nullopt, "");
  // A number inside a word is no year (PubMed's legacy CSV, PMID 30026923).
  check("Version 2. F1000Res. 2018 Jan 25 [revised 2018 Jan 1]", 2018, "2018-01-25");
  check("F1000Res.  2018", 2018, "2018");
  check("30 Nov 2013", 2013, "2013-11-30");
}

TEST_CASE("finish_record fills type and date from what is known", "[normalise]")
{
  Record r;
  r.doi = "https://doi.org/10.1/ABC";
  r.language = "English";
  r.publication_types = {"Journal Article", "Letter"};
  r.year = 2014;
  r.title = "  A   title ";
  finish_record(r);
  CHECK(r.doi == "10.1/abc");
  CHECK(r.language == "eng");
  CHECK(r.type == "letter");
  CHECK(r.date == "2014");
  CHECK(r.title == "A title");
}

TEST_CASE("normalise: a consensus development conference is not a conference abstract")
{
  // PubMed 11966386 (NLM sample): a consensus statement published as a reviewed article.
  CHECK(normalise_publication_type({"Consensus Development Conference", "Consensus Development Conference, NIH",
                                    "Guideline", "Journal Article", "Review"})
        == "review");
  CHECK(normalise_publication_type({"Congresses", "Overall"}) == "conference");
}

TEST_CASE("normalise: DOIs from resolver links lose their percent-encoding", "[normalise]")
{
  // Ovid's Embase export writes SICI DOIs as links (ovid_1001_to_2000_embase.ris).
  CHECK(normalise_doi("http://dx.doi.org/10.1002/1097-4679%28196507%2921:3%3C284::AID-JCLP2270210319%3E3.0.CO;2-C")
        == "10.1002/1097-4679(196507)21:3<284::aid-jclp2270210319>3.0.co;2-c");
  CHECK(normalise_doi("https://doi.org/10.1000%2Fabc") == "10.1000/abc");
  CHECK(normalise_doi("10.1000/50%") == "10.1000/50%");     // not an escape
  CHECK(normalise_doi("10.1000/a%20b") == "10.1000/a%20b"); // a space is never decoded
}

TEST_CASE("normalise: more language names, several languages, variants", "[normalise]")
{
  CHECK(normalise_language("Bosnian") == "bos");
  CHECK(normalise_language("Netherlandish") == "dut"); // BIOSIS Previews
  CHECK(normalise_language("Georgian") == "geo");
  CHECK(normalise_language("eng ger") == "eng"); // EndNote: several codes
  CHECK(normalise_language("English (US)") == "eng");
  CHECK(normalise_language("Klingon") == "klingon"); // unknown: as given
}

TEST_CASE("normalise: generic types say nothing: survey, meeting and journal paper", "[normalise]")
{
  CHECK(normalise_publication_type({"GEN"}).empty());
  CHECK(normalise_publication_type({"Generic"}).empty());
  CHECK(normalise_publication_type({"GEN", "Letter"}) == "letter");
  CHECK(normalise_publication_type({"Short Survey"}) == "review");           // Scopus
  CHECK(normalise_publication_type({"Meeting"}) == "conference");            // BIOSIS
  CHECK(normalise_publication_type({"Journal Paper"}) == "journal-article"); // Inspec
  CHECK(normalise_publication_type({"Consensus Development Conference"}) == "other");
}
