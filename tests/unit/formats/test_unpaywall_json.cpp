// The Unpaywall answer reader on the real answers recorded in paper-qa's cassettes
// ($SYNTH_FIXTURES/unpaywall/paperqa_cassettes: gzip bodies stored as YAML !!binary), and on
// what is not an answer.
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/unpaywall_json.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using namespace synth;
using namespace synth::formats;
namespace fs = std::filesystem;

namespace {

std::string base64_decode(std::string_view text)
{
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    auto pos = alphabet.find(c);
    if (pos == std::string::npos) {
      continue; // line breaks, padding
    }
    value = (value << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}

// The body answering each /v2/{doi} request of a cassette: the `string: !!binary |` block after
// the request's uri, base64 decoded, gunzipped (util::read_file decompresses).
std::map<std::string, std::string> unpaywall_bodies(const fs::path& cassette)
{
  std::map<std::string, std::string> out;
  auto yaml = util::read_file(cassette);
  std::size_t pos = 0;
  const std::string uri = "uri: https://api.unpaywall.org/v2/";
  while ((pos = yaml.find(uri, pos)) != std::string::npos) {
    pos += uri.size();
    auto doi = yaml.substr(pos, yaml.find_first_of("?\n", pos) - pos);
    auto body = yaml.find("string: !!binary |\n", pos);
    if (doi == "search" || body == std::string::npos) {
      continue;
    }
    std::size_t i = body + 19;
    std::string b64;
    while (i < yaml.size()) {
      auto end = yaml.find('\n', i);
      std::string_view line(yaml.data() + i, (end == std::string::npos ? yaml.size() : end) - i);
      auto first = line.find_first_not_of(' ');
      if (first == std::string_view::npos || first < 10 || line.find(':') != std::string_view::npos) {
        break;
      }
      b64 += line.substr(first);
      i = end == std::string::npos ? yaml.size() : end + 1;
    }
    auto tmp = fs::temp_directory_path() / ("synth-unpaywall-" + std::to_string(out.size()) + ".gz");
    {
      std::ofstream f(tmp, std::ios::binary);
      f << base64_decode(b64);
    }
    out[doi] = util::read_file(tmp);
    fs::remove(tmp);
  }
  return out;
}

} // namespace

TEST_CASE("unpaywall: every recorded answer, field by field")
{
  SYNTH_REQUIRE_FIXTURES();
  std::map<std::string, std::string> bodies;
  for (const auto& f : fs::directory_iterator(test::fixture("unpaywall/paperqa_cassettes"))) {
    for (auto& [doi, body] : unpaywall_bodies(f.path())) {
      bodies[doi] = body;
    }
  }
  REQUIRE(bodies.size() == 5);
  for (const auto& [doi, body] : bodies) {
    INFO(doi);
    auto doc = nlohmann::json::parse(body);
    auto a = read_unpaywall_answer(body, doi);
    CHECK(a.doi == doi);
    CHECK(a.is_oa == doc["is_oa"].get<bool>());
    CHECK(a.oa_status == doc["oa_status"].get<std::string>());
    const auto& best = doc["best_oa_location"];
    CHECK(a.best_url == (best.is_object() ? best["url"].get<std::string>() : ""));
    CHECK(a.license == (best.is_object() && best["license"].is_string() ? best["license"].get<std::string>() : ""));
    CHECK(a.host_type == (best.is_object() ? best["host_type"].get<std::string>() : ""));
  }
  auto gold = read_unpaywall_answer(bodies.at("10.1016/j.xgen.2025.100814"), "a");
  CHECK(gold.is_oa);
  CHECK(gold.oa_status == "gold");
  CHECK(gold.license == "cc-by");
  CHECK(gold.host_type == "publisher");
  auto bronze = read_unpaywall_answer(bodies.at("10.1073/pnas.1414271111"), "b");
  CHECK(bronze.oa_status == "bronze");
  CHECK(bronze.pdf_url == "https://www.pnas.org/content/pnas/111/45/E4832.full.pdf");
  auto closed = read_unpaywall_answer(bodies.at("10.1023/a:1007154515475"), "c");
  CHECK_FALSE(closed.is_oa);
  CHECK(closed.oa_status == "closed");
  CHECK(closed.best_url.empty());
  CHECK(closed.pdf_url.empty());
}

TEST_CASE("unpaywall: what is not an answer is refused, naming the place")
{
  auto fails = [](std::string_view text) {
    try {
      read_unpaywall_answer(text, "cache/x.body");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(fails("{\"doi\": \"10.1/x\",\n \"is_oa\": tru}")
        == "cache/x.body:2:14: malformed JSON: syntax error while parsing value - invalid literal; last read: "
           "'\"is_oa\": tru}'");
  CHECK(fails("[1, 2]") == "cache/x.body: not an Unpaywall answer: not a JSON object");
  CHECK(fails("{\"HTTP_status_code\": 404, \"error\": true}")
        == "cache/x.body: not an Unpaywall answer: no doi and "
           "is_oa");
  CHECK(fails("{\"doi\": \"10.1/x\", \"is_oa\": true, \"best_oa_location\": {\"url\": 3}}")
        == "cache/x.body: not an Unpaywall answer: 'url' is not a string");
  auto a = read_unpaywall_answer(R"({"doi": "10.1/x", "is_oa": true, "best_oa_location":
    {"url": null, "url_for_pdf": null, "url_for_landing_page": "https://x.org/landing"}})",
                                 "x");
  CHECK(a.best_url == "https://x.org/landing");
  CHECK(a.oa_status.empty());
}
