// synth import FILE...: reads database exports into the store, one transaction for all.
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/prisma/compute.hpp"
#include "synth/project/importer.hpp"
#include "synth/store/store.hpp"

#include "synth/query/query_file.hpp"
#include "synth/sources/search.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <optional>

namespace synth::cli {
namespace {

struct ImportFlags
{
  std::vector<std::string> files;
  std::string format = "auto";
  std::string source;
  std::string query;
  std::string hits; // checked here: CLI11 clamps a number too large for int64 without a word
  std::string prisma_group;
  bool lenient = false;
};

std::optional<std::int64_t> hits_of(const std::string& text)
{
  if (text.empty()) {
    return std::nullopt;
  }
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) {
    throw UsageError(fmt::format("--hits: '{}' is not a number of hits", text),
                     ec == std::errc::result_out_of_range
                       ? "the number is larger than any database holds; give the count the database reported"
                       : "a whole number from 0 up, as the database reported it");
  }
  return n;
}

// The options of every file, from the flags (checked before the store is opened).
project::ImportOptions options_of(const ImportFlags& flags)
{
  auto format = formats::parse_format(flags.format);
  if (!format) {
    throw UsageError(
      fmt::format("--format: unknown format '{}'", flags.format),
      "one of auto, ris, nbib, pubmed-xml, wos, crossref-json, bibtex, endnote-xml, csv, ovid, endnote-tagged");
  }
  for (const auto& file : flags.files) {
    if (file != "-" && !std::filesystem::exists(file)) {
      throw Error(fmt::format("{}: no such file", file));
    }
  }
  auto hits = hits_of(flags.hits);
  project::ImportOptions options;
  options.format = *format;
  options.source = flags.source;
  options.lenient = flags.lenient;
  if (!flags.prisma_group.empty()) {
    if (!prisma::source_group_named(flags.prisma_group)) {
      throw UsageError(fmt::format("--prisma-group: unknown group '{}'", flags.prisma_group),
                       "one of database, register, website, organisation, citations");
    }
    options.prisma_group = flags.prisma_group;
  }
  if (hits && flags.query.empty()) {
    throw UsageError("--hits needs --query", "the hit count belongs to the hand-run strategy: --query FILE --hits N");
  }
  if (!flags.query.empty()) {
    // The strategy was run by hand: log it as sources::describe_query names it (PubMed and
    // Crossref spelled as synth search spells them, so PRISMA counts one source).
    auto q = query::parse_query_file(flags.query);
    store::SearchRun described;
    sources::describe_query(q, described);
    options.query_file = flags.query;
    options.query_text = q.text;
    options.query_database = described.database;
    options.query_sent = described.query_sent; // a hand-run strategy verbatim, never rewritten
    options.hits_reported = hits;
    if (options.source.empty()) {
      options.source = described.database;
    }
  }
  return options;
}

nlohmann::json json_of(const project::ImportResult& r)
{
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : r.skipped) {
    skipped.push_back({{"line", s.line}, {"reason", s.reason}});
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : r.warnings) {
    warnings.push_back({{"line", w.line}, {"reason", w.reason}});
  }
  return {{"file", r.file},         {"format", r.format},   {"already_imported", r.already_imported},
          {"records", r.records},   {"added", r.added},     {"existing", r.existing},
          {"repeated", r.repeated}, {"deleted", r.deleted}, {"skipped", skipped},
          {"warnings", warnings},   {"notes", r.notes},     {"sources", r.per_source}};
}

void print_result(const project::ImportResult& r, bool lenient)
{
  if (r.already_imported) {
    fmt::print("{}: already imported on {}; nothing added\n", r.file, r.previous_run_at);
    return;
  }
  std::string sources;
  for (const auto& [name, n] : r.per_source) {
    sources += fmt::format("{}{} from {}", sources.empty() ? "" : ", ", thousands(n), name);
  }
  fmt::print(
    "{}: {} ({}){}{}{}\n", r.file, plural(r.records, "record"), r.format, sources.empty() ? "" : ": " + sources,
    r.existing ? fmt::format("; {} already in the store", thousands(r.existing)) : "",
    r.repeated ? fmt::format("; {} repeat an id seen earlier in the file (kept for dedup)", thousands(r.repeated))
               : "");
  if (r.deleted) {
    fmt::print("{}: {} ignored\n", r.file, plural(r.deleted, "DeleteCitation entry", "DeleteCitation entries"));
  }
  if (lenient) {
    // Exactly what --lenient left out: the records (their lines are in the warnings above).
    fmt::print("{}: {} (--lenient)\n", r.file,
               r.skipped.empty() ? std::string("nothing skipped")
                                 : plural(static_cast<std::int64_t>(r.skipped.size()), "bad record") + " skipped");
  }
}

int run_import(const ImportFlags& flags, const Globals& g)
{
  auto options = options_of(flags);
  auto store = open_store(g);
  store::Store::Transaction tx(*store);
  std::vector<project::ImportResult> results;
  for (const auto& file : flags.files) {
    const std::string label = file == "-" ? "stdin" : file;
    Progress progress(g, label);
    options.progress = progress.callback();
    auto started = std::chrono::steady_clock::now();
    results.push_back(project::import_file(*store, file, label, options));
    options.hits_reported.reset(); // one search exported in several files: its hits go with the first
    progress.done();
    spdlog::info("{}: {} ({}), {:.2f} s: {} added, {} already in the store", label,
                 plural(results.back().records, "record"), results.back().format,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                 thousands(results.back().added), thousands(results.back().existing));
  }
  tx.commit();

  auto json = nlohmann::json::array();
  for (const auto& r : results) {
    for (const auto& w : r.warnings) {
      warn(fmt::format("{}:{}: {}", r.file, w.line, w.reason));
    }
    for (const auto& s : r.skipped) {
      warn(fmt::format("{}:{}: skipped: {}", r.file, s.line, s.reason));
    }
    for (const auto& n : r.notes) {
      note(g, fmt::format("{}: {}", r.file, n));
    }
    if (g.json) {
      json.push_back(json_of(r));
    } else {
      print_result(r, flags.lenient);
    }
  }
  if (g.json) {
    print_json({{"imports", json}});
  }
  return 0;
}

} // namespace

Runner setup_import(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<ImportFlags>();
  sub
    .add_option(
      "files", flags->files,
      "Export files (RIS, nbib, PubMed XML, WoS, BibTeX, EndNote XML, CSV; .gz read directly; - for standard input)")
    ->required();
  sub.add_option(
    "--format", flags->format,
    "Force the format: auto|ris|nbib|pubmed-xml|wos|crossref-json|bibtex|endnote-xml|csv|ovid|endnote-tagged");
  sub.add_option("--source", flags->source, "Name of the source (database) of every record, as PRISMA shows it");
  sub.add_option("--query", flags->query, "The hand-run strategy (query file) these files are the result of; logged");
  sub.add_option("--hits", flags->hits,
                 "With --query: the number of hits the database reported when the strategy was run (PRISMA-S)");
  sub.add_option("--prisma-group", flags->prisma_group,
                 "The PRISMA 2020 box of these records: database, register, website, organisation or citations "
                 "(default: from the source's name)");
  sub.add_flag("--lenient", flags->lenient, "Skip bad records (listed with their lines) instead of failing");
  return [flags, &g] { return run_import(*flags, g); };
}

} // namespace synth::cli
