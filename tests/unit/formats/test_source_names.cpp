// Database names as PRISMA shows them (source_names.hpp).
#include "synth/formats/source_names.hpp"

#include <catch2/catch.hpp>

using synth::formats::database_from_url;
using synth::formats::database_name;
using synth::formats::ovid_database;

TEST_CASE("database names: Ovid segments, EBSCOhost codes, SciELO collections", "[sources]")
{
  // The DB values of citesource/wildfire_stages/medline_84.ris.
  CHECK(database_name("Ovid MEDLINE(R) <2019>") == "Ovid MEDLINE(R)");
  CHECK(database_name("Ovid MEDLINE(R) Epub Ahead of Print") == "Ovid MEDLINE(R)");
  CHECK(database_name("Ovid MEDLINE(R) PubMed-not-MEDLINE <2013 to 2016>") == "Ovid MEDLINE(R)");
  CHECK(database_name("Embase <1974 to 2019 April 05>") == "Embase");
  CHECK(database_name("APA PsycInfo <1806 to April Week 1 2019>") == "APA PsycInfo");
  // EBSCOhost codes (gambling_harms, wildfire_stages).
  CHECK(database_name("psyh") == "APA PsycInfo");
  CHECK(database_name("i3h") == "Criminal Justice Abstracts");
  CHECK(database_name("egh") == "Environment Index");
  CHECK(database_name("ecn") == "EconLit");
  CHECK(database_name("rzh") == "CINAHL");
  CHECK(database_name("SciELO Brazil") == "SciELO");
  // Anything else as given.
  CHECK(database_name("  Scopus ") == "Scopus");
  CHECK(database_name("PubMed") == "PubMed");
  CHECK(database_name("DOI.org (Crossref)") == "DOI.org (Crossref)");
  CHECK(database_name("") == "");
  CHECK(database_name("<x>") == "<x>");
}

TEST_CASE("database names: Ovid segment codes and links", "[sources]")
{
  CHECK(ovid_database("med19") == "Ovid MEDLINE(R)");
  CHECK(ovid_database("prem") == "Ovid MEDLINE(R)");
  CHECK(ovid_database("pmnm8") == "Ovid MEDLINE(R)");
  CHECK(ovid_database("emexb") == "Embase");
  CHECK(ovid_database("psyc2") == "APA PsycInfo");
  CHECK(ovid_database("cctr") == "EBM Reviews - Cochrane Central Register of Controlled Trials");
  CHECK(ovid_database("zzz").empty());
  CHECK(database_from_url("http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=emed10&NEWS=N&AN=1") == "Embase");
  CHECK(database_from_url("https://app.dimensions.ai/details/publication/pub.1149029839") == "Dimensions");
  CHECK(database_from_url("https://lens.org/000-454-299-663-964") == "Lens.org");
  CHECK(database_from_url("https://www.scopus.com/inward/record.uri?eid=2-s2.0-1") == "Scopus");
  CHECK(database_from_url("https://doi.org/10.1/x").empty());
  CHECK(database_from_url("http://ovidsp.ovid.com/ovidweb.cgi?T=JS").empty());
}
