#include "synth/sources/search.hpp"

#include "synth/core/error.hpp"
#include "synth/core/version.hpp"
#include "synth/query/translate.hpp"
#include "synth/sources/crossref.hpp"
#include "synth/sources/search_engines.hpp"
#include "synth/store/result_sets.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>

namespace synth::sources {

namespace {

std::string env(const char* name, const std::string& fallback = {})
{
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// Paths of cache files relative to the project root, as records keep them. Computed once
// per folder: std::filesystem::relative resolves symlinks (a readlink per component).
class RelativePaths
{
public:
  explicit RelativePaths(std::filesystem::path root) : m_root(std::move(root)) {}
  std::string operator()(const std::string& file)
  {
    std::filesystem::path path(file);
    auto dir = path.parent_path().string();
    auto it = m_dirs.find(dir);
    if (it == m_dirs.end()) {
      std::error_code ec;
      auto rel = std::filesystem::relative(path.parent_path(), m_root, ec);
      it = m_dirs.emplace(dir, ec || rel.empty() ? std::string() : rel.generic_string()).first;
    }
    if (it->second.empty()) {
      return file;
    }
    return it->second == "." ? path.filename().string() : it->second + "/" + path.filename().string();
  }

private:
  std::filesystem::path m_root;
  std::map<std::string, std::string> m_dirs;
};

} // namespace

void migrate_search_tables(store::Store& store) { store::migrate_result_sets(store); }

SearchOptions search_options_from_env()
{
  SearchOptions o;
  o.pubmed_url = env("SYNTH_PUBMED_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/");
  o.crossref_url = env("SYNTH_CROSSREF_URL", "https://api.crossref.org/");
  o.api_key = env("NCBI_API_KEY");
  o.openalex_url = env("SYNTH_OPENALEX_URL", "https://api.openalex.org");
  o.openalex_api_key = env("OPENALEX_API_KEY");
  if (auto m = env("SYNTH_OPENALEX_MAX_SEARCH"); !m.empty()) {
    o.openalex_max_search = static_cast<std::size_t>(std::max(16, std::atoi(m.c_str())));
  }
  if (auto m = env("SYNTH_OPENALEX_PER_PAGE"); !m.empty()) {
    o.openalex_per_page = std::clamp(std::atoi(m.c_str()), 1, 200);
  }
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
  case query::Engine::openalex: {
    run.database = "OpenAlex";
    std::string sent;
    try {
      for (const auto& f : detail::openalex_filters(query, search_options_from_env().openalex_max_search)) {
        sent += (sent.empty() ? "" : "\n") + std::string("filter=") + f;
      }
    } catch (const Error&) {
      sent.clear(); // require_api() says why
    }
    run.query_sent = sent;
    break;
  }
  case query::Engine::manual:
    // Not sent by synth: the strategy exactly as written, in its platform's syntax (never
    // rewritten into PubMed's).
    run.database = query.database;
    run.query_sent = query.strategy;
    break;
  }
}

void require_api(const query::QueryFile& query)
{
  if (query::engine(query) == query::Engine::manual) {
    throw Error(
      fmt::format("{}: database '{}' has no API synth can query (synth search runs database: pubmed, "
                  "database: crossref and database: openalex files)",
                  query.path, query.database),
      fmt::format("run the strategy by hand, export the records, then: synth import FILE --query {}", query.path));
  }
  // Without terms, /works would page through every journal article in the date window.
  if (query::engine(query) == query::Engine::crossref && query::to_crossref(query).bibliographic.empty()) {
    throw Error(fmt::format("{}: no term Crossref can search: every term is under NOT or tagged [mh] [majr] "
                            "[pt] [la] or [dp]",
                            query.path),
                "add a title or abstract term ([tiab], [ti], [ab] or no tag) for Crossref to rank on");
  }
  if (query::engine(query) == query::Engine::openalex) {
    auto searches =
      detail::openalex_filters(query, search_options_from_env().openalex_max_search); // throws when unsplittable
    if (searches.empty()) {
      throw Error(fmt::format("{}: no term OpenAlex can search: the strategy needs a title or abstract term that "
                              "every match has (terms under NOT, or tagged [mh] [au] [la] [dp] ..., are not sent)",
                              query.path),
                  "add a title or abstract term ([tiab], [ti], [ab] or no tag)");
    }
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
  require_api(query);
  auto eng = query::engine(query);
  migrate_search_tables(store);

  net::CurlTransport transport(options.http);
  net::HttpClient client(options.http, transport);
  client.on_retry = options.on_retry;
  net::ResponseCache cache(project.cache());
  net::Fetcher fetcher(cache, &client, options.cache_mode);
  if (options.on_request) {
    fetcher.on_fetch = [&](const net::Request& r, bool from_cache) {
      options.on_request(net::describe(r), from_cache);
    };
  }
  for (auto& note : query::translation_notes(query)) {
    out.warnings.push_back(std::move(note));
  }
  for (const auto& f : query.findings) {
    // the checker's warnings on the strategy, sent as written: kept with the search
    run.details.findings.push_back(
      {f.code, std::string(query::severity_name(f.severity)), f.line, f.col, f.message, f.fix});
  }
  nlohmann::json& details = run.details.engine; // what each engine logs of its own
  detail::SearchContext ctx{query,
                            options,
                            fetcher,
                            run,
                            details,
                            out.warnings,
                            [&](const std::string& what, std::int64_t done, std::int64_t total) {
                              if (options.progress) {
                                options.progress(what, done, total);
                              }
                            }};
  auto finish = [&] {
    out.network_requests = fetcher.network_requests();
    out.cache_hits = fetcher.cache_hits();
    out.retries = client.stats().retries;
    out.rate_limited = client.stats().rate_limited;
  };
  run.run_at = store::now_utc();
  if (options.count_only) {
    run.hits_reported = eng == query::Engine::pubmed     ? detail::pubmed_count(ctx)
                        : eng == query::Engine::openalex ? detail::openalex_count(ctx)
                                                         : detail::crossref_count(ctx);
    finish();
    return out;
  }

  // PubMed's result set is committed on its own first: the point a resumed search starts
  // from. The records and the searches row are then one transaction, written as the
  // answers come, so that storing overlaps the waits of the rate limit; a search that
  // fails or is killed leaves the store as it was.
  detail::PubMedPlan plan;
  if (eng == query::Engine::pubmed) {
    plan = detail::pubmed_plan(ctx, store);
  }
  store::Store::Transaction tx(store);
  store.add_search(run);
  RelativePaths relative(project.root);
  auto keep = [&](Record&& r) {
    r.provenance.file = relative(r.provenance.file);
    if (store.insert_record(r, run.id, store::Store::encode_lists(r))) { // r.raw moved to the archive
      ++run.records_new;
    }
  };
  if (eng == query::Engine::pubmed) {
    detail::pubmed_fetch(ctx, plan, keep);
    detail::pubmed_complete(store, plan, run);
  } else if (eng == query::Engine::openalex) {
    detail::openalex_fetch(ctx, keep);
  } else {
    detail::crossref_fetch(ctx, keep);
  }
  finish();
  run.details.requests = out.network_requests;
  run.details.cache_hits = out.cache_hits;
  run.details.warnings = out.warnings;
  store.update_search(run);
  tx.commit();
  out.stored = true;
  return out;
}

} // namespace synth::sources
