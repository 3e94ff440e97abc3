#pragma once
// The raw text of records ("the record as received", DESIGN.md section 5), kept beside the
// store in append-only files, one per search or import: <store>.raw/<search id>.txt
// (synth.raw/3.txt). A record row keeps the offset and size of its text there.
//
// Why not a column: a PubMed XML file of 100 MB is 100 MB of raw text. In SQLite's WAL
// every byte is written twice (log, then checkpoint) through page-sized writes; that cost
// was four times the parsing. Appending to a file writes it once.
//
// The files follow the store's transactions: what a transaction appended is made durable
// (fdatasync) before the transaction commits, and cut off again (truncate) when it rolls
// back, so a committed row never points past the end of its file. A process killed before
// its commit (kill -9, a power cut) rolls nothing back: its bytes stay in the file of a
// search that was never committed. A search id not committed is given again to the next
// search, whose transaction starts its file empty (start()), so nothing of the killed run
// is kept; check_archive (archive_check.hpp, `synth check`) finds such leftovers and
// verifies that every byte of the archive belongs to exactly one record.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {

class RawArchive
{
public:
  explicit RawArchive(std::filesystem::path dir) : m_dir(std::move(dir)) {}
  ~RawArchive();
  RawArchive(const RawArchive&) = delete;
  RawArchive& operator=(const RawArchive&) = delete;

  const std::filesystem::path& dir() const { return m_dir; }

  // A new search (its row just inserted, in the transaction that writes its records): its
  // file starts empty. Bytes a killed run left under the same id are cut off; should the
  // transaction roll back, the file is removed.
  void start(std::int64_t search_id);

  // Where the next text of `search_id` will start.
  std::int64_t end(std::int64_t search_id);
  // Appends `text`; returns its offset (== end() before the call).
  std::int64_t append(std::int64_t search_id, std::string_view text);
  // The same, taking the string (written from it, not copied: bulk imports).
  std::int64_t append(std::int64_t search_id, std::string&& text);
  // The text at offset/size, or "" when the file does not hold it (a store copied without
  // its archive).
  std::string read(std::int64_t search_id, std::int64_t offset, std::int64_t size);

  // A point to come back to: the size of every file now.
  using Mark = std::map<std::int64_t, std::int64_t>;
  Mark mark();
  // Writes what is buffered and makes it durable (before the store commits).
  void sync();
  // Cuts every file back to its size at `mark` (files created since are removed).
  void rollback(const Mark& mark);
  // Writes what is buffered to the files (no fsync): autocommit inserts, reads.
  void flush();

private:
  struct File
  {
    int fd = -1;
    std::int64_t size = 0;          // bytes in the file (written)
    std::int64_t opened_size = 0;   // bytes in the file when it was opened
    std::string buffer;             // bytes appended, not yet written...
    std::vector<std::string> taken; // ...or these, before the buffer (append(&&))
    std::size_t taken_bytes = 0;
    bool dirty = false; // written since the last sync
  };
  File& open(std::int64_t search_id, bool create);
  void write_out(File& file);

public:
  std::filesystem::path path_of(std::int64_t search_id) const; // synth.raw/<id>.txt

private:
  std::filesystem::path m_dir;
  std::map<std::int64_t, File> m_files;
};

} // namespace synth::store
