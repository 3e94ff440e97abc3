#pragma once
// The store side of synth screen (issue 14: SQL lives in store/): the core `screening` table
// and the screen module's own tables, as plain rows (stage and decision names as text).
//
// Tables of module "screen" (Store::migrate):
//   screen_rules         rule, line, stage, action, reason, condition: the criteria's rules
//   screen_rule_results  record_id, rule, result ('applied'|'undecided'), missing
//   screen_decisions     the reviewers' decisions read: record_id, stage, decision, reason,
//                        reviewer, file, line, record_ref
//   screen_languages     record_id, language, confidence, reliable: detected languages
//   screen_extraction    record_id, column_name, value, file, line
//   screen_conflicts     record_id, stage, decisions ("AT include, BS exclude")
//   screen_agreement     stage, reviewer_a, reviewer_b, records, observed, expected, kappa,
//                        conflicts
//   screen_meta          key, value: stages, criteria, run_at, tiebreaker, stopping_target,
//                        stopping_confidence
//   screen_stops         the search log's entries of `synth screen --stop-by-rule`: one row per
//                        declared stop (never rewritten by a screening run)
#include "synth/store/store.hpp"
#include "synth/store/views.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace synth::store {

// Creates or updates the screen module's tables.
void migrate_screen(Store& store);

// --- what screening reads of the other tables ----------------------------------------------

// For every clustered record, the record its cluster keeps (kept = 1).
std::unordered_map<std::int64_t, std::int64_t> kept_record_of_clustered(Store& store);
// Each record's (source, source_id); its PMID and DOI where it has one. Each comes from the
// store's index on it (a covering index scan), never from a scan of the whole table.
void for_each_source_id(Store& store,
                        const std::function<void(std::int64_t, const std::string&, const std::string&)>& fn);
void for_each_pmid(Store& store, const std::function<void(std::int64_t, const std::string&)>& fn);
void for_each_doi(Store& store, const std::function<void(std::int64_t, const std::string&)>& fn);

// Reads the unique records (no clusters row, or kept = 1) in id order, with the fields
// screening uses (no raw, authors, keywords, MeSH), a batch at a time.
class UniqueRecordReader
{
public:
  explicit UniqueRecordReader(Store& store);
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

// Bulk-write settings for one run, restored afterwards: no foreign-key check of each
// screening row against records (the rows are written for records just read, in the same
// transaction), and a page cache of 64 MiB instead of 8 so that a million rows written to
// five tables do not spill pages to the WAL and read them back.
class BulkWrite
{
public:
  explicit BulkWrite(Store& store);
  ~BulkWrite();
  BulkWrite(const BulkWrite&) = delete;
  BulkWrite& operator=(const BulkWrite&) = delete;

private:
  Store& m_store;
};

// --- writing a run's result ------------------------------------------------------------------

// Replaces the screening tables: the constructor deletes the previous result.
class ScreenResultWriter
{
public:
  explicit ScreenResultWriter(Store& store);
  ~ScreenResultWriter();
  ScreenResultWriter(const ScreenResultWriter&) = delete;
  ScreenResultWriter& operator=(const ScreenResultWriter&) = delete;

  void rule(std::int64_t index, int line, std::string_view stage, std::string_view action, std::string_view reason,
            std::string_view condition);
  void outcome(std::int64_t record_id, std::string_view stage, std::string_view decision, std::string_view reason,
               std::string_view flags);
  void rule_result(std::int64_t record_id, std::int64_t rule, bool applied, std::string_view missing);
  void language(std::int64_t record_id, std::string_view language, double confidence, bool reliable);
  void decision(std::int64_t record_id, std::string_view stage, std::string_view decision, std::string_view reason,
                std::string_view reviewer, std::string_view file, std::int64_t line, std::string_view record_ref);
  void extraction(std::int64_t record_id, std::string_view column, std::string_view value, std::string_view file,
                  std::int64_t line);
  void conflict(std::int64_t record_id, std::string_view stage, std::string_view decisions);
  void agreement(std::string_view stage, std::string_view reviewer_a, std::string_view reviewer_b, std::int64_t records,
                 double observed, double expected, std::optional<double> kappa, std::int64_t conflicts);
  void meta(std::string_view key, std::string_view value);

private:
  Store& m_store;
  // prepared once: one row per record, rule result, decision or extraction cell
  Statement m_outcome, m_rule_result, m_language, m_decision, m_extraction;
};

// --- reading a run's result ------------------------------------------------------------------

bool screen_ran(Store& store); // migrates the tables first
// A value of screen_meta ("" when absent).
std::string screen_meta_value(Store& store, std::string_view key);

// The decisions the last run read, in the order it read them (files in name order, each
// file's rows in order).
struct StoredDecisionRow
{
  std::int64_t record_id = 0;
  std::string stage, decision, reason, reviewer, file;
};
std::vector<StoredDecisionRow> screen_decision_rows(Store& store);

// One declared stop by the stopping rule (`synth screen --stop-by-rule`), a search-log entry.
struct ScreenStop
{
  std::int64_t id = 0;
  std::string stage, reviewer;
  double target = 0, confidence = 0, p_value = 1;
  std::int64_t screened = 0, relevant = 0, unscreened = 0;
  std::string file;   // the decision file written
  std::string run_at; // UTC, ISO 8601
  std::string tool_version;
};
void add_screen_stop(Store& store, ScreenStop& stop); // sets stop.id
std::vector<ScreenStop> screen_stops(Store& store);   // by id; migrates first
// The stages of the last run, as stored ("title,abstract,full-text"); "" before any run.
std::string screen_stages(Store& store);

std::vector<std::int64_t> records_pending_at(Store& store, std::string_view stage);
std::vector<std::int64_t> records_included(Store& store);

struct StoredConflictRow
{
  std::int64_t record_id = 0;
  std::string stage;
  std::string decisions;
};
std::vector<StoredConflictRow> screen_conflicts(Store& store); // migrates first

struct StoredAgreementRow
{
  std::string stage, reviewer_a, reviewer_b;
  std::int64_t records = 0;
  double observed = 0;
  double expected = 0;
  std::optional<double> kappa;
  std::int64_t conflicts = 0;
};
std::vector<StoredAgreementRow> screen_agreement(Store& store); // migrates first

} // namespace synth::store
