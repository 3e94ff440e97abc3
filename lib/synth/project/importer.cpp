#include "synth/project/importer.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/stream.hpp"
#include "synth/util/bounded_queue.hpp"
#include "synth/util/input.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <exception>
#include <optional>
#include <pthread.h>
#include <thread>
#include <unordered_map>

namespace synth::project {

namespace {

// The import of the same content (and source, when one is named) done before, if any.
std::optional<store::SearchRun> previous_import(store::Store& store, const std::string& hash,
                                                const ImportOptions& options)
{
  for (auto& previous : store.searches()) {
    if (previous.kind == "import" && previous.file_hash == hash
        && (options.source.empty() || options.source == previous.database)) {
      return std::move(previous);
    }
  }
  return std::nullopt;
}

// Names, identifies and stores the records of one file as the reader yields them.
class Intake
{
public:
  Intake(store::Store& store, const std::filesystem::path& path, const std::string& label, const ImportOptions& options,
         formats::ReadContext& ctx, ImportResult& result, std::int64_t search_id)
    : m_store(store), m_label(label), m_options(options), m_ctx(ctx), m_result(result), m_search_id(search_id),
      m_stem(file_source_name(path))
  {
    // One entry per record: a kilobyte of file per record is a fair guess for exports
    // with abstracts; growing the table instead rehashes it a dozen times.
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec) {
      m_seen.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(size / 1024, 1U << 22)));
    }
  }

  // Runs in the reader's thread (ctx is current there, and the store is not needed):
  // names the source (--source, else what the record or its file says, else the file's
  // stem) and the id of a record. `hash` is the file's content hash, or "" when it is
  // known only at the end (streams): then an id-less record is "file:pending#n" for now.
  void name_record(Record& r, const std::string& hash)
  {
    ++m_read;
    if (!m_options.source.empty()) {
      r.source = m_options.source;
    } else if (r.source.empty()) {
      r.source = !m_ctx.default_source.empty() ? m_ctx.default_source : m_stem;
    }
    const auto n = r.provenance.index ? r.provenance.index : m_read;
    if (r.source_id.empty()) {
      r.source_id = fmt::format("file:{}#{}", hash.empty() ? std::string_view(k_pending) : std::string_view(hash), n);
    } else if (auto k = ++m_seen[key_of(r.source, r.source_id)]; k > 1) {
      r.source_id += fmt::format("#{}", k);
      ++m_repeated;
    }
    r.provenance.file = m_label;
  }

  // Runs in the importer's thread: stores a prepared record.
  void take(Record&& r, const store::Store::EncodedLists& lists)
  {
    ++m_result.records;
    m_titled += !r.title.empty();
    if (m_options.progress) {
      m_options.progress(m_result.records);
    }
    if (m_store.insert_record(r, m_search_id, lists)) {
      ++m_result.added;
      if (r.source_id.starts_with("file:pending#")) {
        m_pending.emplace_back(r.id, r.source_id.substr(std::string_view("file:pending#").size()));
      }
    } else {
      ++m_result.existing;
    }
    ++m_result.per_source[r.source];
  }

  // Once the reader is done.
  std::int64_t repeated() const { return m_repeated; }
  std::int64_t titled() const { return m_titled; }

  // Records that had no id get theirs once the hash of a streamed file is known.
  void name_pending(const std::string& hash)
  {
    if (m_pending.empty()) {
      return;
    }
    for (const auto& [id, n] : m_pending) {
      m_store.set_source_id(id, fmt::format("file:{}#{}", hash, n));
    }
  }

  const std::string& stem() const { return m_stem; }

private:
  store::Store& m_store;
  const std::string& m_label;
  const ImportOptions& m_options;
  formats::ReadContext& m_ctx;
  ImportResult& m_result;
  std::int64_t m_search_id;
  std::string m_stem;
  // 64-bit hash of (source, id) -> occurrences in this file. Two different ids share a
  // hash with a chance of about n^2 / 2^65 (1e-9 for 200,000 records).
  std::unordered_map<std::uint64_t, std::int64_t> m_seen;

  static std::uint64_t key_of(std::string_view source, std::string_view id)
  {
    util::Hasher h;
    h.update(source);
    h.update(std::string_view("\x1f", 1));
    h.update(id);
    return h.value();
  }
  std::vector<std::pair<std::int64_t, std::string>> m_pending; // record id, its n
  std::int64_t m_read = 0;                                     // reader thread
  std::int64_t m_titled = 0;                                   // importer thread: records with a title
  std::int64_t m_repeated = 0;                                 // reader thread
  static constexpr const char* k_pending = "pending";
};

// Runs `read` (a reader, given a sink) in a thread of its own and stores what it yields
// in this one, so that parsing and writing overlap. Records cross in batches through a
// bounded queue. An error on either side stops both and is thrown here.
void read_and_store(Intake& intake, const std::function<void(const formats::RecordSink&)>& read,
                    const std::string& hash)
{
  // A batch holds up to 256 records or 1 MB of raw text: few hand-overs between the
  // threads, and at most 8 batches in flight.
  constexpr std::size_t k_batch = 256;
  constexpr std::size_t k_batch_bytes = 1 << 20;
  using Batch = std::vector<std::pair<Record, store::Store::EncodedLists>>;
  util::BoundedQueue<Batch> queue(8);
  // Stored batches go back to be emptied where their records were made: freeing memory in
  // the thread that allocated it is the fast path of malloc.
  util::BoundedQueue<Batch> spent(8);
  struct Stopped
  {
  };
  std::exception_ptr reader_error;
  std::thread reader([&] {
    pthread_setname_np(pthread_self(), "synth-reader"); // as profilers show it
    Batch batch;
    std::size_t bytes = 0;
    formats::RecordSink sink = [&](Record&& r) {
      intake.name_record(r, hash);
      bytes += r.raw.size();
      auto lists = store::Store::encode_lists(r);
      batch.emplace_back(std::move(r), std::move(lists));
      if (batch.size() == k_batch || bytes >= k_batch_bytes) {
        bytes = 0;
        Batch next;
        if (auto old = spent.try_pop()) {
          next = std::move(*old);
          next.clear();
        }
        if (!queue.push(std::exchange(batch, std::move(next)))) {
          throw Stopped{};
        }
      }
    };
    try {
      read(sink);
      if (!batch.empty()) {
        queue.push(std::move(batch));
      }
    } catch (const Stopped&) {
    } catch (...) {
      reader_error = std::current_exception();
    }
    queue.close();
  });
  try {
    while (auto batch = queue.pop()) {
      for (auto& [r, lists] : *batch) {
        intake.take(std::move(r), lists);
      }
      spent.try_push(*batch); // else freed here
    }
  } catch (...) {
    queue.close(); // the reader's next push fails: it stops
    reader.join();
    throw;
  }
  reader.join();
  if (reader_error) {
    std::rethrow_exception(reader_error);
  }
}

std::string thousands_of(std::int64_t n)
{
  auto digits = std::to_string(n);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

void already(ImportResult& result, const store::SearchRun& previous)
{
  result.already_imported = true;
  result.previous_run_at = previous.run_at;
  result.format = previous.format;
}

} // namespace

namespace {

// What is wrong with a file that gave no records or only records a forced format could not
// make sense of; empty when nothing is.
std::string doubt(const ImportResult& result, std::int64_t titled, const ImportOptions& options)
{
  if (options.format != formats::Format::automatic && result.records > 0 && 2 * titled < result.records) {
    return fmt::format("this does not look like {}: {} of {} have a title", result.format, thousands_of(titled),
                       result.records == 1 ? "1 record" : fmt::format("{} records", thousands_of(result.records)));
  }
  return {};
}

} // namespace

std::string file_source_name(const std::filesystem::path& path)
{
  return path == "-" ? std::string("stdin") : path.filename().string().substr(0, path.filename().string().find('.'));
}

namespace {

// The file opened, its format (detected unless --format named it) and, for a file on disk,
// its content hash.
struct Opened
{
  std::unique_ptr<util::InputStream> in;
  formats::Format format = formats::Format::automatic;
  std::string hash;
};

Opened open_input(const std::filesystem::path& path, const std::string& label, const ImportOptions& options,
                  formats::ReadContext& ctx)
{
  if (path != "-" && !std::filesystem::exists(path)) {
    throw Error(fmt::format("{}: no such file", label));
  }
  Opened o;
  o.format = options.format;
  try {
    o.in = std::make_unique<util::InputStream>(path);
    if (o.format == formats::Format::automatic) {
      auto detected = formats::detect_format(o.in->peek(4096), path == "-" ? std::filesystem::path() : path);
      if (!detected) {
        ctx.fail(1, std::string(formats::k_unknown_format));
      }
      o.format = *detected;
    }
    // A file on disk is hashed first (a quick pass, no parsing): an import done before is
    // found without reading the file twice into the store. A pipe, stdin or a gzip file
    // is hashed as it is read, and an import found to be a repeat is undone at the end.
    if (o.in->plain_file()) {
      o.hash = util::content_hash_of(path);
    }
  } catch (const util::InputError& e) {
    throw Error(e.what(), e.hint());
  }
  return o;
}

// Refuses a file that gave nothing or that a forced format misread; notes a file whose
// records name several databases.
void check_outcome(ImportResult& result, const Intake& intake, const formats::ReadContext& ctx, util::InputStream& in,
                   const std::string& label, const ImportOptions& options)
{
  if (auto problem = doubt(result, intake.titled(), options); !problem.empty()) {
    throw Error(fmt::format("{}: {}", label, problem),
                fmt::format("the file was read as {} because --format said so; let synth detect the format "
                            "(leave out --format) or name the right one",
                            result.format));
  }
  if (result.records == 0 && result.skipped.empty() && result.deleted == 0) {
    const bool empty = ctx.index == 0 && in.hash() == util::content_hash("");
    std::string what = empty ? "the file is empty" : fmt::format("no records found in this {} file", result.format);
    if (!options.lenient) {
      throw Error(fmt::format("{}: {}", label, what),
                  "check that this is the export you meant; with --lenient an empty file is a warning");
    }
    result.notes.push_back(what + "; nothing imported (--lenient)");
  }
  if (options.source.empty() && result.per_source.size() > 1) {
    std::string list;
    for (const auto& [name, n] : result.per_source) {
      list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", name, thousands_of(n));
    }
    result.notes.push_back(fmt::format("its records name {} databases: {}; if the file is the result of one "
                                       "search, name its source with --source NAME",
                                       result.per_source.size(), list));
  }
}

// The search-log row of the import, completed from what was read.
void complete_run(store::SearchRun& run, const ImportResult& result, const Intake& intake,
                  const formats::ReadContext& ctx, const ImportOptions& options)
{
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
      run.database = !ctx.default_source.empty() ? ctx.default_source : intake.stem();
    }
  }
  if (!options.query_database.empty()) {
    run.database = options.query_database;
  }
  run.records_retrieved = result.records;
  run.records_new = result.added;
  auto& details = run.details;
  details.skipped = static_cast<std::int64_t>(result.skipped.size());
  for (const auto& w : result.warnings) {
    details.warnings.push_back(w.line ? fmt::format("line {}: {}", w.line, w.reason)
                                      : fmt::format("record {}: {}", w.index, w.reason));
  }
  details.prisma_group = options.prisma_group;
  details.deleted = result.deleted;
  details.repeated = result.repeated;
}

} // namespace

ImportResult import_file(store::Store& store, const std::filesystem::path& path, const std::string& label,
                         const ImportOptions& options)
{
  ImportResult result;
  result.file = label;
  formats::ReadContext ctx(label, options.lenient);
  Opened opened = open_input(path, label, options, ctx);
  auto& in = *opened.in;
  const formats::Format format = opened.format;
  std::string& hash = opened.hash;
  result.format = std::string(formats::format_name(format));
  if (!hash.empty()) {
    if (auto previous = previous_import(store, hash, options)) {
      already(result, *previous);
      return result;
    }
  }

  store::Store::Savepoint savepoint(store, "import");
  store::SearchRun run;
  run.kind = "import";
  run.file = label;
  run.file_hash = hash;
  run.database = options.source;
  run.query_file = options.query_file;
  run.query_text = options.query_text;
  run.query_sent = options.query_sent;
  run.hits_reported = options.hits_reported;
  store.add_search(run);

  Intake intake(store, path, label, options, ctx, result, run.id);
  const bool hashed_at_end = hash.empty();
  read_and_store(
    intake,
    [&](const formats::RecordSink& sink) {
      formats::read_stream(in, format, ctx, sink);
      try {
        std::string rest(1 << 16, '\0');
        while (in.read(rest.data(), rest.size()) > 0) { // all of it, for the hash
        }
      } catch (const util::InputError& e) {
        throw Error(e.what(), e.hint());
      }
    },
    hash);
  if (hashed_at_end) {
    hash = in.hash();
    if (auto previous = previous_import(store, hash, options)) {
      savepoint.rollback();
      ImportResult again;
      again.file = label;
      already(again, *previous);
      return again;
    }
    run.file_hash = hash;
    intake.name_pending(hash);
  }
  result.repeated = intake.repeated();
  result.deleted = ctx.deleted;
  result.skipped = ctx.skipped();
  result.warnings = ctx.warnings();
  check_outcome(result, intake, ctx, in, label, options);
  complete_run(run, result, intake, ctx, options);
  store.update_search(run);
  savepoint.release();
  result.search_id = run.id;
  return result;
}

} // namespace synth::project
