#include "synth/screen/decisions.hpp"

#include "synth/core/error.hpp"
#include "synth/core/normalise.hpp"
#include "synth/screen/csv.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace synth::screen {

namespace {

bool all_digits(std::string_view s)
{
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// Collects errors of one file and throws them together.
class Errors
{
public:
  void add(const std::string& label, int line, const std::string& what)
  {
    if (m_lines.size() < 20) {
      m_lines.push_back(fmt::format("{}:{}: {}", label, line, what));
    }
    ++m_count;
  }
  void throw_if_any() const
  {
    if (m_lines.empty()) {
      return;
    }
    std::string text = util::join(m_lines, "\n");
    if (m_count > m_lines.size()) {
      text += fmt::format("\n... and {} more errors", m_count - m_lines.size());
    }
    throw Error(text, "nothing was applied: correct the file and run synth screen again");
  }

private:
  std::vector<std::string> m_lines;
  std::size_t m_count = 0;
};

struct Header
{
  std::map<std::string, std::size_t> index; // lower-case name -> column
  int col(const std::string& name) const
  {
    auto it = index.find(name);
    return it == index.end() ? -1 : static_cast<int>(it->second);
  }
};

Header read_header(const CsvRow& row)
{
  Header h;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    h.index.emplace(util::to_lower(util::trim(row.cells[i])), i);
  }
  return h;
}

std::string cell(const CsvRow& row, int col)
{
  if (col < 0 || static_cast<std::size_t>(col) >= row.cells.size()) {
    return {};
  }
  return std::string(util::trim(row.cells[static_cast<std::size_t>(col)]));
}

// The documented words (docs/criteria.md): include, exclude, maybe and the synonyms that
// screening tools write.
std::optional<Verdict> parse_verdict(std::string_view text)
{
  std::string t = util::to_lower(util::trim(text));
  if (t == "include" || t == "included" || t == "yes") {
    return Verdict::include;
  }
  if (t == "exclude" || t == "excluded" || t == "no") {
    return Verdict::exclude;
  }
  if (t == "maybe" || t == "unsure") {
    return Verdict::maybe;
  }
  return std::nullopt;
}

std::string resolve_error(const RecordIndex::Match& m, const std::string& ref)
{
  if (m.status == RecordIndex::Status::ambiguous) {
    return fmt::format("ambiguous record '{}' (matches {} unique records; name it by synth id or source:id)", ref,
                       m.count);
  }
  return fmt::format("unknown record '{}'", ref);
}

bool contains_doi_org(std::string_view ref)
{
  for (std::size_t i = 0; i + 8 <= ref.size(); ++i) {
    if (util::istarts_with(ref.substr(i), "doi.org/")) {
      return true;
    }
  }
  return false;
}

} // namespace

std::string_view verdict_name(Verdict verdict)
{
  switch (verdict) {
  case Verdict::include:
    return "include";
  case Verdict::exclude:
    return "exclude";
  case Verdict::maybe:
    return "maybe";
  }
  return "?";
}

void RecordIndex::add(std::int64_t id, std::int64_t kept_id, std::string_view source, std::string_view source_id,
                      std::string_view doi, std::string_view pmid)
{
  add_record(id, kept_id);
  add_pmid(id, pmid);
  add_doi(id, doi);
  add_source_id(id, source, source_id);
}

void RecordIndex::add_record(std::int64_t id, std::int64_t kept_id) { m_kept[id] = kept_id; }

void RecordIndex::add_pmid(std::int64_t id, std::string_view pmid)
{
  if (!pmid.empty()) {
    m_pmid.emplace(std::string(pmid), id);
  }
}

void RecordIndex::add_doi(std::int64_t id, std::string_view doi)
{
  if (!doi.empty()) {
    m_doi.emplace(std::string(doi), id);
  }
}

void RecordIndex::add_source_id(std::int64_t id, std::string_view source, std::string_view source_id)
{
  source_id = util::trim(source_id);
  if (!source_id.empty()) {
    m_source_id.emplace(fmt::format("{}:{}", source_index(source), source_id), id);
  }
}

void RecordIndex::reserve(std::size_t records)
{
  m_kept.reserve(records);
  m_pmid.reserve(records);
  m_source_id.reserve(records);
}

int RecordIndex::source_index(std::string_view source)
{
  if (m_last_index >= 0 && source == m_last_source) {
    return m_last_index;
  }
  std::string folded = util::fold(source);
  int index = find_source(folded);
  if (index < 0) {
    m_sources.push_back(folded);
    index = static_cast<int>(m_sources.size()) - 1;
  }
  m_last_source = std::string(source);
  m_last_index = index;
  return index;
}

int RecordIndex::find_source(std::string_view folded) const
{
  for (std::size_t i = 0; i < m_sources.size(); ++i) {
    if (m_sources[i] == folded) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::int64_t RecordIndex::kept(std::int64_t id) const
{
  auto it = m_kept.find(id);
  return it == m_kept.end() ? id : it->second;
}

RecordIndex::Match RecordIndex::resolve(std::string_view reference) const
{
  std::string_view ref = util::trim(reference);
  Match match;
  if (ref.empty()) {
    return match;
  }
  std::vector<std::int64_t> found; // unique records matched (few: no set, no allocation for one)
  auto add = [&](std::int64_t kept_id) {
    if (std::find(found.begin(), found.end(), kept_id) == found.end()) {
      found.push_back(kept_id);
    }
  };
  auto collect = [&](const std::unordered_multimap<std::string, std::int64_t>& map, const std::string& key) {
    auto [a, b] = map.equal_range(key);
    for (auto it = a; it != b; ++it) {
      add(kept(it->second));
    }
  };
  if (all_digits(ref) || util::istarts_with(ref, "synth:") || util::istarts_with(ref, "id:")) {
    std::string_view digits = ref.substr(ref.find(':') == std::string_view::npos ? 0 : ref.find(':') + 1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc() && p == digits.data() + digits.size()) {
      if (auto it = m_kept.find(id); it != m_kept.end()) {
        add(it->second);
      }
    }
  } else if (util::istarts_with(ref, "pmid:")) {
    collect(m_pmid, std::string(util::trim(ref.substr(5))));
  } else if (util::istarts_with(ref, "doi:") || util::istarts_with(ref, "10.") || contains_doi_org(ref)) {
    collect(m_doi, normalise_doi(ref));
  } else if (auto colon = ref.find(':'); colon != std::string_view::npos) {
    int index = find_source(util::fold(ref.substr(0, colon)));
    if (index >= 0) {
      collect(m_source_id, fmt::format("{}:{}", index, util::trim(ref.substr(colon + 1))));
    }
  }
  match.count = static_cast<int>(found.size());
  if (found.size() == 1) {
    match.status = Status::found;
    match.id = found.front();
  } else if (found.size() > 1) {
    match.status = Status::ambiguous;
  }
  return match;
}

std::vector<Decision> parse_decisions(std::string_view text, const std::string& label, const RecordIndex& index)
{
  auto rows = parse_csv(text, label);
  if (rows.empty()) {
    return {};
  }
  Header h = read_header(rows[0]);
  int c_record = h.col("record");
  int c_stage = h.col("stage");
  int c_decision = h.col("decision");
  int c_reason = h.col("reason");
  int c_reviewer = h.col("reviewer");
  if (c_record < 0 || c_stage < 0 || c_decision < 0) {
    throw Error(fmt::format("{}:{}: the header must name the columns record, stage and decision "
                            "(and optionally reason, reviewer), expected e.g. "
                            "record,stage,decision,reason,reviewer",
                            label, rows[0].line));
  }
  Errors errors;
  std::vector<Decision> decisions;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    Decision d;
    d.file = label;
    d.line = row.line;
    d.record_ref = cell(row, c_record);
    auto match = index.resolve(d.record_ref);
    if (match.status != RecordIndex::Status::found) {
      errors.add(label, row.line,
                 d.record_ref.empty() ? std::string("empty record") : resolve_error(match, d.record_ref));
      continue;
    }
    d.record_id = match.id;
    std::string stage_text = cell(row, c_stage);
    auto stage = parse_stage(stage_text);
    if (!stage || *stage == Stage::automatic) {
      errors.add(label, row.line,
                 fmt::format("{} stage '{}', expected title, abstract, title-abstract or full-text",
                             stage ? "not a reviewer's" : "unknown", stage_text));
      continue;
    }
    d.stage = *stage;
    std::string verdict_text = cell(row, c_decision);
    auto verdict = parse_verdict(verdict_text);
    if (!verdict) {
      errors.add(label, row.line,
                 fmt::format("unknown decision '{}', expected include, exclude or maybe (or a synonym: "
                             "included, yes, excluded, no, unsure)",
                             verdict_text));
      continue;
    }
    d.verdict = *verdict;
    d.reason = cell(row, c_reason);
    d.reviewer = cell(row, c_reviewer);
    if (d.verdict == Verdict::exclude && d.stage == Stage::full_text && d.reason.empty()) {
      errors.add(label, row.line, "exclusion at full-text without a reason, expected the reason in column 'reason'");
      continue;
    }
    decisions.push_back(std::move(d));
  }
  errors.throw_if_any();
  return decisions;
}

void parse_extraction(std::string_view text, const std::string& label, const RecordIndex& index,
                      const Criteria& criteria, Extraction& extraction)
{
  auto rows = parse_csv(text, label);
  if (rows.empty()) {
    return;
  }
  Header h = read_header(rows[0]);
  int c_record = h.col("record");
  if (c_record < 0) {
    throw Error(fmt::format("{}:{}: the header must name the column record, expected e.g. "
                            "record,participants,smi_participants",
                            label, rows[0].line));
  }
  for (const auto& [name, col] : h.index) {
    if (static_cast<int>(col) != c_record) {
      extraction.columns.push_back(name);
    }
  }
  // Criteria column i -> CSV column.
  std::vector<int> map(criteria.columns.size(), -1);
  for (std::size_t i = 0; i < criteria.columns.size(); ++i) {
    map[i] = h.col(util::to_lower(criteria.columns[i]));
  }
  Errors errors;
  std::map<std::pair<std::int64_t, std::string>, std::string> given; // this file
  for (const auto& c : extraction.cells) {
    given.emplace(std::pair{c.record_id, util::to_lower(c.column)}, fmt::format("{}:{}", c.file, c.line));
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    std::string ref = cell(row, c_record);
    auto match = index.resolve(ref);
    if (match.status != RecordIndex::Status::found) {
      errors.add(label, row.line, ref.empty() ? std::string("empty record") : resolve_error(match, ref));
      continue;
    }
    bool bad = false;
    std::vector<Extraction::Cell> cells;
    for (const auto& [name, col] : h.index) {
      if (static_cast<int>(col) == c_record) {
        continue;
      }
      std::string value = cell(row, static_cast<int>(col));
      if (value.empty()) {
        continue;
      }
      auto key = std::pair{match.id, name};
      if (auto it = given.find(key); it != given.end()) {
        errors.add(label, row.line, fmt::format("record '{}' already has {} (at {})", ref, name, it->second));
        bad = true;
        continue;
      }
      given.emplace(key, fmt::format("{}:{}", label, row.line));
      cells.push_back({match.id, std::string(util::trim(rows[0].cells[col])), value, label, row.line});
    }
    auto& out = extraction.rows[match.id];
    out.resize(criteria.columns.size());
    for (std::size_t i = 0; i < map.size(); ++i) {
      std::string value = cell(row, map[i]);
      if (value.empty()) {
        continue;
      }
      if (criteria.numeric[i]) {
        double v = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || p != value.data() + value.size()) {
          errors.add(label, row.line, fmt::format("{} '{}' is not a number", criteria.columns[i], value));
          bad = true;
          continue;
        }
        if (!std::isfinite(v)) {
          // from_chars reads "nan" and "inf": numbers to C++, no data to a review. Missing
          // data is an empty cell.
          errors.add(label, row.line,
                     fmt::format("{} '{}' is not a finite number (leave the cell empty when the value is "
                                 "not known)",
                                 criteria.columns[i], value));
          bad = true;
          continue;
        }
      }
      out[i] = value;
    }
    if (!bad) {
      for (auto& c : cells) {
        extraction.cells.push_back(std::move(c));
      }
    }
  }
  errors.throw_if_any();
}

} // namespace synth::screen
