#pragma once
// The screen module's reads and writes of the store (internal to screen.cpp and the
// readers in summary.cpp).
#include "synth/screen/decisions.hpp"
#include "synth/screen/engine.hpp"

#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace synth::store {
class Store;
class Statement;
}

namespace synth::screen {

struct RunResult;

// Record references of every record, mapped to their kept record (clusters).
RecordIndex load_record_index(store::Store& store);

// Reads the unique records (no clusters row, or kept = 1) in id order, with the fields
// screening uses (no raw, authors, keywords, MeSH), a batch at a time.
class UniqueRecordReader
{
public:
  explicit UniqueRecordReader(store::Store& store);
  ~UniqueRecordReader();
  UniqueRecordReader(const UniqueRecordReader&) = delete;
  UniqueRecordReader& operator=(const UniqueRecordReader&) = delete;
  // Replaces `batch` with the next records, at most `n` (reusing its strings' buffers);
  // empty at the end.
  void read(std::vector<Record>& batch, std::size_t n);

private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_st = nullptr;
  bool m_done = false;
};

// Replaces the screening tables: the constructor deletes the previous result.
class ResultWriter
{
public:
  ResultWriter(store::Store& store, const Criteria& criteria);
  ~ResultWriter();
  void write(std::int64_t record_id, const Outcome& outcome);
  void write_inputs(const std::vector<Decision>& decisions, const Extraction& extraction,
                    const RunResult& result);

private:
  store::Store& m_store;
  const Criteria& m_criteria;
  std::unique_ptr<store::Statement> m_screening, m_rule, m_language;
};

} // namespace synth::screen
