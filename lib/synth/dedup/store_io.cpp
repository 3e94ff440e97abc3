#include "synth/dedup/store_io.hpp"

#include "synth/core/error.hpp"
#include "synth/store/dedup_tables.hpp"
#include "synth/store/store.hpp"
#include "synth/util/file_write.hpp"
#include "synth/util/input.hpp"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>

namespace synth::dedup {

Summary summary(store::Store& store)
{
  const auto c = store::dedup_counts(store);
  Summary s;
  s.records = c.records;
  s.duplicates_removed = c.removed;
  s.unique = c.records - c.removed;
  s.uncertain_pairs = c.uncertain_pairs;
  s.run = c.clustered == c.records && c.records > 0;
  return s;
}

namespace {

// Saves the decisions of the review file (each about a pair dedup listed for review) and
// returns every decision on record, old and new.
std::vector<ReviewDecision> save_decisions(store::DedupTables& tables, const std::vector<ReviewRow>& file_rows,
                                           const std::optional<std::filesystem::path>& review_file, RunReport& report)
{
  auto now = store::now_utc();
  // A decision must be about a pair that dedup listed for review (its last run's uncertain
  // pairs, or a pair decided before): not about two records nobody was asked to compare.
  for (const auto& r : file_rows) {
    if (!r.decision.empty() && !tables.pair_listed(r.a, r.b)) {
      throw Error(fmt::format("{}:{}: pair {}-{} was not listed for review (synth dedup --review "
                              "lists the pairs it could not decide)",
                              review_file->string(), r.line, r.a, r.b));
    }
  }
  for (const auto& d : decisions_of(file_rows)) {
    tables.save_decision({d.a, d.b, d.same}, now, review_file->string());
    ++report.decisions_read;
  }
  std::vector<ReviewDecision> decisions;
  for (const auto& d : tables.decisions()) {
    decisions.push_back(ReviewDecision{d.a, d.b, d.same});
  }
  return decisions;
}

// Every record, without what dedup never reads (the raw text, abstract, keywords, MeSH,
// publication types): at a million records the raw text and abstracts would more than
// double the memory. The merged record's abstract is chosen in SQL (merge_abstracts).
std::vector<Record> records_to_compare(store::Store& store)
{
  std::vector<Record> records;
  records.reserve(static_cast<std::size_t>(store::record_count(store)));
  store.for_each_record([&](const Record& r) {
    records.push_back(r);
    auto& kept = records.back();
    kept.raw = std::string();
    kept.abstract = std::string();
    kept.keywords = {};
    kept.mesh = {};
    kept.publication_types = {};
    return true;
  });
  return records;
}

void save_result(store::DedupTables& tables, const Result& result)
{
  tables.clear_result();
  for (const auto& m : result.members) {
    tables.add_member(m.record_id, m.cluster_id, m.kept, m.evidence);
  }
  for (const auto& p : result.uncertain) {
    tables.add_pair(p.a, p.b, p.score, p.evidence);
  }
  for (const auto& m : result.merged) {
    for (const auto& f : m.fields) {
      tables.add_merged(m.cluster_id, f.field, f.value, f.from);
    }
  }
  // The merged record's abstract: the longest of its cluster, as merge_records() chooses the
  // other fields.
  tables.merge_abstracts();
}

// The review file rewritten: the decisions it held (once each), then the pairs still open.
std::size_t write_review_file(const std::filesystem::path& path, const std::vector<ReviewRow>& file_rows,
                              const Result& result, const std::vector<Record>& records)
{
  std::vector<ReviewRow> rows;
  std::set<std::pair<std::int64_t, std::int64_t>> written;
  for (const auto& r : file_rows) {
    if (!r.decision.empty() && written.emplace(r.a, r.b).second) {
      rows.push_back(r);
    }
  }
  for (const auto& p : result.uncertain) {
    rows.push_back(ReviewRow{p.a, p.b, "", p.score, p.evidence});
  }
  util::write_file_atomically(path, render_review(rows, records), "the review file");
  return rows.size();
}

double seconds_since(std::chrono::steady_clock::time_point t)
{
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

RunReport run(store::Store& store, const Options& options, const std::optional<std::filesystem::path>& review_file)
{
  RunReport report;
  // Validate the review file before anything is written.
  std::vector<ReviewRow> file_rows;
  if (review_file && std::filesystem::exists(*review_file)) {
    file_rows = parse_review(util::read_file(*review_file), review_file->string());
  }
  store::Store::Transaction tx(store);
  store::DedupTables tables(store);
  const auto decisions = save_decisions(tables, file_rows, review_file, report);

  auto t0 = std::chrono::steady_clock::now();
  const auto records = records_to_compare(store);
  report.read_seconds = seconds_since(t0);
  const auto result = deduplicate(records, options, decisions);
  report.timing = result.timing;
  report.comparisons = result.comparisons;
  report.decisions_applied = result.decisions_applied;
  report.decisions_vetoed = result.decisions_vetoed;

  auto t1 = std::chrono::steady_clock::now();
  save_result(tables, result);
  if (review_file) {
    report.review_rows = write_review_file(*review_file, file_rows, result, records);
  }
  tx.commit();
  report.write_seconds = seconds_since(t1);
  report.summary.records = static_cast<std::int64_t>(result.records);
  report.summary.unique = static_cast<std::int64_t>(result.unique);
  report.summary.duplicates_removed = report.summary.records - report.summary.unique;
  report.summary.uncertain_pairs = static_cast<std::int64_t>(result.uncertain.size());
  report.summary.run = true;
  return report;
}

} // namespace synth::dedup
