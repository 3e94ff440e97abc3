#include "synth/project/stage_list.hpp"

#include "synth/dedup/blocking.hpp"
#include "synth/dedup/compare.hpp"
#include "synth/dedup/features.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace synth::project {

namespace {

std::optional<LabelColumn> column_named(const std::vector<std::string>& header,
                                        std::initializer_list<std::string_view> names, LabelColumn::Kind kind)
{
  for (auto name : names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (util::iequals(util::trim(header[i]), name)) {
        return LabelColumn{i, kind, std::string(util::trim(header[i]))};
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<LabelColumn> find_label_column(const std::vector<std::string>& header, bool full_text)
{
  using K = LabelColumn::Kind;
  if (!full_text) {
    if (auto c = column_named(header, {"label_abstract_screening"}, K::number)) {
      return c;
    }
  }
  if (auto c =
        column_named(header, {"included", "asreview_label", "label_included", "final_included", "label"}, K::number)) {
    return c;
  }
  return column_named(header, {"notes"}, K::rayyan);
}

Label rayyan_label(std::string_view notes)
{
  static constexpr std::string_view k_tag = "RAYYAN-INCLUSION:";
  auto at = notes.find(k_tag);
  if (at == std::string_view::npos) {
    return Label::undecided;
  }
  auto open = notes.find('{', at);
  auto close = open == std::string_view::npos ? open : notes.find('}', open);
  if (close == std::string_view::npos) {
    return Label::undecided;
  }
  // {"Ana"=>"Included", "Ben"=>"Excluded"}: the value after each "=>".
  std::string_view body = notes.substr(open + 1, close - open - 1);
  int included = 0, excluded = 0, other = 0;
  for (auto arrow = body.find("=>"); arrow != std::string_view::npos; arrow = body.find("=>", arrow + 2)) {
    auto q1 = body.find('"', arrow + 2);
    auto q2 = q1 == std::string_view::npos ? q1 : body.find('"', q1 + 1);
    if (q2 == std::string_view::npos) {
      return Label::undecided;
    }
    auto value = body.substr(q1 + 1, q2 - q1 - 1);
    if (util::iequals(value, "Included")) {
      ++included;
    } else if (util::iequals(value, "Excluded")) {
      ++excluded;
    } else {
      ++other;
    }
  }
  if (other == 0 && included > 0 && excluded == 0) {
    return Label::passed;
  }
  if (other == 0 && excluded > 0 && included == 0) {
    return Label::excluded;
  }
  return Label::undecided;
}

Label parse_label(const LabelColumn& column, std::string_view cell, std::string& error)
{
  error.clear();
  if (column.kind == LabelColumn::Kind::rayyan) {
    return rayyan_label(cell);
  }
  auto v = util::trim(cell);
  if (v.empty() || v == "-1") {
    return Label::undecided;
  }
  if (v == "1" || v == "1.0") {
    return Label::passed;
  }
  if (v == "0" || v == "0.0") {
    return Label::excluded;
  }
  error = fmt::format("{} '{}' is not 1, 0, -1 or empty", column.name, v);
  return Label::undecided;
}

std::vector<ListMatch> match_list(const std::vector<StoreRecord>& store, const std::vector<Record>& list)
{
  // Store records and list records in one set, so that dedup's blocking pairs them.
  std::vector<Record> all;
  all.reserve(store.size() + list.size());
  for (const auto& s : store) {
    all.push_back(*s.record);
  }
  for (const auto& r : list) {
    all.push_back(r);
  }
  const std::size_t n_store = store.size();
  std::vector<dedup::Features> features;
  features.reserve(all.size());
  dedup::JournalCache journals;
  for (const auto& r : all) {
    features.push_back(dedup::features(r, journals));
  }
  dedup::Options options;
  auto pairs = dedup::candidate_pairs(all, features, options.max_block, options.window);

  // Per list record: the store records compared "same", with the comparison's evidence.
  struct Same
  {
    std::size_t store_index;
    std::string evidence;
  };
  std::vector<std::vector<Same>> same(list.size());
  for (auto p : pairs) {
    std::size_t i = dedup::pair_first(p), j = dedup::pair_second(p);
    if (i >= n_store || j < n_store) {
      continue; // both of the store, or both of the list
    }
    auto c = dedup::compare(all[i], features[i], all[j], features[j], options);
    if (c.verdict == dedup::Verdict::same) {
      same[j - n_store].push_back({i, c.evidence});
    }
  }

  // Source and id in source of every store record (step 3).
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_source_id;
  for (std::size_t i = 0; i < n_store; ++i) {
    if (!all[i].source_id.empty()) {
      by_source_id[{util::fold(all[i].source), all[i].source_id}].push_back(i);
    }
  }

  std::vector<ListMatch> out(list.size());
  for (std::size_t k = 0; k < list.size(); ++k) {
    const auto& fl = features[n_store + k];
    auto decide = [&](const std::set<std::int64_t>& clusters, std::string how) {
      if (clusters.empty()) {
        return false;
      }
      auto& m = out[k];
      if (clusters.size() == 1) {
        m.status = ListMatch::Status::matched;
        m.kept_id = *clusters.begin();
      } else {
        m.status = ListMatch::Status::ambiguous;
        m.candidates.assign(clusters.begin(), clusters.end());
      }
      m.how = std::move(how);
      return true;
    };
    std::set<std::int64_t> by_doi, by_pmid, by_id, by_fields;
    std::string fields_evidence;
    for (const auto& s : same[k]) {
      const auto& fs = features[s.store_index];
      std::int64_t kept = store[s.store_index].kept_id;
      if (fl.same_doi(fs)) {
        by_doi.insert(kept);
      }
      if (fl.same_pmid(fs)) {
        by_pmid.insert(kept);
      }
      by_fields.insert(kept);
      if (fields_evidence.empty()) {
        fields_evidence = s.evidence;
      }
    }
    const auto& r = list[k];
    if (!r.source_id.empty()) {
      if (auto it = by_source_id.find({util::fold(r.source), r.source_id}); it != by_source_id.end()) {
        for (auto i : it->second) {
          by_id.insert(store[i].kept_id);
        }
      }
    }
    decide(by_doi, "doi") || decide(by_pmid, "pmid") || decide(by_id, "source id")
      || decide(by_fields, "fields: " + fields_evidence);
  }
  return out;
}

} // namespace synth::project
