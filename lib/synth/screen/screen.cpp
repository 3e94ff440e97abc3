#include "synth/screen/screen.hpp"

#include "synth/screen/inputs.hpp"
#include "synth/screen/store_io.hpp"
#include "synth/store/store.hpp"

#include <future>
#include <map>
#include <unordered_map>

namespace synth::screen {

namespace fs = std::filesystem;
using namespace detail;

namespace {

// Screens the unique records in batches. The store is read and written on this thread
// only; a second thread applies the rules to one batch while this one writes the results
// of the batch before and reads the next (two cores: the rules and SQLite overlap).
class Pipeline
{
public:
  Pipeline(Engine& engine, const std::vector<Decision>& decisions, const Extraction& extraction)
    : m_engine(engine), m_extraction(extraction)
  {
    for (const auto& d : decisions) {
      m_by_record[d.record_id].push_back(&d);
    }
  }

  void run(store::Store& store, ResultWriter& writer, RunResult& result)
  {
    UniqueRecordReader reader(store);
    int cur = 0;
    reader.read(m_batch[cur], k_batch);
    if (m_batch[cur].empty()) {
      return;
    }
    auto job = std::async(std::launch::async, [this, cur] { screen_batch(cur); });
    for (;;) {
      int next = 1 - cur;
      reader.read(m_batch[next], k_batch);
      job.get();
      if (!m_batch[next].empty()) {
        job = std::async(std::launch::async, [this, next] { screen_batch(next); });
      }
      store_batch(cur, writer, result);
      if (m_batch[next].empty()) {
        return;
      }
      cur = next;
    }
  }

private:
  static constexpr std::size_t k_batch = 4096;

  void screen_batch(int b)
  {
    static const std::vector<const Decision*> k_none;
    auto& records = m_batch[b];
    auto& outcomes = m_outcomes[b];
    outcomes.resize(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto dit = m_by_record.find(records[i].id);
      auto xit = m_extraction.rows.find(records[i].id);
      outcomes[i] = m_engine.screen(records[i], xit == m_extraction.rows.end() ? nullptr : &xit->second,
                                    dit == m_by_record.end() ? k_none : dit->second);
    }
  }

  void store_batch(int b, ResultWriter& writer, RunResult& result)
  {
    for (std::size_t i = 0; i < m_batch[b].size(); ++i) {
      const Outcome& outcome = m_outcomes[b][i];
      ++result.records;
      result.included += outcome.decision == Final::include;
      result.excluded += outcome.decision == Final::exclude;
      result.pending += outcome.decision == Final::pending;
      result.flagged += !outcome.flags.empty();
      result.languages_detected += outcome.detected && !outcome.detected->language.empty();
      if (outcome.conflict && outcome.decision == Final::pending) {
        result.conflicts.push_back(*outcome.conflict);
      }
      writer.write(m_batch[b][i].id, outcome);
    }
  }

  Engine& m_engine;
  const Extraction& m_extraction;
  std::unordered_map<std::int64_t, std::vector<const Decision*>> m_by_record;
  std::vector<Record> m_batch[2];
  std::vector<Outcome> m_outcomes[2];
};

} // namespace

RunResult run(store::Store& store, const Project& project, const Inputs& inputs)
{
  RunResult result;
  store::BulkWrite bulk(store); // before the transaction: SQLite ignores foreign_keys inside one
  store::Store::Transaction tx(store);
  ensure_schema(store);

  // 1. Read and check every file before anything is written.
  Criteria criteria;
  fs::path criteria_path = inputs.criteria.value_or(project.criteria());
  std::error_code ec;
  if (inputs.criteria || fs::exists(criteria_path, ec)) {
    result.criteria = label_of(criteria_path, project);
    criteria = parse_criteria(read_text(criteria_path), result.criteria);
  }
  auto extra_decisions = inputs.decisions;
  std::map<fs::path, const std::string*> given; // decision files given as text, by canonical path
  for (const auto& [path, text] : inputs.decision_texts) {
    extra_decisions.push_back(path);
    given[fs::weakly_canonical(fs::absolute(path), ec)] = &text;
  }
  auto decision_files = files_in(project.decisions(), extra_decisions);
  auto extraction_files = files_in(project.extraction(), inputs.extraction);
  // Record references are only needed to read those files (a second or two for a million
  // records): without any, the criteria alone are applied.
  RecordIndex index;
  if (!decision_files.empty() || !extraction_files.empty()) {
    index = load_record_index(store);
  }
  std::vector<Decision> decisions;
  for (const auto& file : decision_files) {
    std::string label = label_of(file, project);
    auto it = given.find(fs::weakly_canonical(fs::absolute(file), ec));
    auto rows = parse_decisions(it != given.end() ? *it->second : read_text(file), label, index);
    decisions.insert(decisions.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    result.decision_files.push_back(label);
  }
  Extraction extraction;
  for (const auto& file : extraction_files) {
    std::string label = label_of(file, project);
    parse_extraction(read_text(file), label, index, criteria, extraction);
    result.extraction_files.push_back(label);
  }
  index = RecordIndex(); // not needed any more: free it before reading the records
  result.decisions = static_cast<std::int64_t>(decisions.size());
  result.tiebreaker = criteria.options.tiebreaker;
  result.stopping_target = criteria.options.stopping_target;
  result.stopping_confidence = criteria.options.stopping_confidence;
  canonical_reviewers(decisions, criteria.options, result.warnings);
  check_columns(criteria, extraction.columns, !result.extraction_files.empty(), result.warnings);

  // 2. Screen every unique record and store the outcomes.
  result.stages = stages_in_use(criteria, decisions);
  Engine engine(criteria, result.stages);
  ResultWriter writer(store, criteria);
  Pipeline(engine, decisions, extraction).run(store, writer, result);
  result.agreement = compute_agreement(decisions, criteria.options);
  writer.write_inputs(decisions, extraction, result);
  tx.commit();
  return result;
}

} // namespace synth::screen
