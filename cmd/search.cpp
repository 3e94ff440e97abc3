// synth search QUERY_FILE...: runs query files against PubMed / Crossref and stores the
// records, or only checks them (--check, the linter) or counts hits (--count-only).
// Every file is checked before anything is sent: an error in any of them stops the
// command; warnings are printed and kept with the search.
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/core/project.hpp"
#include "synth/query/ovid.hpp"
#include "synth/query/query_file.hpp"
#include "synth/query/translate.hpp"
#include "synth/sources/search.hpp"
#include "synth/store/store.hpp"

#include <algorithm>

namespace synth::cli {
namespace {

struct SearchFlags
{
  std::vector<std::string> files;
  bool count_only = false;
  bool check = false;
  CacheFlags cache;
  bool strict = false;
  int batch_size = 500;
  int rows = 1000;
};

nlohmann::json to_json(const std::string& file, const sources::SearchOutcome& o, bool count_only)
{
  const auto& r = o.run;
  nlohmann::json j{{"query_file", file},
                   {"database", r.database},
                   {"query_sent", r.query_sent},
                   {"hits_reported", r.hits_reported ? nlohmann::json(*r.hits_reported) : nlohmann::json()}};
  if (!count_only) {
    j["search_id"] = r.id;
    j["run_at"] = r.run_at;
    j["records_retrieved"] = r.records_retrieved;
    j["records_matched"] = r.records_matched ? nlohmann::json(*r.records_matched) : nlohmann::json();
    j["records_new"] = r.records_new;
  }
  j["requests"] = o.network_requests;
  j["cache_hits"] = o.cache_hits;
  j["retries"] = o.retries;
  j["warnings"] = o.warnings;
  return j;
}

nlohmann::json findings_json(const query::QueryFile& q, const std::vector<query::Finding>& more = {})
{
  auto list = nlohmann::json::array();
  auto all = q.findings;
  all.insert(all.end(), more.begin(), more.end());
  for (const auto& f : all) {
    list.push_back({{"code", f.code},
                    {"severity", query::severity_name(f.severity)},
                    {"line", f.line},
                    {"col", f.col},
                    {"message", f.message},
                    {"fix", f.fix}});
  }
  return list;
}

int count(const query::QueryFile& q, query::Severity severity)
{
  return static_cast<int>(std::count_if(q.findings.begin(), q.findings.end(),
                                        [&](const query::Finding& f) { return f.severity == severity; }));
}

// "PubMed", "Crossref", or the hand-run database and how to run it.
std::string described(const query::QueryFile& q, const sources::SearchOutcome& o)
{
  if (query::engine(q) != query::Engine::manual) {
    return o.run.database;
  }
  std::string out = o.run.database + ", run by hand then synth import --query";
  if (q.syntax != query::Syntax::pubmed) {
    out += fmt::format("; {} syntax", query::syntax_name(q.syntax));
  }
  return out;
}

// --check: the linter. Findings and one line per file on stdout; exit 1 when a file has
// an error (any finding with --strict).
int run_check(const std::vector<query::QueryFile>& queries, const Globals& g)
{
  auto list = nlohmann::json::array();
  int refused = 0;
  for (const auto& q : queries) {
    sources::SearchOutcome o;
    sources::describe_query(q, o.run);
    auto notes = query::translation_notes(q);
    // a hand-run file in its platform's syntax: read as that platform reads it
    std::vector<query::Finding> own;
    if (q.syntax != query::Syntax::pubmed && !query::has_errors(q)) {
      own = query::parse_history(q, q.syntax).findings;
    }
    bool ok = !query::has_errors(q) && own.empty();
    refused += ok ? 0 : 1;
    if (g.json) {
      list.push_back({{"query_file", q.path},
                      {"database", o.run.database},
                      {"syntax", query::syntax_key(q.syntax)},
                      {"ok", ok},
                      {"query_sent", ok ? nlohmann::json(o.run.query_sent) : nlohmann::json()},
                      {"notes", notes},
                      {"findings", findings_json(q, own)}});
      continue;
    }
    for (const auto& f : q.findings) {
      fmt::print("{}\n", query::format_finding(q.path, f));
    }
    for (const auto& f : own) {
      fmt::print("{}\n", query::format_finding(q.path, f));
    }
    for (const auto& n : notes) {
      fmt::print("{}: note: {}\n", q.path, n);
    }
    int errors = count(q, query::Severity::error) + static_cast<int>(own.size());
    int warnings = count(q, query::Severity::warning);
    std::string tally;
    if (errors > 0) {
      tally += ", " + plural(errors, "error");
    }
    if (warnings > 0) {
      tally += ", " + plural(warnings, "warning");
    }
    if (!ok) {
      fmt::print("{}: refused ({}{}): nothing would be sent\n", q.path, described(q, o), tally);
    } else if (query::engine(q) == query::Engine::manual) {
      fmt::print("{}: ok ({}{}): logged as written, {}\n", q.path, described(q, o), tally,
                 plural(std::count(q.strategy.begin(), q.strategy.end(), '\n') + 1, "line"));
    } else {
      fmt::print("{}: ok ({}{}): {}\n", q.path, described(q, o), tally, o.run.query_sent);
    }
  }
  if (g.json) {
    print_json({{"checked", list}});
  }
  if (refused > 0) {
    throw Error(fmt::format("{} of {} refused: nothing would be sent for {}", refused,
                            plural(static_cast<std::int64_t>(queries.size()), "query file"),
                            refused == 1 ? "it" : "them"),
                "each finding says where and what to change");
  }
  return 0;
}

int run_search(const SearchFlags& flags, const Globals& g)
{
  const auto mode = cache_mode(flags.cache);
  if (flags.batch_size < 1 || flags.batch_size > 10000) {
    throw UsageError("--batch-size: must be between 1 and 10000");
  }
  if (flags.rows < 1 || flags.rows > 1000) {
    throw UsageError("--rows: must be between 1 and 1000");
  }
  // Every file is read and checked before anything is sent.
  std::vector<query::QueryFile> queries;
  for (const auto& file : flags.files) {
    queries.push_back(query::check_query_file(file));
    if (flags.strict) {
      for (auto& f : queries.back().findings) {
        f.severity = query::Severity::error; // --strict: every finding stops the search
      }
    }
  }
  if (flags.check) {
    return run_check(queries, g);
  }
  int errors = 0;
  std::string first_refused;
  for (const auto& q : queries) {
    for (const auto& f : q.findings) {
      fmt::print(stderr, "{}\n", query::format_finding(q.path, f));
    }
    if (query::has_errors(q)) {
      errors += count(q, query::Severity::error);
      first_refused = first_refused.empty() ? q.path : first_refused;
    }
  }
  if (errors > 0) {
    throw Error(
      fmt::format("{} in the query files (first in {}): nothing was sent", plural(errors, "error"), first_refused),
      "each finding above says where and what to change; synth search --check shows them again");
  }
  for (const auto& q : queries) {
    sources::require_api(q);
  }

  auto project = find_project(g.project);
  auto store = open_store(g);
  auto options = sources::search_options_from_env();
  options.cache_mode = mode;
  options.count_only = flags.count_only;
  options.batch_size = flags.batch_size;
  options.crossref_rows = flags.rows;
  bool tty = stderr_is_tty() && !g.quiet;
  bool progress_shown = false;
  if (tty) {
    options.progress = [&](const std::string& what, std::int64_t done, std::int64_t total) {
      fmt::print(stderr, "\rsynth: {} {}/{}   ", what, thousands(done), thousands(total));
      std::fflush(stderr);
      progress_shown = true;
    };
  }
  auto trace = network_trace(g, [&] {
    if (progress_shown) {
      fmt::print(stderr, "\n");
      progress_shown = false;
    }
  });
  options.on_retry = trace.on_retry;
  options.on_request = trace.on_request;

  auto list = nlohmann::json::array();
  for (const auto& q : queries) {
    auto o = sources::run_search(*store, project, q, options);
    if (progress_shown) {
      fmt::print(stderr, "\n");
      progress_shown = false;
    }
    for (const auto& w : o.warnings) {
      warn(fmt::format("{}: {}", q.path, w));
    }
    const auto& r = o.run;
    if (g.json) {
      list.push_back(to_json(q.path, o, flags.count_only));
      continue;
    }
    std::int64_t hits = r.hits_reported.value_or(0);
    if (flags.count_only) {
      // Crossref counts its ranking of the terms; the strategy is applied to fetched works.
      bool crossref = query::engine(q) == query::Engine::crossref || query::engine(q) == query::Engine::openalex;
      fmt::print("{}: {}: {} hits{}\n", q.path, r.database, thousands(hits),
                 crossref ? " for the terms (the strategy is applied to the works when they are fetched)" : "");
    } else if (r.records_matched) {
      fmt::print("{}: {}: {} hits, {} records retrieved, {} matched the strategy, {} new\n", q.path, r.database,
                 thousands(hits), thousands(r.records_retrieved), thousands(*r.records_matched),
                 thousands(r.records_new));
    } else {
      fmt::print("{}: {}: {} hits, {} records retrieved, {} new\n", q.path, r.database, thousands(hits),
                 thousands(r.records_retrieved), thousands(r.records_new));
    }
  }
  if (g.json) {
    print_json({{"searches", list}});
  }
  return 0;
}

} // namespace

Runner setup_search(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<SearchFlags>();
  sub.add_option("query_files", flags->files, "Query files (.query) to run")->required();
  sub.add_flag("--count-only", flags->count_only, "Print each strategy's hit count without fetching records");
  sub.add_flag("--check", flags->check, "Only check the query files (the linter; no network, no project needed)");
  sub.add_flag("--strict", flags->strict, "Treat the checker's warnings as errors (for CI)");
  add_cache_flags(sub, flags->cache);
  sub.add_option("--batch-size", flags->batch_size, "PubMed records per efetch request (default 500)");
  sub.add_option("--rows", flags->rows, "Crossref records per page (default 1000, at most 1000)");
  return [flags, &g] { return run_search(*flags, g); };
}

} // namespace synth::cli
