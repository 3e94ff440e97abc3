#include "synth/dedup/dedup.hpp"

#include "synth/util/text.hpp"

#include <functional>

namespace synth::dedup {

namespace {

// Picks the value of one field: the first record (kept first) that has one wins unless a
// later record has a fuller value by `better`.
void pick(MergedRecord& out, const std::vector<const Record*>& members, const char* field,
          const std::function<std::string(const Record&)>& get,
          const std::function<bool(const std::string&, const std::string&)>& better)
{
  std::string best;
  std::int64_t from = 0;
  for (const auto* r : members) {
    auto v = get(*r);
    if (v.empty()) {
      continue;
    }
    if (best.empty() || (better && better(v, best))) {
      best = std::move(v);
      from = r->id;
    }
  }
  if (!best.empty()) {
    out.fields.push_back(MergedField{field, std::move(best), from});
  }
}

bool longer(const std::string& a, const std::string& b) { return a.size() > b.size(); }

// A title in mixed case is better than one in capitals; then the longer one.
bool better_title(const std::string& a, const std::string& b)
{
  auto lower_count = [](const std::string& s) {
    std::size_t n = 0;
    for (char c : s) {
      n += (c >= 'a' && c <= 'z') ? 1 : 0;
    }
    return n;
  };
  bool a_mixed = lower_count(a) * 4 > a.size();
  bool b_mixed = lower_count(b) * 4 > b.size();
  if (a_mixed != b_mixed) {
    return a_mixed;
  }
  return false; // keep the earlier (kept) record's title
}

std::string authors_text(const Record& r)
{
  std::vector<std::string> parts;
  parts.reserve(r.authors.size());
  for (const auto& a : r.authors) {
    parts.push_back(a.given.empty() ? a.family : a.family + ", " + a.given);
  }
  return util::join(parts, "; ");
}

} // namespace

MergedRecord merge_records(const std::vector<const Record*>& members)
{
  MergedRecord out;
  if (members.empty()) {
    return out;
  }
  out.cluster_id = members.front()->id;
  pick(
    out, members, "title", [](const Record& r) { return r.title; }, better_title);
  pick(out, members, "authors", authors_text, longer);
  pick(out, members, "year", [](const Record& r) { return r.year ? std::to_string(*r.year) : std::string(); }, {});
  pick(
    out, members, "date", [](const Record& r) { return r.date; }, longer);
  pick(
    out, members, "journal", [](const Record& r) { return r.journal; }, longer);
  pick(out, members, "journal_abbrev", [](const Record& r) { return r.journal_abbrev; }, {});
  pick(out, members, "issn", [](const Record& r) { return r.issn; }, {});
  pick(out, members, "volume", [](const Record& r) { return r.volume; }, {});
  pick(out, members, "issue", [](const Record& r) { return r.issue; }, {});
  pick(
    out, members, "pages", [](const Record& r) { return r.pages; }, longer);
  pick(out, members, "doi", [](const Record& r) { return r.doi; }, {});
  pick(out, members, "pmid", [](const Record& r) { return r.pmid; }, {});
  pick(
    out, members, "abstract", [](const Record& r) { return r.abstract; }, longer);
  pick(out, members, "language", [](const Record& r) { return r.language; }, {});
  pick(out, members, "url", [](const Record& r) { return r.url; }, {});
  return out;
}

} // namespace synth::dedup
