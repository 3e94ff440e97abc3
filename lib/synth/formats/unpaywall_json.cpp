#include "synth/formats/unpaywall_json.hpp"

#include "synth/core/error.hpp"
#include "synth/util/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace synth::formats {

namespace {

using nlohmann::json;

// The string member `key` of `obj`: "" when absent or null; an error for another type.
std::string text_of(const json& obj, const char* key, const std::string& label)
{
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    return {};
  }
  if (!it->is_string()) {
    throw Error(fmt::format("{}: not an Unpaywall answer: '{}' is not a string", label, key));
  }
  return it->get<std::string>();
}

} // namespace

UnpaywallAnswer read_unpaywall_answer(std::string_view text, const std::string& label)
{
  json doc;
  if (auto failure = util::parse_json(text, doc)) {
    throw Error(fmt::format("{}:{}:{}: malformed JSON: {}", label, failure->line, failure->column, failure->message));
  }
  if (!doc.is_object()) {
    throw Error(fmt::format("{}: not an Unpaywall answer: not a JSON object", label));
  }
  UnpaywallAnswer a;
  a.doi = text_of(doc, "doi", label);
  auto oa = doc.find("is_oa");
  if (a.doi.empty() || oa == doc.end() || !oa->is_boolean()) {
    throw Error(fmt::format("{}: not an Unpaywall answer: no doi and is_oa", label));
  }
  a.is_oa = oa->get<bool>();
  a.oa_status = text_of(doc, "oa_status", label);
  a.updated = text_of(doc, "updated", label);
  auto best = doc.find("best_oa_location");
  if (best != doc.end() && !best->is_null()) {
    if (!best->is_object()) {
      throw Error(fmt::format("{}: not an Unpaywall answer: 'best_oa_location' is not an object", label));
    }
    a.best_url = text_of(*best, "url", label);
    a.pdf_url = text_of(*best, "url_for_pdf", label);
    a.landing_url = text_of(*best, "url_for_landing_page", label);
    a.license = text_of(*best, "license", label);
    a.host_type = text_of(*best, "host_type", label);
    a.version = text_of(*best, "version", label);
    if (a.best_url.empty()) {
      a.best_url = !a.pdf_url.empty() ? a.pdf_url : a.landing_url;
    }
  }
  return a;
}

} // namespace synth::formats
