#include "synth/project/importer.hpp"

#include "synth/util/input.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <unordered_map>

namespace synth::project {

namespace {
// Content hash of a whole file, streamed (FNV-1a 64 over the decompressed bytes).
std::string hash_file(const std::filesystem::path& path)
{
  util::InputStream in(path);
  std::uint64_t h = 1469598103934665603ULL;
  std::string buffer(1 << 16, '\0');
  for (;;) {
    auto n = in.read(buffer.data(), buffer.size());
    if (n == 0) {
      break;
    }
    for (std::size_t i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(buffer[i]);
      h *= 1099511628211ULL;
    }
  }
  return fmt::format("{:016x}", h);
}
} // namespace

ImportResult import_file(store::Store& store, const std::filesystem::path& path,
                         const std::string& label, const ImportOptions& options)
{
  ImportResult result;
  result.file = label;
  auto hash = hash_file(path);
  for (const auto& previous : store.searches()) {
    if (previous.kind == "import" && previous.file_hash == hash
        && (options.source.empty() || options.source == previous.database)) {
      result.already_imported = true;
      result.previous_run_at = previous.run_at;
      result.format = previous.format;
      return result;
    }
  }

  store::SearchRun run;
  run.kind = "import";
  run.file = label;
  run.file_hash = hash;
  run.database = options.source;
  run.query_file = options.query_file;
  run.query_text = options.query_text;
  run.query_sent = options.query_sent;
  store.add_search(run);

  formats::ReadContext ctx(label, options.lenient);
  const auto stem = path.filename().string().substr(0, path.filename().string().find('.'));
  formats::Format format = options.format;
  if (format == formats::Format::automatic) {
    auto detected = formats::detect_format(util::read_head(path, 4096), path);
    if (!detected) {
      ctx.fail(1, "cannot tell the format of this file; name it with --format (ris, nbib, pubmed-xml, "
                  "wos, crossref-json, bibtex, endnote-xml, csv, ovid, endnote-tagged)");
    }
    format = *detected;
  }
  result.format = std::string(formats::format_name(format));

  std::unordered_map<std::string, std::int64_t> seen; // "source\x1fid" -> occurrences
  formats::read_file(path, format, ctx, [&](Record&& r) {
    ++result.records;
    if (!options.source.empty()) {
      r.source = options.source;
    } else if (r.source.empty()) {
      r.source = !ctx.default_source.empty() ? ctx.default_source : stem;
    }
    if (r.source_id.empty()) {
      r.source_id = fmt::format("file:{}#{}", hash, r.provenance.index ? r.provenance.index : result.records);
    } else if (auto n = ++seen[r.source + '\x1f' + r.source_id]; n > 1) {
      r.source_id += fmt::format("#{}", n);
      ++result.repeated;
    }
    r.provenance.file = label;
    if (store.insert_record(r, run.id)) {
      ++result.added;
    } else {
      ++result.existing;
    }
    ++result.per_source[r.source];
  });
  result.deleted = ctx.deleted;
  result.skipped = ctx.skipped();
  result.warnings = ctx.warnings();

  run.format = result.format;
  if (run.database.empty()) {
    // The source that gave most records names the import in the search log.
    std::int64_t best = -1;
    for (const auto& [source, n] : result.per_source) {
      if (n > best) {
        best = n;
        run.database = source;
      }
    }
    if (run.database.empty()) {
      run.database = !ctx.default_source.empty() ? ctx.default_source : stem;
    }
  }
  if (!options.query_database.empty()) {
    run.database = options.query_database;
  }
  run.records_retrieved = result.records;
  run.records_new = result.added;
  nlohmann::json details;
  details["skipped"] = result.skipped.size();
  details["warnings"] = result.warnings.size();
  details["repeated"] = result.repeated;
  details["deleted"] = result.deleted;
  run.details = details.dump();
  store.update_search(run);
  result.search_id = run.id;
  return result;
}

} // namespace synth::project
