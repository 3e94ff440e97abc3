#include "synth/dedup/store_io.hpp"

#include "synth/core/error.hpp"
#include "synth/store/store.hpp"
#include "synth/util/file_write.hpp"
#include "synth/util/input.hpp"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>

namespace synth::dedup {

namespace {

void migrate(store::Store& store)
{
  store.migrate("dedup", {R"sql(
CREATE TABLE dedup_pairs (
  a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL, evidence TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE TABLE dedup_decisions (
  a INTEGER NOT NULL, b INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
  decided_at TEXT NOT NULL, file TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (a, b)
);
CREATE TABLE dedup_merged (
  cluster_id INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
  from_record INTEGER NOT NULL, PRIMARY KEY (cluster_id, field)
);
)sql"});
}

std::int64_t scalar(store::Store& store, const char* sql)
{
  auto st = store.prepare(sql);
  return st.step() ? st.column_int(0) : 0;
}

} // namespace

Summary summary(store::Store& store)
{
  Summary s;
  s.records = scalar(store, "SELECT count(*) FROM records");
  auto clustered = scalar(store, "SELECT count(*) FROM clusters");
  auto removed = scalar(store, "SELECT count(*) FROM clusters WHERE kept = 0");
  s.duplicates_removed = removed;
  s.unique = s.records - removed;
  if (scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'dedup_pairs'") > 0) {
    s.uncertain_pairs = scalar(store, "SELECT count(*) FROM dedup_pairs");
  }
  s.run = clustered == s.records && s.records > 0;
  return s;
}

RunReport run(store::Store& store, const Options& options,
              const std::optional<std::filesystem::path>& review_file)
{
  RunReport report;
  // Validate the review file before anything is written.
  std::vector<ReviewRow> file_rows;
  if (review_file && std::filesystem::exists(*review_file)) {
    file_rows = parse_review(util::read_file(*review_file), review_file->string());
  }
  store::Store::Transaction tx(store);
  migrate(store);
  auto now = store::now_utc();
  {
    // A decision must be about a pair that dedup listed for review (its last run's uncertain
    // pairs, or a pair decided before): not about two records nobody was asked to compare.
    auto listed = store.prepare("SELECT (SELECT count(*) FROM dedup_pairs WHERE a = ?1 AND b = ?2) + "
                                "(SELECT count(*) FROM dedup_decisions WHERE a = ?1 AND b = ?2)");
    for (const auto& r : file_rows) {
      if (r.decision.empty()) {
        continue;
      }
      listed.bind(1, r.a).bind(2, r.b);
      const bool found = listed.step() && listed.column_int(0) > 0;
      listed.reset();
      if (!found) {
        throw Error(fmt::format("{}:{}: pair {}-{} was not listed for review (synth dedup --review "
                                "lists the pairs it could not decide)",
                                review_file->string(), r.line, r.a, r.b));
      }
    }
  }
  {
    auto st = store.prepare("INSERT INTO dedup_decisions(a, b, decision, decided_at, file) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(a, b) DO UPDATE SET "
                            "decision = excluded.decision, decided_at = excluded.decided_at, "
                            "file = excluded.file WHERE decision != excluded.decision");
    for (const auto& d : decisions_of(file_rows)) {
      st.bind(1, d.a).bind(2, d.b).bind(3, d.same ? "same" : "different").bind(4, now)
        .bind(5, review_file->string()).run();
      st.reset();
      ++report.decisions_read;
    }
  }
  std::vector<ReviewDecision> decisions;
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> decided;
  {
    auto st = store.prepare("SELECT a, b, decision FROM dedup_decisions ORDER BY a, b");
    while (st.step()) {
      ReviewDecision d{st.column_int(0), st.column_int(1), st.column_text(2) == "same"};
      decided[{d.a, d.b}] = st.column_text(2);
      decisions.push_back(d);
    }
  }

  // Every record, without what dedup never reads (the raw text, abstract, keywords, MeSH,
  // publication types): at a million records the raw text and abstracts would more than
  // double the memory. The merged record's abstract is chosen in SQL below.
  auto t0 = std::chrono::steady_clock::now();
  auto seconds_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  std::vector<Record> records;
  records.reserve(static_cast<std::size_t>(scalar(store, "SELECT count(*) FROM records")));
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
  report.read_seconds = seconds_since(t0);
  auto result = deduplicate(records, options, decisions);
  report.timing = result.timing;
  auto t1 = std::chrono::steady_clock::now();
  report.comparisons = result.comparisons;
  report.decisions_applied = result.decisions_applied;
  report.decisions_vetoed = result.decisions_vetoed;

  store.exec("DELETE FROM clusters");
  store.exec("DELETE FROM dedup_pairs");
  store.exec("DELETE FROM dedup_merged");
  {
    auto st = store.prepare("INSERT INTO clusters(record_id, cluster_id, kept, evidence) VALUES (?, ?, ?, ?)");
    for (const auto& m : result.members) {
      st.bind(1, m.record_id).bind(2, m.cluster_id).bind(3, m.kept ? 1 : 0).bind(4, m.evidence).run();
      st.reset();
    }
  }
  {
    auto st = store.prepare("INSERT INTO dedup_pairs(a, b, score, evidence) VALUES (?, ?, ?, ?)");
    for (const auto& p : result.uncertain) {
      st.bind(1, p.a).bind(2, p.b).bind(3, p.score).bind(4, p.evidence).run();
      st.reset();
    }
  }
  {
    auto st = store.prepare("INSERT INTO dedup_merged(cluster_id, field, value, from_record) VALUES (?, ?, ?, ?)");
    for (const auto& m : result.merged) {
      for (const auto& f : m.fields) {
        st.bind(1, m.cluster_id).bind(2, f.field).bind(3, f.value).bind(4, f.from).run();
        st.reset();
      }
    }
  }

  // The merged record's abstract: the longest of its cluster (the kept record's on a tie),
  // as merge_records() chooses the other fields.
  store.exec(R"sql(
INSERT INTO dedup_merged(cluster_id, field, value, from_record)
SELECT cluster_id, 'abstract', abstract, id FROM (
  SELECT c.cluster_id, r.abstract, r.id, row_number() OVER (
    PARTITION BY c.cluster_id ORDER BY length(CAST(r.abstract AS BLOB)) DESC, c.kept DESC, r.id) AS n
  FROM clusters c JOIN records r ON r.id = c.record_id
  WHERE r.abstract != '' AND c.cluster_id IN (SELECT cluster_id FROM clusters WHERE kept = 0))
WHERE n = 1
)sql");

  if (review_file) {
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
    report.review_rows = rows.size();
    util::write_file_atomically(*review_file, render_review(rows, records), "the review file");
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
