#include "synth/dedup/review.hpp"

#include "synth/core/error.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <unordered_map>

namespace synth::dedup {

namespace {

const std::vector<std::string> k_record_columns = {"id",      "source", "title", "authors", "year",
                                                   "journal", "volume", "pages", "doi"};

using util::csv_field;

bool parse_id(std::string_view s, std::int64_t& out)
{
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && out > 0;
}

std::string authors_of(const Record& r)
{
  std::vector<std::string> names;
  names.reserve(r.authors.size());
  for (const auto& a : r.authors) {
    names.push_back(a.given.empty() ? a.family : a.family + " " + a.given);
  }
  return util::join(names, "; ");
}

} // namespace

std::vector<ReviewRow> parse_review(std::string_view text, const std::string& file_label)
{
  util::CsvTable table(text);
  util::CsvRow row;
  std::vector<ReviewRow> rows;
  int pair_col = -1;
  int decision_col = -1;
  int score_col = -1;
  int evidence_col = -1;
  bool header = true;
  std::map<std::pair<std::int64_t, std::int64_t>, const ReviewRow*> decided;
  while (table.next(row)) {
    auto where = fmt::format("{}:{}", file_label, row.line);
    if (!row.error.empty()) {
      throw Error(fmt::format("{}: {}", where, row.error));
    }
    if (header) {
      header = false;
      for (std::size_t c = 0; c < row.fields.size(); ++c) {
        auto name = util::to_lower(util::trim(row.fields[c]));
        int col = static_cast<int>(c);
        if (name == "pair_id") {
          pair_col = col;
        } else if (name == "decision") {
          decision_col = col;
        } else if (name == "score") {
          score_col = col;
        } else if (name == "evidence") {
          evidence_col = col;
        }
      }
      if (pair_col < 0 || decision_col < 0) {
        throw Error(fmt::format("{}: review file needs the columns pair_id and decision", where));
      }
      continue;
    }
    auto cell = [&](int col) -> std::string_view {
      return col >= 0 && static_cast<std::size_t>(col) < row.fields.size()
               ? util::trim(row.fields[static_cast<std::size_t>(col)])
               : std::string_view{};
    };
    ReviewRow r;
    auto pair = cell(pair_col);
    auto dash = pair.find('-');
    if (dash == std::string_view::npos || !parse_id(pair.substr(0, dash), r.a) || !parse_id(pair.substr(dash + 1), r.b)
        || r.a == r.b) {
      throw Error(fmt::format("{}: bad pair_id '{}' (expected two record ids like 12-40)", where, pair));
    }
    if (r.a > r.b) {
      std::swap(r.a, r.b);
    }
    auto decision = util::to_lower(cell(decision_col));
    if (decision != "" && decision != "same" && decision != "different") {
      throw Error(fmt::format("{}: decision must be same, different or empty (got '{}')", where, cell(decision_col)));
    }
    r.decision = decision;
    auto score = cell(score_col);
    std::from_chars(score.data(), score.data() + score.size(), r.score);
    r.evidence = std::string(cell(evidence_col));
    r.line = static_cast<std::int64_t>(row.line);
    rows.push_back(std::move(r));
  }
  if (header) {
    throw Error(fmt::format("{}:1: review file is empty", file_label));
  }
  for (const auto& r : rows) {
    if (r.decision.empty()) {
      continue;
    }
    auto [it, fresh] = decided.emplace(std::pair(r.a, r.b), &r);
    if (!fresh && it->second->decision != r.decision) {
      throw Error(fmt::format("{}:{}: pair {}-{} is decided '{}' here and '{}' at line {}", file_label, r.line, r.a,
                              r.b, r.decision, it->second->decision, it->second->line));
    }
  }
  return rows;
}

std::vector<ReviewDecision> decisions_of(const std::vector<ReviewRow>& rows)
{
  std::vector<ReviewDecision> out;
  for (const auto& r : rows) {
    if (!r.decision.empty()) {
      out.push_back(ReviewDecision{r.a, r.b, r.decision == "same"});
    }
  }
  return out;
}

std::string render_review(const std::vector<ReviewRow>& rows, const std::vector<Record>& records)
{
  std::unordered_map<std::int64_t, const Record*> by_id;
  for (const auto& r : records) {
    by_id[r.id] = &r;
  }
  std::string out = "pair_id,decision,score,evidence";
  for (const char* side : {"a_", "b_"}) {
    for (const auto& c : k_record_columns) {
      out += ',';
      out += side;
      out += c;
    }
  }
  out += '\n';
  for (const auto& row : rows) {
    out += fmt::format("{}-{},{},{:.3f},{}", row.a, row.b, row.decision, row.score, csv_field(row.evidence));
    for (auto id : {row.a, row.b}) {
      auto it = by_id.find(id);
      if (it == by_id.end()) {
        out += fmt::format(",{},,,,,,,,", id);
        continue;
      }
      const auto& r = *it->second;
      for (const auto& v : {std::to_string(r.id), r.source, r.title, authors_of(r),
                            r.year ? std::to_string(*r.year) : std::string(), r.journal, r.volume, r.pages, r.doi}) {
        out += ',';
        out += csv_field(v);
      }
    }
    out += '\n';
  }
  return out;
}

} // namespace synth::dedup
