// The flow as aligned text for a terminal.
#include "synth/prisma/render.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::prisma {

namespace {

struct Line
{
  int indent = 0; // 0: heading (no number)
  std::string label;
  std::optional<std::int64_t> n; // none: a heading, or a database whose count is unknown
};

std::size_t columns(std::string_view s)
{
  return static_cast<std::size_t>(
    std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void add_list(std::vector<Line>& lines, const std::vector<Count>& list, int indent)
{
  for (const auto& c : list) {
    lines.push_back({indent, c.label, c.n});
  }
}

} // namespace

std::string render_text(const Flow& f)
{
  std::vector<Line> lines;
  auto box = [&](int indent, std::string label, std::int64_t n) { lines.push_back({indent, std::move(label), n}); };
  auto heading = [&](std::string label) { lines.push_back({0, std::move(label), std::nullopt}); };

  if (f.has_previous()) {
    heading("Previous studies");
    box(1, "Studies included in previous version of review", f.previous_studies);
    box(1, "Reports of studies included in previous version", f.previous_reports);
  }
  heading("Identification: databases and registers");
  box(1, "Records identified from databases", f.database_results);
  add_list(lines, f.database_specific_results, 2);
  box(1, "Records identified from registers", f.register_results);
  add_list(lines, f.register_specific_results, 2);
  heading("  Records removed before screening");
  box(2, "Duplicate records removed", f.duplicates);
  box(2, "Marked as ineligible by automation tools", f.excluded_automatic);
  box(2, "Removed for other reasons", f.excluded_other);
  heading("Screening");
  if (f.separate_title_abstract()) {
    box(1, "Records screened on title", f.records_screened);
    box(1, "Records excluded on title", f.title_excluded.value_or(0));
    box(1, "Abstracts screened", f.abstract_screened.value_or(0));
    box(1, "Records excluded on abstract", f.abstract_excluded.value_or(0));
    box(1, "Records excluded (title and abstract)", f.records_excluded);
  } else {
    box(1, "Records screened", f.records_screened);
    box(1, "Records excluded", f.records_excluded);
  }
  add_list(lines, f.records_not_screened, 2);
  if (f.records_pending != 0) {
    box(1, "Records awaiting screening", f.records_pending);
  }
  box(1, "Reports sought for retrieval", f.dbr_sought_reports);
  box(1, "Reports not retrieved", f.dbr_notretrieved_reports);
  box(1, "Reports assessed for eligibility", f.dbr_assessed);
  box(1, "Reports excluded", sum(f.dbr_excluded));
  add_list(lines, f.dbr_excluded, 2);
  if (f.reports_pending != 0) {
    box(1, "Reports awaiting a decision", f.reports_pending);
  }
  if (f.has_other_methods()) {
    heading("Identification: other methods");
    box(1, "Records identified from websites", f.website_results);
    box(1, "Records identified from organisations", f.organisation_results);
    box(1, "Records identified from citation searching", f.citations_results);
    box(1, "Reports sought for retrieval", f.other_sought_reports);
    box(1, "Reports not retrieved", f.other_notretrieved_reports);
    box(1, "Reports assessed for eligibility", f.other_assessed);
    box(1, "Reports excluded", sum(f.other_excluded));
    add_list(lines, f.other_excluded, 2);
  }
  heading("Included");
  box(1, "New studies included in review", f.new_studies);
  box(1, "Reports of new included studies", f.new_reports);
  if (f.has_previous() || f.total_studies != 0) {
    box(1, "Total studies included in review", f.total_studies);
    box(1, "Reports of total included studies", f.total_reports);
  }
  if (f.total_studies_ma != 0 || f.total_reports_ma != 0) {
    box(1, "Studies included in meta-analysis", f.total_studies_ma);
    box(1, "Reports of studies in meta-analysis", f.total_reports_ma);
  }

  std::size_t label_width = 0;
  std::size_t number_width = 0;
  for (const auto& l : lines) {
    if (l.n) {
      label_width = std::max(label_width, static_cast<std::size_t>(l.indent) * 2 + columns(l.label));
      number_width = std::max(number_width, thousands(*l.n).size());
    }
  }
  std::string out;
  for (const auto& l : lines) {
    const std::size_t indent = static_cast<std::size_t>(l.indent) * 2;
    if (!l.n) {
      out += std::string(indent, ' ') + l.label + '\n';
      continue;
    }
    auto used = indent + columns(l.label);
    out += std::string(indent, ' ') + l.label + std::string(label_width - used + 2, ' ');
    out += fmt::format("{:>{}}\n", thousands(*l.n), number_width);
  }
  return out;
}

} // namespace synth::prisma
