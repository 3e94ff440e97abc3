// What databases do to the same title, name, journal, page range, volume and DOI, and how
// dedup undoes it before comparing (lib/synth/dedup/normalise.hpp).
#include "synth/dedup/normalise.hpp"

#include <catch2/catch.hpp>

using namespace synth::dedup;

TEST_CASE("folding joins spellings that databases differ in", "[dedup]")
{
  CHECK(fold_text("Frimodt-Møller") == "frimodt moller");
  CHECK(fold_text("Ugeskrift for Læger") == fold_text("Ugeskrift for Laeger"));
  CHECK(fold_text("TGF-β1 signalling") == fold_text("TGF-beta1 signalling"));
  CHECK(fold_text("Platformed work and labour") == fold_text("Platformed work and labor"));
  CHECK(fold_text("A randomised trial; analysed") == fold_text("A randomized trial; analyzed"));
  CHECK(fold_text("Haemorrhage and oesophageal varices") == fold_text("Hemorrhage and esophageal varices"));
  CHECK(fold_text("Trauma centre") == fold_text("Trauma center"));
  CHECK(fold_text("Über die Größe") == "uber die grosse");
  CHECK(fold_text("Four hours") == "four hours"); // short words are left alone
}

TEST_CASE("folding makes British spellings American inside compounds and before endings", "[dedup]")
{
  // The American spelling of a compound keeps an o before the e: both forms fold alike.
  CHECK(fold_text("Gastrooesophageal reflux") == fold_text("Gastroesophageal reflux"));
  CHECK(fold_text("paediatric anaemia, diarrhoea") == fold_text("pediatric anemia, diarrhea"));
  CHECK(fold_text("behavioural, behaviours, favourable, neighbourhood, tumours")
        == fold_text("behavioral, behaviors, favorable, neighborhood, tumors"));
  CHECK(fold_text("modelling, counselling, labelled, travellers")
        == fold_text("modeling, counseling, labeled, travelers"));
  CHECK(fold_text("a measurement programme; programmes") == fold_text("a measurement program; programs"));
  CHECK(fold_text("centred, centres, fibre, ageing") == fold_text("centered, centers, fiber, aging"));
  // -our- only before an ending (journal, hours kept); a word spelled alike in both may change.
  CHECK(fold_text("journal contour hours") == "journal contor hours");
}

TEST_CASE("clean_title removes what databases add to a title", "[dedup]")
{
  // Ovid's erratum notes, also nested and cut short by the export.
  CHECK(clean_title("Intrapleural therapy for effusions.[Erratum appears in Chest 1993 May;103(5):1640]")
        == "Intrapleural therapy for effusions.");
  CHECK(clean_title("Timing of chest tube removal.[Erratum appears in J Card Surg. 2011 Note: "
                    "Yeshaaiahu, Michal [corrected to Yeshayahu, Michal]]")
        == "Timing of chest tube removal.");
  CHECK(clean_title("Thoracoscopic decortication vs tube thoracostomy.[Erratum appears in J "
                    "Pediatr Surg. 2009 Sep;44(9):1865 Note: Rivard, Doug")
        == "Thoracoscopic decortication vs tube thoracostomy.");
  // Embase's original-language title, markers of abstracts and corrections, language tags.
  CHECK(clean_title("Definitive cardiac stimulation. <ORIGINAL> LA ESTIMULACION CARDIACA DEFINITIVA")
        == "Definitive cardiac stimulation.");
  CHECK(clean_title("Phase II study of gemcitabine plus cisplatin or carboplatin [corrected], with cetuximab")
        == "Phase II study of gemcitabine plus cisplatin or carboplatin , with cetuximab");
  CHECK(clean_title("Talc pleurodesis in effusions [Abstract]") == "Talc pleurodesis in effusions");
  CHECK(clean_title("Bleomycin versus interferon alfa [abstract no: 134]") == "Bleomycin versus interferon alfa");
  CHECK(clean_title("[Protective effects of incretin on atherosclerosis]. [Japanese]")
        == "[Protective effects of incretin on atherosclerosis].");
  CHECK(clean_title("The all-seeing employer - [careers]") == "The all-seeing employer -");
  // Entities and markup.
  CHECK(clean_title("TGF-&beta; in caf&eacute; workers &amp; <i>E. coli</i>") == "TGF-beta in cafe workers & E. coli");
  // Brackets that are part of the title stay; so does a notice's own label.
  CHECK(clean_title("Two polyvalent [IgG and F(ab')2] antivenoms") == "Two polyvalent [IgG and F(ab')2] antivenoms");
  CHECK(clean_title("[A study of tuberculous pleurisy]") == "[A study of tuberculous pleurisy]");
  CHECK(clean_title("Effect of X on Y [Erratum]") == "Effect of X on Y [Erratum]");
}

TEST_CASE("a title gives its translations as other forms", "[dedup]")
{
  auto v = title_variants("Crowdwork: Applying a relational inequality theory [Arbeiten in der Crowd: "
                          "Perspektiven der Theorie relationaler Ungleichheiten in Arbeitsorganisationen]");
  REQUIRE(v.size() == 2);
  CHECK(v[0] == "Arbeiten in der Crowd: Perspektiven der Theorie relationaler Ungleichheiten in Arbeitsorganisationen");
  auto parts = title_variants("Utilidad de los antimicrobianos en la toracostomia cerrada por trauma; "
                              "Are antimicrobials useful in closed thoracostomy due to trauma?");
  REQUIRE(parts.size() == 2);
  CHECK(parts[1] == "Are antimicrobials useful in closed thoracostomy due to trauma?");
  // A subtitle after a semicolon, a short bracketed fragment: no other form.
  CHECK(title_variants("Closed pleural biopsy for diagnosing pleural effusions; preliminary results").empty());
  CHECK(title_variants("Two polyvalent caprylic acid fractionated [IgG and F(ab')2] antivenoms").empty());
  CHECK(title_variants("[A new paracentesis needle for ascites and pleural effusion]").empty());
}

TEST_CASE("translated titles are recognised", "[dedup]")
{
  CHECK(translated_title("[Protective effects of incretin on atherosclerosis]."));
  CHECK(translated_title("\"[Prevention of empyema in lung surgery. A prospective, randomized study]\""));
  CHECK(translated_title("Plattformökonomie und Crowdworking als Herausforderungen für das deutsche Modell"));
  CHECK(translated_title("Review-Artikel: Zum aktuellen Stand des Plattformkapitalismus."));
  CHECK_FALSE(translated_title("The Commodification of Digital Labor in the Gig Economy"));
  CHECK_FALSE(translated_title("Two polyvalent [IgG and F(ab')2] antivenoms"));
}

TEST_CASE("DOIs, pages and volumes are read as databases write them", "[dedup]")
{
  CHECK(canonical_doi("10.1016/s0025-7753%2817%2930624-3") == "10.1016/s0025-7753(17)30624-3");
  CHECK(canonical_doi("http://dx.doi.org/10.2337/DB15386741") == "10.2337/db15386741");
  CHECK(canonical_doi("NA").empty());

  auto p = parse_pages("230-5, 246-51, 233-8");
  CHECK(p.first == "230");
  CHECK(p.last == "235");
  CHECK(p.starts == std::vector<std::string>{"230", "233", "246"});
  CHECK(parse_pages("2243-5; author reply 2243-5").starts.empty()); // one range, twice
  // A spreadsheet's dates: "1-9" became "01-Sep", "8-8" "08-Aug".
  CHECK(parse_pages("01-Sep").first == "1");
  CHECK(parse_pages("01-Sep").last == "9");
  CHECK(parse_pages("08-Aug").first == "8");
  CHECK(parse_pages("08-Aug").last.empty());
  CHECK(parse_pages("Jun 2010").first.empty());
  CHECK(parse_pages("S33-38").first == "33");
  CHECK(parse_pages("iii--xi").first == "r3"); // front matter, apart from page 3
  CHECK(parse_pages("iii--xi").last == "r11");
  CHECK(parse_pages("ii").first == "r2");

  CHECK(volume_number("20", 1996) == "20");
  CHECK(volume_number("Vol. 20", 1996) == "20");
  CHECK(volume_number("147 Suppl 1", 2016) == "147");
  CHECK(volume_number("64 (Supplement 1)", 2015) == "64");
  CHECK(volume_number("1)", 2015).empty());
  CHECK(volume_number("30a", 1994).empty());
  CHECK(volume_number("2015-April", 2015).empty());
  CHECK(volume_number("2016", 2016).empty()); // a magazine's year, not a volume
  CHECK(volume_number("2016", 1990) == "2016");
}

TEST_CASE("family names compare across particles, suffixes and lost letters", "[dedup]")
{
  CHECK(fold_name("Lynch Jr") == "lynch");
  CHECK(fold_name("De Botton") == "de botton");
  CHECK(fold_name("Aasebø") == "aasebo");
  CHECK(fold_name("Cobano?lu") == "cobano?lu");
  CHECK(names_equal(fold_name("Cobano?lu"), fold_name("Cobanoğlu")));
  CHECK(names_equal(fold_name("Ta?a?aj"), fold_name("Talalaj")));
  CHECK_FALSE(names_equal(fold_name("Ta?a?aj"), fold_name("Talalay")));
  CHECK_FALSE(names_equal("smith", "smyth"));
}
