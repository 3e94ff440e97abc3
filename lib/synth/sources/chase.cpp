#include "synth/sources/chase.hpp"

#include "synth/core/error.hpp"
#include "synth/core/version.hpp"
#include "synth/sources/openalex.hpp"
#include "synth/store/chase.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

namespace synth::sources {

namespace {

std::string env(const char* name, const std::string& fallback = {})
{
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// Batches of at most k_openalex_max_or values joined by '|'.
std::vector<std::vector<std::string>> batches(const std::vector<std::string>& values, std::size_t size)
{
  std::vector<std::vector<std::string>> out;
  for (std::size_t i = 0; i < values.size(); i += size) {
    out.emplace_back(values.begin() + static_cast<long>(i),
                     values.begin() + static_cast<long>(std::min(values.size(), i + size)));
  }
  return out;
}

// A title as a title.search value: words only (the filter syntax's ',' '|' ':' removed).
std::string title_words(const std::string& title)
{
  auto folded = util::fold(title);
  for (char& c : folded) {
    if (c == ',' || c == '|' || c == ':' || c == '"' || c == '(' || c == ')') {
      c = ' ';
    }
  }
  auto text = util::collapse_space(folded);
  auto words = util::split(text, ' '); // views into text
  std::vector<std::string> keep;
  for (auto w : words) {
    if (!w.empty() && keep.size() < 20) {
      keep.emplace_back(w);
    }
  }
  return util::join(keep, " ");
}

struct Found
{
  formats::OpenAlexWork work;
  std::vector<std::pair<std::string, std::string>> links; // (seed label, direction)
  std::string request;
};

} // namespace

ChaseOptions chase_options_from_env()
{
  ChaseOptions o;
  o.openalex_url = env("SYNTH_OPENALEX_URL", "https://api.openalex.org");
  o.api_key = env("OPENALEX_API_KEY");
  o.email = env("SYNTH_EMAIL");
  o.http = net::HttpOptions::from_env();
  return o;
}

std::string seed_label(const Record& seed)
{
  if (seed.source == "OpenAlex" || seed.source == "Citation searching") {
    if (auto id = formats::openalex_work_id(seed.source_id); !id.empty()) {
      return id;
    }
  }
  if (!seed.doi.empty()) {
    return "doi:" + seed.doi;
  }
  if (!seed.pmid.empty()) {
    return "pmid:" + seed.pmid;
  }
  auto title = util::collapse_space(seed.title);
  auto words = util::split(title, ' '); // views into title
  std::vector<std::string> first;
  for (auto w : words) {
    if (first.size() < 8) {
      first.emplace_back(w);
    }
  }
  return "title:" + util::join(first, " ");
}

namespace {

// The seeds found in OpenAlex: their works and the label each stands for in provenance.
struct SeedWorks
{
  std::map<std::string, formats::OpenAlexWork> works; // OpenAlex id -> work
  std::map<std::string, std::string> label_of;        // OpenAlex id -> seed label
};

// Finds the seeds in OpenAlex by OpenAlex id, DOI and PMID (batched filters), then by
// title; counts the resolved seeds and lists the others in `out`.
class SeedResolver
{
public:
  SeedResolver(OpenAlex& oa, const std::vector<Record>& seeds) : m_oa(oa), m_seeds(seeds), m_done(seeds.size(), false)
  {
  }

  SeedWorks resolve(ChaseOutcome& out)
  {
    by_identifiers();
    by_titles();
    for (std::size_t i = 0; i < m_seeds.size(); ++i) {
      if (m_done[i]) {
        ++out.resolved;
      } else {
        out.unresolved.push_back(seed_label(m_seeds[i]));
      }
    }
    return std::move(m_found);
  }

private:
  struct Key
  {
    const char* filter;
    std::function<std::string(const Record&)> value;
    std::function<std::string(const formats::OpenAlexWork&)> of_work;
  };

  void take(std::size_t i, formats::OpenAlexWork w)
  {
    m_done[i] = true;
    auto id = w.record.source_id;
    auto label = seed_label(m_seeds[i]);
    m_found.label_of.emplace(id, label == id ? id : id + " (" + label + ")");
    m_found.works.emplace(id, std::move(w));
  }

  void by_identifiers()
  {
    const std::vector<Key> keys = {
      {"openalex",
       [](const Record& r) {
         return r.source == "OpenAlex" || r.source == "Citation searching" ? formats::openalex_work_id(r.source_id)
                                                                           : std::string();
       },
       [](const formats::OpenAlexWork& w) { return w.record.source_id; }},
      {"doi", [](const Record& r) { return r.doi; }, [](const formats::OpenAlexWork& w) { return w.record.doi; }},
      {"ids.pmid", [](const Record& r) { return r.pmid; },
       [](const formats::OpenAlexWork& w) { return w.record.pmid; }},
    };
    for (const auto& key : keys) {
      by_key(key);
    }
  }

  void by_key(const Key& key)
  {
    std::map<std::string, std::vector<std::size_t>> wanted;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < m_seeds.size(); ++i) {
      if (m_done[i]) {
        continue;
      }
      auto v = key.value(m_seeds[i]);
      if (v.empty()) {
        continue;
      }
      if (wanted[util::to_lower(v)].empty()) {
        values.push_back(v);
      }
      wanted[util::to_lower(v)].push_back(i);
    }
    for (const auto& batch : batches(values, 50)) {
      std::set<std::string> seen;
      m_oa.works(std::string(key.filter) + ":" + util::join(batch, "|"), seen, [&](formats::OpenAlexWork&& w) {
        auto it = wanted.find(util::to_lower(key.of_work(w)));
        if (it == wanted.end()) {
          return;
        }
        for (auto i : it->second) {
          if (!m_done[i]) {
            take(i, w);
          }
        }
      });
    }
  }

  void by_titles()
  {
    for (std::size_t i = 0; i < m_seeds.size(); ++i) {
      if (m_done[i] || util::trim(m_seeds[i].title).empty()) {
        continue;
      }
      auto words = title_words(m_seeds[i].title);
      if (words.empty()) {
        continue;
      }
      auto want = util::fold(m_seeds[i].title);
      std::set<std::string> seen;
      m_oa.works("title.search:" + words, seen, [&](formats::OpenAlexWork&& w) {
        if (!m_done[i] && util::fold(w.record.title) == want) {
          take(i, std::move(w));
        }
      });
    }
  }

  OpenAlex& m_oa;
  const std::vector<Record>& m_seeds;
  std::vector<bool> m_done;
  SeedWorks m_found;
};

// The chase proper, level by level from the seeds: the works each level's frontier cites
// (backward) and the works citing it (forward), each kept once with every (seed, direction)
// that reached it.
class Chaser
{
public:
  Chaser(OpenAlex& oa, const std::string& last_request, const ChaseOptions& options, ChaseOutcome& out)
    : m_oa(oa), m_last_request(last_request), m_options(options), m_out(out)
  {
  }

  void run(const SeedWorks& seeds)
  {
    for (const auto& [id, w] : seeds.works) {
      m_seed_ids.insert(id);
    }
    m_frontier = seeds.label_of;
    m_frontier_works = seeds.works;
    for (int level = 1; level <= std::max(1, m_options.depth) && !m_frontier.empty(); ++level) {
      m_next.clear();
      m_next_works.clear();
      if (m_options.backward) {
        backward(level);
      }
      if (m_options.forward) {
        forward();
      }
      m_frontier = std::move(m_next);
      m_frontier_works = std::move(m_next_works);
    }
    m_out.references_missing.assign(m_missing.begin(), m_missing.end());
  }

  std::map<std::string, Found>& found() { return m_found; }
  std::int64_t seeds_among_results() const { return m_seeds_among_results; }

private:
  void add(const formats::OpenAlexWork& w, const std::string& label, const char* direction)
  {
    const auto& id = w.record.source_id;
    if (m_seed_ids.count(id)) {
      ++m_seeds_among_results;
      return;
    }
    auto [it, fresh] = m_found.try_emplace(id);
    if (fresh) {
      it->second.work = w;
      it->second.request = m_last_request;
      m_next.emplace(id, label);
      m_next_works.emplace(id, w);
    }
    std::pair<std::string, std::string> link{label, direction};
    if (std::find(it->second.links.begin(), it->second.links.end(), link) == it->second.links.end()) {
      it->second.links.push_back(std::move(link));
    }
  }

  void backward(int level)
  {
    std::map<std::string, std::vector<std::string>> cited_by; // reference -> seed labels
    std::vector<std::string> refs;
    for (const auto& [id, w] : m_frontier_works) {
      if (w.referenced_works.empty()) {
        if (level == 1) {
          m_out.no_references.push_back(m_frontier[id]);
        }
        continue;
      }
      for (const auto& r : w.referenced_works) {
        auto& labels = cited_by[r];
        if (labels.empty()) {
          refs.push_back(r);
        }
        if (std::find(labels.begin(), labels.end(), m_frontier[id]) == labels.end()) {
          labels.push_back(m_frontier[id]);
        }
      }
    }
    if (level == 1) {
      m_out.references_listed = static_cast<std::int64_t>(refs.size());
    }
    std::set<std::string> got;
    for (const auto& batch : batches(refs, k_openalex_max_or)) {
      std::set<std::string> seen;
      m_oa.works("openalex:" + util::join(batch, "|"), seen, [&](formats::OpenAlexWork&& w) {
        got.insert(w.record.source_id);
        for (const auto& label : cited_by[w.record.source_id]) {
          add(w, label, "backward");
        }
      });
    }
    for (const auto& r : refs) {
      if (!got.count(r)) {
        m_missing.insert(r);
      }
    }
  }

  void forward()
  {
    std::vector<std::string> ids;
    ids.reserve(m_frontier.size());
    for (const auto& [id, label] : m_frontier) {
      ids.push_back(id);
    }
    for (const auto& batch : batches(ids, k_openalex_max_or)) {
      std::set<std::string> seen;
      m_oa.works("cites:" + util::join(batch, "|"), seen, [&](formats::OpenAlexWork&& w) {
        bool any = false;
        for (const auto& r : w.referenced_works) {
          if (auto it = m_frontier.find(r); it != m_frontier.end()) {
            add(w, it->second, "forward");
            any = true;
          }
        }
        if (!any) { // OpenAlex says it cites one of the batch, without listing which
          for (const auto& id : batch) {
            add(w, m_frontier[id], "forward");
          }
        }
      });
    }
  }

  OpenAlex& m_oa;
  const std::string& m_last_request;
  const ChaseOptions& m_options;
  ChaseOutcome& m_out;
  std::set<std::string> m_seed_ids;
  std::map<std::string, std::string> m_frontier, m_next; // id -> label of the seed it stands for
  std::map<std::string, formats::OpenAlexWork> m_frontier_works, m_next_works;
  std::map<std::string, Found> m_found; // OpenAlex id -> work and its links
  std::set<std::string> m_missing;
  std::int64_t m_seeds_among_results = 0;
};

nlohmann::json chase_details(const ChaseOptions& options, const ChaseOutcome& out, std::int64_t seeds_among_results)
{
  nlohmann::json details = {{"prisma_group", "citations"},
                            {"method", "citation chase"},
                            {"service", "OpenAlex"},
                            {"from", options.from},
                            {"backward", options.backward},
                            {"forward", options.forward},
                            {"depth", options.depth},
                            {"seeds", out.seeds},
                            {"seeds_resolved", out.resolved},
                            {"seeds_unresolved", out.unresolved},
                            {"seeds_without_references", out.no_references},
                            {"references_listed", out.references_listed},
                            {"references_not_returned", out.references_missing.size()},
                            {"references_not_returned_ids", out.references_missing}};
  if (seeds_among_results) {
    details["seeds_among_results"] = seeds_among_results;
  }
  return details;
}

// The works found stored as records of "Citation searching", each with its provenance.
void store_found(store::Store& store, store::SearchRun& run, std::map<std::string, Found>& found, ChaseOutcome& out)
{
  for (auto& [id, f] : found) {
    Record r = f.work.record;
    r.source = "Citation searching";
    bool back = false;
    bool fwd = false;
    for (const auto& [label, direction] : f.links) {
      (direction == "backward" ? back : fwd) = true;
    }
    out.backward += back ? 1 : 0;
    out.forward += fwd ? 1 : 0;
    ++run.records_retrieved;
    if (store.insert_record(r, run.id)) {
      ++run.records_new;
    }
    for (const auto& [label, direction] : f.links) {
      store::ChaseLink link{r.id, run.id, label, direction, run.run_at, f.request};
      store::add_chase_link(store, link);
      ++out.links;
    }
  }
}

} // namespace

ChaseOutcome run_chase(store::Store& store, const Project& project, const std::vector<Record>& seeds,
                       const ChaseOptions& options)
{
  if (!options.backward && !options.forward) {
    throw Error("nothing to chase: give --backward, --forward or both");
  }
  ChaseOutcome out;
  auto& run = out.run;
  run.kind = "search"; // the store knows searches and imports; details.method says "citation chase"
  run.database = "Citation searching";
  run.tool_version = k_version;
  run.run_at = store::now_utc();
  store::migrate_chase(store);

  net::CurlTransport transport(options.http);
  net::HttpClient client(options.http, transport);
  client.on_retry = options.on_retry;
  net::ResponseCache cache(project.cache());
  net::Fetcher fetcher(cache, &client, options.cache_mode);
  std::string last_request;
  fetcher.on_fetch = [&](const net::Request& r, bool from_cache) {
    last_request = net::describe(r);
    if (options.on_request) {
      options.on_request(last_request, from_cache);
    }
  };
  OpenAlexOptions oo;
  oo.base_url = options.openalex_url;
  oo.api_key = options.api_key;
  oo.mailto = options.email;
  OpenAlex oa(fetcher, oo);

  out.seeds = static_cast<std::int64_t>(seeds.size());
  auto seed_works = SeedResolver(oa, seeds).resolve(out);
  Chaser chaser(oa, last_request, options, out);
  chaser.run(seed_works);

  auto details = chase_details(options, out, chaser.seeds_among_results());
  run.query_sent = fmt::format("OpenAlex citation chase ({}{}{}), depth {}, from {}",
                               options.backward ? "backward" : "", options.backward && options.forward ? " and " : "",
                               options.forward ? "forward" : "", options.depth, options.from);
  store::Store::Transaction tx(store);
  store.add_search(run);
  store_found(store, run, chaser.found(), out);
  out.network_requests = fetcher.network_requests();
  out.cache_hits = fetcher.cache_hits();
  details["found_backward"] = out.backward;
  details["found_forward"] = out.forward;
  details["links"] = out.links;
  details["requests"] = out.network_requests;
  details["cache_hits"] = out.cache_hits;
  if (!oa.rate_limit().empty()) {
    details["rate_limit"] = oa.rate_limit();
  }
  run.hits_reported = static_cast<std::int64_t>(chaser.found().size());
  run.details = store::details_from_json(details); // typed where the keys are known
  store.update_search(run);
  tx.commit();
  return out;
}

} // namespace synth::sources
