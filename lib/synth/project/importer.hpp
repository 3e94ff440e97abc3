#pragma once
// Importing export files into the store: format detection, source naming, record identity
// and provenance. The caller owns the transaction (one per command).
#include "synth/formats/reader.hpp"
#include "synth/store/store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace synth::project {

struct ImportOptions
{
  formats::Format format = formats::Format::automatic;
  std::string source;                        // --source: names the source of every record (overrides the file)
  bool lenient = false;                      // skip bad records instead of failing
  std::string query_file;                    // --query: the hand-run strategy this file is the result of
  std::string query_text;                    // its verbatim text
  std::string query_database;                // its `database:` header
  std::string query_sent;                    // the strategy as run (lines expanded)
  std::optional<std::int64_t> hits_reported; // --hits: what the database said when it was run
  std::string prisma_group;                  // --prisma-group: the PRISMA box of these records, overriding the name
  // Called after each record read (the number so far): progress for long imports.
  std::function<void(std::int64_t records)> progress;
};

struct ImportResult
{
  std::string file; // as named by the user
  std::string format;
  std::int64_t records = 0;               // records read from the file
  std::int64_t added = 0;                 // new in the store
  std::int64_t existing = 0;              // already in the store (same source and id)
  std::int64_t repeated = 0;              // kept, but their id repeats an earlier record of the file
  std::int64_t deleted = 0;               // PubMed DeleteCitation entries ignored
  std::vector<formats::Skipped> skipped;  // lenient: bad records left out
  std::vector<formats::Skipped> warnings; // problems worked around (the records were read)
  std::vector<std::string> notes;         // about the file as a whole: an empty file (--lenient), several databases
  std::map<std::string, std::int64_t> per_source;
  bool already_imported = false; // the same file (content) was imported before: nothing done
  std::string previous_run_at;   // when, if so
  std::int64_t search_id = 0;
};

// The source of a file's records that neither --source nor the file names: the file's
// name up to its first dot ("wos_278" of wos_278.ris); "stdin" for "-".
std::string file_source_name(const std::filesystem::path& path);

// Imports one file. Identity of a record: (source, id in source); a record without an id
// in its source gets "file:<content hash>#<n>", so importing the same file twice never
// doubles it. Every record the file holds is kept: when an id comes back within the same
// file (an export that lists a record twice), the n-th occurrence is stored as "<id>#<n>"
// and counted in `repeated`, so that PRISMA counts what the database gave and dedup, not
// the importer, removes the copy; importing that file again still adds nothing.
// Source of a record: options.source, else what the file says (DB tag, PubMed ...), else
// the file's stem. `path` may be "-" (standard input) or a pipe. The file is streamed
// (formats/stream.hpp): memory is bounded by the batches in flight, not by the file. A file
// on disk is hashed in a first pass; a stream is hashed as it is read.
// Throws synth::Error for unreadable or malformed files; what it wrote is undone then. Also
// refused: a file that gives no records (empty, or none found), unless lenient (then a
// note); a forced format (options.format) under which most records have no title ("this
// does not look like nbib: 0 of 190 records have a title").
ImportResult import_file(store::Store& store, const std::filesystem::path& path, const std::string& label,
                         const ImportOptions& options);

} // namespace synth::project
