#include "synth/store/search_details.hpp"

#include "synth/util/json.hpp"

namespace synth::store {

namespace {

void put(nlohmann::json& j, const char* key, const std::optional<std::int64_t>& v)
{
  if (v) {
    j[key] = *v;
  }
}

std::optional<std::int64_t> integer(const nlohmann::json& j, const char* key)
{
  auto it = j.find(key);
  if (it != j.end() && it->is_number_integer()) {
    return it->get<std::int64_t>();
  }
  return std::nullopt;
}

std::string text_of(const nlohmann::json& j, const char* key)
{
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

constexpr const char* k_typed[] = {"warnings", "prisma_group", "skipped",    "deleted",
                                   "repeated", "requests",     "cache_hits", "findings"};

} // namespace

nlohmann::json details_to_json(const SearchDetails& d)
{
  nlohmann::json j = d.engine.is_object() ? d.engine : nlohmann::json::object();
  if (!d.findings.empty()) {
    auto list = nlohmann::json::array();
    for (const auto& f : d.findings) {
      list.push_back({{"code", f.code},
                      {"severity", f.severity},
                      {"line", f.line},
                      {"col", f.col},
                      {"message", f.message},
                      {"fix", f.fix}});
    }
    j["findings"] = list;
  }
  put(j, "skipped", d.skipped);
  put(j, "deleted", d.deleted);
  put(j, "repeated", d.repeated);
  put(j, "requests", d.requests);
  put(j, "cache_hits", d.cache_hits);
  if (!d.prisma_group.empty()) {
    j["prisma_group"] = d.prisma_group;
  }
  j["warnings"] = d.warnings;
  return j;
}

std::string encode_details(const SearchDetails& d) { return details_to_json(d).dump(); }

SearchDetails details_from_json(std::string_view text)
{
  SearchDetails d;
  if (text.empty()) {
    return d;
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) {
    d.warnings.emplace_back(text);
    return d;
  }
  return details_from_json(j);
}

SearchDetails details_from_json(const nlohmann::json& value)
{
  SearchDetails d;
  auto j = value;
  if (!j.is_object()) {
    if (!j.is_null()) {
      d.warnings.push_back(util::dump_json(j));
    }
    return d;
  }
  if (auto w = j.find("warnings"); w != j.end()) {
    if (w->is_array()) {
      for (const auto& x : *w) {
        d.warnings.push_back(x.is_string() ? x.get<std::string>() : x.dump());
      }
    } else if (w->is_number_integer() && w->get<std::int64_t>() > 0) {
      // synth's importer once logged only how many warnings there were
      d.warnings.push_back(std::to_string(w->get<std::int64_t>())
                           + " warnings (their text was not kept by the synth version that ran this)");
    }
  }
  d.prisma_group = text_of(j, "prisma_group");
  d.skipped = integer(j, "skipped");
  d.deleted = integer(j, "deleted");
  d.repeated = integer(j, "repeated");
  d.requests = integer(j, "requests");
  d.cache_hits = integer(j, "cache_hits");
  if (auto f = j.find("findings"); f != j.end() && f->is_array()) {
    for (const auto& x : *f) {
      if (x.is_object()) {
        d.findings.push_back({x.value("code", ""), x.value("severity", ""), x.value("line", 0), x.value("col", 0),
                              x.value("message", ""), x.value("fix", "")});
      }
    }
  }
  for (const char* key : k_typed) {
    j.erase(key);
  }
  d.engine = std::move(j);
  return d;
}

} // namespace synth::store
