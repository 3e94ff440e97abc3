#include "synth/project/importer.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/pubmed_xml.hpp"
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

std::string_view k_unknown_format = "cannot tell the format of this file; name it with --format (ris, nbib, "
                                    "pubmed-xml, wos, crossref-json, bibtex, endnote-xml, csv, ovid, endnote-tagged)";

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
  Intake(store::Store& store, const std::filesystem::path& path, const std::string& label,
         const ImportOptions& options, formats::ReadContext& ctx, ImportResult& result, std::int64_t search_id)
    : m_store(store), m_label(label), m_options(options), m_ctx(ctx), m_result(result), m_search_id(search_id),
      m_stem(path.filename().string().substr(0, path.filename().string().find('.')))
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
  void prepare(Record& r, const std::string& hash)
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

  // Records that had no id get theirs once the hash of a streamed file is known.
  void name_pending(const std::string& hash)
  {
    if (m_pending.empty()) {
      return;
    }
    auto st = m_store.prepare("UPDATE records SET source_id = ? WHERE id = ?");
    for (const auto& [id, n] : m_pending) {
      st.reset();
      st.bind(1, fmt::format("file:{}#{}", hash, n)).bind(2, id).run();
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
  std::int64_t m_read = 0;     // reader thread
  std::int64_t m_repeated = 0; // reader thread
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
      intake.prepare(r, hash);
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

void already(ImportResult& result, const store::SearchRun& previous)
{
  result.already_imported = true;
  result.previous_run_at = previous.run_at;
  result.format = previous.format;
}

} // namespace

ImportResult import_file(store::Store& store, const std::filesystem::path& path,
                         const std::string& label, const ImportOptions& options)
{
  ImportResult result;
  result.file = label;
  formats::ReadContext ctx(label, options.lenient);
  if (!std::filesystem::exists(path)) {
    throw Error(fmt::format("{}: no such file", label));
  }
  formats::Format format = options.format;
  if (format == formats::Format::automatic) {
    auto detected = formats::detect_format(util::read_head(path, 4096), path);
    if (!detected) {
      ctx.fail(1, std::string(k_unknown_format));
    }
    format = *detected;
  }
  result.format = std::string(formats::format_name(format));

  // PubMed XML is streamed (files of hundreds of MB): its hash is known at the end, and an
  // import of a file seen before is undone then. Other formats are read whole, once.
  const bool streamed = format == formats::Format::pubmed_xml;
  std::optional<util::FileText> whole;
  std::string hash;
  if (!streamed) {
    whole.emplace(path);
    hash = whole->hash();
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
  std::optional<util::InputStream> in;
  if (streamed) {
    in.emplace(path);
  }
  read_and_store(intake, [&](const formats::RecordSink& sink) {
    if (in) {
      formats::read_pubmed_xml(*in, ctx, sink);
      std::string rest(1 << 16, '\0');
      while (in->read(rest.data(), rest.size()) > 0) {
      }
    } else {
      formats::read_text(whole->text(), format, ctx, sink);
    }
  }, hash);
  if (streamed) {
    hash = in->hash();
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
  nlohmann::json details;
  details["skipped"] = result.skipped.size();
  details["warnings"] = result.warnings.size();
  details["deleted"] = result.deleted;
  details["repeated"] = result.repeated;
  run.details = details.dump();
  store.update_search(run);
  savepoint.release();
  result.search_id = run.id;
  return result;
}

} // namespace synth::project
