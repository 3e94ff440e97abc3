// searches.details: one typed struct, one JSON codec, and rows older versions wrote.
#include "synth/store/search_details.hpp"

#include <catch2/catch.hpp>

using namespace synth::store;

TEST_CASE("search details: an import's details keep their keys and round-trip", "[store][details]")
{
  SearchDetails d;
  d.skipped = 2;
  d.deleted = 1;
  d.repeated = 0;
  d.prisma_group = "citations";
  d.warnings = {"line 12: record has no title", "record 3: year 20x1 is not a year"};
  auto j = details_to_json(d);
  CHECK(j["skipped"] == 2);
  CHECK(j["deleted"] == 1);
  CHECK(j["repeated"] == 0);
  CHECK(j["prisma_group"] == "citations");
  CHECK(j["warnings"].size() == 2);
  CHECK_FALSE(j.contains("requests"));
  auto back = details_from_json(encode_details(d));
  CHECK(back.skipped == 2);
  CHECK(back.deleted == 1);
  CHECK(back.repeated == 0);
  CHECK(back.prisma_group == "citations");
  CHECK(back.warnings == d.warnings);
  CHECK(back.engine.empty());
}

TEST_CASE("search details: a search's findings and engine keys round-trip", "[store][details]")
{
  SearchDetails d;
  d.requests = 7;
  d.cache_hits = 3;
  d.findings.push_back({"OP-CASE", "warning", 4, 29, "lower-case or is a search word", "write OR"});
  d.engine["slices"] = 3;
  d.engine["query_translation"] = "\"mental illness\"[tiab]";
  auto j = details_to_json(d);
  CHECK(j["slices"] == 3);
  CHECK(j["findings"][0]["code"] == "OP-CASE");
  CHECK(j["findings"][0]["col"] == 29);
  auto back = details_from_json(j.dump());
  CHECK(back.requests == 7);
  CHECK(back.cache_hits == 3);
  REQUIRE(back.findings.size() == 1);
  CHECK(back.findings[0].line == 4);
  CHECK(back.findings[0].fix == "write OR");
  CHECK(back.engine == nlohmann::json({{"slices", 3}, {"query_translation", "\"mental illness\"[tiab]"}}));
  // the same from the JSON value itself (a search engine's details, no text round trip)
  auto direct = details_from_json(j);
  CHECK(encode_details(direct) == encode_details(back));
  CHECK(j["findings"][0]["code"] == "OP-CASE"); // the value given is left as it was
  CHECK(details_from_json(nlohmann::json::array({1})).warnings == std::vector<std::string>{"[1]"});
}

TEST_CASE("search details: rows of older versions read without loss", "[store][details]")
{
  // the importer once logged the number of warnings, not their text
  auto old = details_from_json(R"({"skipped":0,"warnings":2,"deleted":0})");
  REQUIRE(old.warnings.size() == 1);
  CHECK(old.warnings[0] == "2 warnings (their text was not kept by the synth version that ran this)");
  CHECK(details_from_json(R"({"warnings":0})").warnings.empty());
  // a search without warnings left the key out
  CHECK(details_from_json(R"({"requests":1})").warnings.empty());
  CHECK(details_from_json("").warnings.empty());
  // text that is not a JSON object is kept as a warning, never dropped
  auto odd = details_from_json("not json");
  REQUIRE(odd.warnings.size() == 1);
  CHECK(odd.warnings[0] == "not json");
}
