#include "synth/sources/search.hpp"

#include "synth/core/error.hpp"
#include "synth/core/version.hpp"
#include "synth/query/evaluate.hpp"
#include "synth/query/translate.hpp"
#include "synth/sources/crossref.hpp"
#include "synth/sources/pubmed.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>

namespace synth::sources {

namespace {

std::string env(const char* name, const std::string& fallback = {})
{
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::string relative_to(const std::filesystem::path& file, const std::filesystem::path& root)
{
  std::error_code ec;
  auto rel = std::filesystem::relative(file, root, ec);
  return ec || rel.empty() ? file.string() : rel.generic_string();
}

// A pending (not completed) result set of the same search, or nullopt.
std::optional<std::vector<std::string>> pending_ids(store::Store& store, const std::string& sent,
                                                    std::int64_t& count)
{
  auto st = store.prepare(
    "SELECT count, ids FROM search_result_sets WHERE database = 'PubMed' AND query_sent = ? "
    "AND search_id IS NULL ORDER BY id DESC LIMIT 1");
  st.bind(1, sent);
  if (!st.step()) {
    return std::nullopt;
  }
  count = st.column_int(0);
  std::vector<std::string> ids;
  std::string text = st.column_text(1); // split() gives views into it
  for (auto id : util::split(text, ',')) {
    if (!id.empty()) {
      ids.emplace_back(id);
    }
  }
  return ids;
}

std::int64_t save_result_set(store::Store& store, const std::string& sent, const ResultSet& rs)
{
  store::Store::Transaction tx(store);
  auto st = store.prepare(
    "INSERT INTO search_result_sets(database, query_sent, created_at, count, ids) VALUES('PubMed', ?, ?, ?, ?)");
  st.bind(1, sent).bind(2, store::now_utc()).bind(3, rs.count).bind(4, util::join(rs.ids, ","));
  st.run();
  tx.commit();
  auto q = store.prepare("SELECT last_insert_rowid()");
  q.step();
  return q.column_int(0);
}

} // namespace

void migrate_search_tables(store::Store& store)
{
  store.migrate("search", {R"(
CREATE TABLE search_result_sets (
  id INTEGER PRIMARY KEY,
  database TEXT NOT NULL,
  query_sent TEXT NOT NULL,
  created_at TEXT NOT NULL,
  count INTEGER NOT NULL,
  ids TEXT NOT NULL,            -- PMIDs in PubMed's order, comma separated
  search_id INTEGER             -- the searches row that completed it; NULL while pending
);
CREATE INDEX search_result_sets_sent ON search_result_sets(database, query_sent);
)"});
}

SearchOptions search_options_from_env()
{
  SearchOptions o;
  o.pubmed_url = env("SYNTH_PUBMED_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/");
  o.crossref_url = env("SYNTH_CROSSREF_URL", "https://api.crossref.org/");
  o.api_key = env("NCBI_API_KEY");
  o.email = env("SYNTH_EMAIL");
  if (auto m = env("SYNTH_ESEARCH_RETMAX"); !m.empty()) {
    o.esearch_max = std::max(1, std::atoi(m.c_str()));
  }
  o.http = net::HttpOptions::from_env();
  return o;
}

void describe_query(const query::QueryFile& query, store::SearchRun& run)
{
  run.query_file = query.path;
  run.query_text = query.text;
  switch (query::engine(query)) {
  case query::Engine::pubmed:
    run.database = "PubMed";
    run.query_sent = query::to_pubmed(query);
    break;
  case query::Engine::crossref: {
    run.database = "Crossref";
    auto cq = query::to_crossref(query);
    run.query_sent = Crossref::describe_query(cq.bibliographic, cq.filter);
    break;
  }
  case query::Engine::manual:
    // Not sent by synth: the strategy as it is to be run by hand, lines expanded and the
    // header limits written in PubMed's syntax.
    run.database = query.database;
    run.query_sent = query.expression ? query::to_pubmed(query) : std::string();
    break;
  }
}

SearchOutcome run_search(store::Store& store, const Project& project, const query::QueryFile& query,
                         const SearchOptions& options)
{
  SearchOutcome out;
  auto& run = out.run;
  run.kind = "search";
  run.tool_version = k_version;
  describe_query(query, run);
  auto eng = query::engine(query);
  if (eng == query::Engine::manual) {
    throw Error(fmt::format("{}: database '{}' has no API synth can query", query.path, query.database),
                fmt::format("run the strategy by hand, export the records, then: synth import --query {} FILE",
                            query.path));
  }
  migrate_search_tables(store);

  net::CurlTransport transport(options.http);
  net::HttpClient client(options.http, transport);
  client.on_retry = options.on_retry;
  net::ResponseCache cache(project.cache());
  net::Fetcher fetcher(cache, &client, options.cache_mode);
  if (options.on_request) {
    fetcher.on_fetch = [&](const net::Request& r, bool from_cache) { options.on_request(net::describe(r), from_cache); };
  }
  auto progress = [&](const std::string& what) {
    return [&, what](std::int64_t done, std::int64_t total) {
      if (options.progress) {
        options.progress(what, done, total);
      }
    };
  };

  std::vector<Record> records;
  std::int64_t result_set_id = 0;
  nlohmann::json details;
  run.run_at = store::now_utc();
  if (eng == query::Engine::pubmed) {
    PubMedOptions po;
    po.base_url = options.pubmed_url;
    po.api_key = options.api_key;
    po.email = options.email;
    po.batch_size = options.batch_size;
    po.max_ids = options.esearch_max;
    PubMed pubmed(fetcher, po);
    if (options.count_only) {
      run.hits_reported = pubmed.count(run.query_sent);
    } else {
      std::int64_t count = 0;
      std::optional<std::vector<std::string>> ids;
      if (options.cache_mode != net::CacheMode::refresh) {
        ids = pending_ids(store, run.query_sent, count);
      }
      if (ids) {
        details["resumed"] = true;
      } else {
        auto rs = pubmed.search(run.query_sent, query.date_from, query.date_to);
        count = rs.count;
        if (!rs.warning.empty()) {
          out.warnings.push_back(rs.warning);
        }
        for (const auto& m : rs.messages) {
          out.warnings.push_back("PubMed: " + m);
        }
        details["slices"] = rs.slices;
        if (!rs.translation.empty()) {
          details["query_translation"] = rs.translation;
        }
        result_set_id = save_result_set(store, run.query_sent, rs);
        ids = std::move(rs.ids);
      }
      run.hits_reported = count;
      progress("PubMed records")(0, static_cast<std::int64_t>(ids->size()));
      pubmed.fetch(*ids, [&](Record&& r) { records.push_back(std::move(r)); },
                   [&](std::size_t done, std::size_t total) {
                     progress("PubMed records")(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
                   });
      run.records_retrieved = static_cast<std::int64_t>(records.size());
      if (run.records_retrieved != static_cast<std::int64_t>(ids->size())) {
        out.warnings.push_back(fmt::format("PubMed returned {} of the {} records asked for",
                                           run.records_retrieved, ids->size()));
      }
      details["batch_size"] = options.batch_size;
    }
  } else {
    CrossrefOptions co;
    co.base_url = options.crossref_url;
    co.mailto = options.email;
    co.rows = options.crossref_rows;
    Crossref crossref(fetcher, co);
    auto cq = query::to_crossref(query);
    if (options.count_only) {
      run.hits_reported = crossref.count(cq.bibliographic, cq.filter);
    } else {
      query::CompiledQuery compiled(query);
      std::int64_t matched = 0;
      std::int64_t no_abstract = 0;
      std::map<std::string, std::int64_t> unhonoured;
      auto res = crossref.works(cq.bibliographic, cq.filter,
                                [&](Record&& r) {
                                  ++run.records_retrieved;
                                  no_abstract += r.abstract.empty() ? 1 : 0;
                                  for (auto& tag : compiled.unhonoured_tags(r)) {
                                    ++unhonoured[tag];
                                  }
                                  if (compiled.matches(r)) {
                                    ++matched;
                                    records.push_back(std::move(r));
                                  }
                                },
                                progress("Crossref records"));
      run.hits_reported = res.total_results;
      run.records_matched = matched;
      if (!res.warning.empty()) {
        out.warnings.push_back(res.warning);
      }
      details["pages"] = res.pages;
      details["rows"] = co.rows;
      details["without_abstract"] = no_abstract;
      if (!unhonoured.empty()) {
        details["unhonoured_tags"] = unhonoured; // tag -> works lacking that field
      }
      if (res.restarts) {
        details["cursor_restarts"] = res.restarts;
      }
      if (res.repeated) {
        details["repeated_works"] = res.repeated;
      }
      if (!res.rate_limit.empty()) {
        details["rate_limit"] = res.rate_limit;
      }
      if (!res.concurrency_limit.empty()) {
        details["concurrency_limit"] = res.concurrency_limit;
      }
    }
  }
  out.network_requests = fetcher.network_requests();
  out.cache_hits = fetcher.cache_hits();
  out.retries = client.stats().retries;
  out.rate_limited = client.stats().rate_limited;
  if (options.count_only) {
    return out;
  }
  for (auto& r : records) {
    r.provenance.file = relative_to(r.provenance.file, project.root);
  }
  details["requests"] = out.network_requests;
  details["cache_hits"] = out.cache_hits;
  if (!out.warnings.empty()) {
    details["warnings"] = out.warnings;
  }
  run.details = details.dump();

  store::Store::Transaction tx(store);
  store.add_search(run);
  for (auto& r : records) {
    if (store.insert_record(r, run.id)) {
      ++run.records_new;
    }
  }
  store.update_search(run);
  if (result_set_id == 0 && eng == query::Engine::pubmed) {
    auto st = store.prepare("UPDATE search_result_sets SET search_id = ? WHERE database = 'PubMed' "
                            "AND query_sent = ? AND search_id IS NULL");
    st.bind(1, run.id).bind(2, run.query_sent);
    st.run();
  } else if (result_set_id != 0) {
    auto st = store.prepare("UPDATE search_result_sets SET search_id = ? WHERE id = ?");
    st.bind(1, run.id).bind(2, result_set_id);
    st.run();
  }
  tx.commit();
  out.stored = true;
  return out;
}

} // namespace synth::sources
