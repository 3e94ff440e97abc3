// JSON rendering and reading of a flow, and the comparison behind --expect.
#include "synth/util/json.hpp"
#include "synth/core/error.hpp"
#include "synth/prisma/csv.hpp"
#include "synth/prisma/render.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace synth::prisma {

namespace {

std::int64_t json_count(const nlohmann::json& v, const std::string& where)
{
  if (v.is_number_integer() || v.is_number_unsigned()) {
    return v.get<std::int64_t>();
  }
  if (v.is_string()) {
    if (auto n = parse_count(v.get<std::string>(), where)) {
      return *n;
    }
  }
  throw Error(fmt::format("{}: expected a count, got {}", where, v.dump()));
}

std::vector<Count> sorted(std::vector<Count> counts)
{
  std::sort(counts.begin(), counts.end(),
            [](const Count& a, const Count& b) { return a.label < b.label || (a.label == b.label && a.n < b.n); });
  return counts;
}

std::string shown(const Flow& flow, const KeyInfo& info)
{
  if (info.kind == KeyKind::list) {
    const auto& list = *list_of(flow, info.key);
    if (list.empty()) {
      return "none";
    }
    std::string out;
    for (const auto& c : list) {
      out += fmt::format("{}{}, {}", out.empty() ? "" : "; ", c.label, c.n ? thousands(*c.n) : "NA");
    }
    return out;
  }
  auto v = value_of(flow, info.key);
  return v ? thousands(*v) : "absent";
}

} // namespace

nlohmann::json to_json(const Flow& flow)
{
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& info : flow_keys()) {
    std::string key(info.key);
    if (info.kind == KeyKind::list) {
      if (info.omit_when_empty && list_of(flow, key)->empty()) {
        continue;
      }
      auto arr = nlohmann::json::array();
      for (const auto& c : *list_of(flow, key)) {
        arr.push_back({{"label", c.label}, {"n", c.n ? nlohmann::json(*c.n) : nlohmann::json()}});
      }
      doc[key] = std::move(arr);
      if (key == "dbr_excluded" || key == "other_excluded") {
        doc[key + "_total"] = sum(*list_of(flow, key));
      }
    } else if (auto v = value_of(flow, key)) {
      doc[key] = *v;
    }
  }
  return doc;
}

Flow from_json(const nlohmann::json& doc, std::string_view name, std::vector<std::string>* keys)
{
  if (!doc.is_object()) {
    throw Error(fmt::format("{}: expected a JSON object with the PRISMA2020 keys", name));
  }
  Flow flow;
  for (const auto& [key, value] : doc.items()) {
    auto where = fmt::format("{}: {}", name, key);
    const auto* info = find_key(key);
    if (!info) {
      if (key.size() > 6 && key.ends_with("_total")) {
        continue;
      }
      throw Error(fmt::format("{}: unknown key '{}'", name, key),
                  "the keys are those of the PRISMA2020 template; see docs/prisma.md");
    }
    if (value.is_null()) {
      continue;
    }
    if (keys) {
      keys->push_back(key);
    }
    if (info->kind != KeyKind::list) {
      set_value(flow, key, json_count(value, where));
      continue;
    }
    auto& list = *list_of(flow, key);
    if (value.is_array()) {
      for (const auto& item : value) {
        if (!item.is_object() || !item.contains("label") || !item.contains("n") || !item["label"].is_string()) {
          throw Error(fmt::format("{}: expected {{\"label\": ..., \"n\": ...}}, got {}", where, item.dump()));
        }
        if (item["n"].is_null() && counts_may_be_unknown(key)) {
          list.push_back({item["label"].get<std::string>(), std::nullopt});
        } else {
          list.push_back({item["label"].get<std::string>(), json_count(item["n"], where)});
        }
      }
    } else if (value.is_object()) {
      for (const auto& [label, n] : value.items()) {
        list.push_back({label, json_count(n, where)});
      }
    } else if (value.is_string()) {
      list = parse_count_list(value.get<std::string>(), where, counts_may_be_unknown(key));
    } else {
      list.push_back({"Total", json_count(value, where)});
    }
  }
  return flow;
}

std::vector<Difference> compare(const Flow& expected, const Flow& actual, const std::vector<std::string>* only)
{
  std::vector<Difference> out;
  for (const auto& info : flow_keys()) {
    if (only && std::find(only->begin(), only->end(), info.key) == only->end()) {
      continue;
    }
    bool same = false;
    if (info.kind == KeyKind::list) {
      const auto& e = *list_of(expected, info.key);
      const auto& a = *list_of(actual, info.key);
      // A list given as one total compares by its sum.
      if (e.size() == 1 && e.front().label == "Total") {
        same = sum(e) == sum(a);
      } else {
        same = sorted(e) == sorted(a);
      }
    } else if (info.kind == KeyKind::optional) {
      // An absent optional key in the expected flow is not a claim.
      auto e = value_of(expected, info.key);
      same = !e || e == value_of(actual, info.key);
    } else {
      same = value_of(expected, info.key) == value_of(actual, info.key);
    }
    if (!same) {
      out.push_back({std::string(info.key), shown(expected, info), shown(actual, info)});
    }
  }
  return out;
}

Expected read_expected(const std::filesystem::path& path)
{
  Expected out;
  auto text = util::read_file(path);
  auto body = util::trim(text);
  if (body.starts_with("\xEF\xBB\xBF")) {
    body.remove_prefix(3);
  }
  if (!body.empty() && body.front() == '{') {
    nlohmann::json doc;
    if (auto failure = util::parse_json(body, doc)) {
      throw Error(
        fmt::format("{}:{}:{}: invalid JSON: {}", path.string(), failure->line, failure->column, failure->message));
    }
    out.flow = from_json(doc, path.string(), &out.keys);
    return out;
  }
  out.flow = parse_counts_csv(text, path.string(), &out.keys);
  return out;
}

std::string format_differences(const std::vector<Difference>& differences)
{
  std::string out;
  for (const auto& d : differences) {
    out += fmt::format("{}: expected {}, got {}\n", d.key, d.expected, d.actual);
  }
  return out;
}

} // namespace synth::prisma
