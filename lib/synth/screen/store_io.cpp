#include "synth/screen/store_io.hpp"

#include "synth/core/error.hpp"
#include "synth/screen/screen.hpp"
#include "synth/store/store.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::screen {

void ensure_schema(store::Store& store) { store::migrate_screen(store); }

RecordIndex load_record_index(store::Store& store)
{
  RecordIndex index;
  // The record each clustered record's cluster keeps (kept = 1), whatever the cluster id.
  auto kept = store::kept_record_of_clustered(store);
  index.reserve(static_cast<std::size_t>(store::record_count(store)));
  store::for_each_source_id(store, [&](std::int64_t id, const std::string& source, const std::string& source_id) {
    auto it = kept.find(id);
    index.add_record(id, it == kept.end() ? id : it->second);
    index.add_source_id(id, source, source_id);
  });
  store::for_each_pmid(store, [&](std::int64_t id, const std::string& pmid) { index.add_pmid(id, pmid); });
  store::for_each_doi(store, [&](std::int64_t id, const std::string& doi) { index.add_doi(id, doi); });
  return index;
}

ResultWriter::ResultWriter(store::Store& store, const Criteria& criteria) : m_tables(store)
{
  for (std::size_t i = 0; i < criteria.rules.size(); ++i) {
    const Rule& rule = criteria.rules[i];
    m_tables.rule(static_cast<std::int64_t>(i), rule.line, stage_name(rule.stage),
                  rule.action == Action::exclude ? "exclude" : "flag", rule.reason, rule.text);
  }
}

ResultWriter::~ResultWriter() = default;

void ResultWriter::write(std::int64_t record_id, const Outcome& outcome)
{
  m_tables.outcome(record_id, stage_name(outcome.stage), final_name(outcome.decision), outcome.reason,
                   util::join(outcome.flags, "; "));
  for (const auto& rr : outcome.rules) {
    m_tables.rule_result(record_id, rr.rule, rr.result == Tri::yes, rr.missing);
  }
  if (outcome.detected && !outcome.detected->language.empty()) {
    m_tables.language(record_id, outcome.detected->language, outcome.detected->confidence, outcome.detected->reliable);
  }
}

void ResultWriter::write_inputs(const std::vector<Decision>& decisions, const Extraction& extraction,
                                const RunResult& result)
{
  for (const auto& x : decisions) {
    m_tables.decision(x.record_id, stage_name(x.stage), verdict_name(x.verdict), x.reason, x.reviewer, x.file, x.line,
                      x.record_ref);
  }
  for (const auto& c : extraction.cells) {
    m_tables.extraction(c.record_id, c.column, c.value, c.file, c.line);
  }
  for (const auto& c : result.conflicts) {
    std::vector<std::string> parts;
    parts.reserve(c.decisions.size());
    for (const auto& [who, verdict] : c.decisions) {
      parts.push_back(fmt::format("{} {}", who, verdict_name(verdict)));
    }
    m_tables.conflict(c.record_id, stage_name(c.stage), util::join(parts, ", "));
  }
  for (const auto& g : result.agreement) {
    m_tables.agreement(stage_name(g.stage), g.reviewer_a, g.reviewer_b, g.kappa.items, g.kappa.observed,
                       g.kappa.expected, g.kappa.kappa, g.conflicts);
  }
  std::vector<std::string> stages;
  stages.reserve(result.stages.size());
  for (Stage s : result.stages) {
    stages.emplace_back(stage_name(s));
  }
  m_tables.meta("stages", util::join(stages, ","));
  m_tables.meta("criteria", result.criteria);
  m_tables.meta("tiebreaker", result.tiebreaker);
  m_tables.meta("stopping_target", fmt::format("{}", result.stopping_target));
  m_tables.meta("stopping_confidence", fmt::format("{}", result.stopping_confidence));
  m_tables.meta("run_at", store::now_utc());
}

} // namespace synth::screen
