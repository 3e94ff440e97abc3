#include "synth/sources/fulltext.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/unpaywall_json.hpp"
#include "synth/store/fulltext.hpp"
#include "synth/store/screen_tables.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace synth::sources {

namespace {

std::string env(const char* name, const std::string& fallback = {})
{
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// The DOI as a path: RFC 3986 unreserved characters and the DOI's own '/' kept, the rest
// percent-encoded (a DOI may hold '<', '#', ';', spaces ...).
std::string doi_path(const std::string& doi)
{
  auto out = net::url_encode(doi);
  std::string decoded;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 3, "%2F") == 0) {
      decoded += '/';
      i += 2;
    } else {
      decoded += out[i];
    }
  }
  return decoded;
}

} // namespace

FulltextOptions fulltext_options_from_env()
{
  FulltextOptions o;
  o.unpaywall_url = env("SYNTH_UNPAYWALL_URL", "https://api.unpaywall.org");
  o.email = env("SYNTH_EMAIL");
  o.http = net::HttpOptions::from_env();
  return o;
}

FulltextOutcome run_fulltext(store::Store& store, const Project& project, const FulltextOptions& options)
{
  if (options.email.empty()) {
    throw Error("Unpaywall requires an email address with every request: SYNTH_EMAIL is not set",
                "export SYNTH_EMAIL=you@example.org (Unpaywall uses it to contact heavy users)");
  }
  if (!store::screen_ran(store)) {
    throw Error("no screening result in this project yet: the records sought for retrieval are those that "
                "reached full-text screening",
                "run synth screen first");
  }
  store::migrate_fulltext(store);
  FulltextOutcome out;
  auto sought = store::records_sought(store);
  out.sought = static_cast<std::int64_t>(sought.size());
  auto before = store::fulltext_checks(store);

  net::CurlTransport transport(options.http);
  net::HttpClient client(options.http, transport);
  client.on_retry = options.on_retry;
  net::ResponseCache cache(project.cache());
  net::Fetcher fetcher(cache, &client, options.cache_mode);
  fetcher.on_fetch = [&](const net::Request& r, bool from_cache) {
    if (options.on_request) {
      options.on_request(net::describe(r), from_cache);
    }
  };
  // Unpaywall asks for at most 100,000 calls a day; 10 a second stays polite.
  auto& limiter = net::limiter_for("unpaywall", 10, std::chrono::milliseconds(1000));
  std::string base = options.unpaywall_url;
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }

  int missing_hits = 0;
  auto tally = [&](const store::FulltextCheck& c) {
    if (c.result == "not checked") {
      ++out.not_checked;
    } else if (c.result == "not found") {
      ++out.not_found;
    } else if (c.is_oa) {
      ++out.open_access;
    } else {
      ++out.closed;
    }
  };

  for (auto id : sought) {
    auto record = store.record(id);
    if (!record) {
      continue;
    }
    if (auto it = before.find(id);
        it != before.end() && !options.refresh && it->second.result != "not checked" && it->second.doi == record->doi) {
      ++out.skipped;
      tally(it->second);
      continue;
    }
    store::FulltextCheck c;
    c.record_id = id;
    c.doi = record->doi;
    c.checked_at = store::now_utc();
    if (record->doi.empty()) {
      c.result = "not checked";
    } else {
      net::Request req;
      req.url = base + "/v2/" + doi_path(record->doi);
      req.cache_name = "unpaywall/v2/" + record->doi;
      req.params.emplace_back("email", options.email);
      c.request = net::describe(req);
      // A 404 is never in the cache as an answer (Fetcher caches 2xx only): it is kept as
      // an entry of its own, so that --offline replays "not found" too.
      net::Request missing = req;
      missing.key_params.emplace_back("unpaywall_status", "404");
      bool known_missing = false;
      if (options.refresh && options.cache_mode != net::CacheMode::offline) {
        cache.remove(missing);
      } else if (cache.get(missing)) {
        known_missing = true;
        ++missing_hits;
        if (options.on_request) {
          options.on_request(c.request, true);
        }
      }
      try {
        if (known_missing) {
          throw net::HttpStatusError(c.request + ": the server answered HTTP 404 (cached)", 404, {});
        }
        auto got = fetcher.get(req, &limiter, options.refresh);
        auto answer = formats::read_unpaywall_answer(got.body, got.file.string());
        c.result = "found";
        c.is_oa = answer.is_oa;
        c.oa_status = answer.oa_status;
        c.best_url = answer.best_url;
        c.pdf_url = answer.pdf_url;
        c.license = answer.license;
        c.host_type = answer.host_type;
        c.version = answer.version;
      } catch (const net::HttpStatusError& e) {
        if (e.status() != 404) {
          throw;
        }
        if (!known_missing) {
          net::Response r;
          r.status = 404;
          r.body = e.body();
          cache.put(missing, r);
        }
        c.result = "not found";
      }
      ++out.checked;
    }
    store::Store::Transaction tx(store);
    store::put_fulltext_check(store, c);
    tx.commit();
    tally(c);
  }
  out.network_requests = fetcher.network_requests();
  out.cache_hits = fetcher.cache_hits() + missing_hits;
  return out;
}

} // namespace synth::sources
