#include "synth/util/json.hpp"

#include <catch2/catch.hpp>

using synth::util::parse_json;

TEST_CASE("parse_json: a valid document, and each failure with line and column")
{
  nlohmann::json doc;
  CHECK_FALSE(parse_json(R"({"a": [1, 2.5, "x"]})", doc));
  CHECK(doc["a"][1] == 2.5);

  auto f = parse_json("{\"a\": 1,\n \"b\": 164e9035733925}", doc);
  REQUIRE(f);
  CHECK(f->line == 2);
  CHECK(f->column == 7);
  CHECK(f->message == "number overflow parsing '164e9035733925'");
  CHECK(doc.is_null()); // nothing half-built is left behind

  f = parse_json("[1,\n2,\n", doc);
  REQUIRE(f);
  CHECK(f->line == 3);
  CHECK(f->message.find("unexpected end of input") != std::string::npos);

  f = parse_json("", doc);
  REQUIRE(f);
  CHECK(f->line == 1);
}

TEST_CASE("parse_json: nesting deeper than the limit is refused at the bracket that passes it")
{
  nlohmann::json doc;
  std::string ok(synth::util::k_json_max_depth, '[');
  ok += std::string(synth::util::k_json_max_depth, ']');
  CHECK_FALSE(parse_json(ok, doc));
  auto f = parse_json("\n" + std::string(200000, '['), doc);
  REQUIRE(f);
  CHECK(f->line == 2);
  CHECK(f->column == synth::util::k_json_max_depth + 1);
  CHECK(f->message == "arrays and objects nested more than 1000 deep");
}

TEST_CASE("dump_json replaces invalid UTF-8 instead of throwing")
{
  nlohmann::json v = std::string("a\xFF");
  CHECK(synth::util::dump_json(v) == "\"a\xEF\xBF\xBD\"");
}
