#include "synth/prisma/csv.hpp"

#include "synth/core/error.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace synth::prisma {

namespace {

// The rows of the PRISMA2020 package's template (inst/extdata/PRISMA.csv, MIT licence,
// Haddaway, Page, Pritchard & McGuinness 2022), without n: data,node,box,description,
// boxtext,tooltips,url. Written in this order so that the package's tools read the file.
struct TemplateRow
{
  const char* data;
  const char* node;
  const char* box;
  const char* description;
  const char* boxtext;
  const char* tooltips;
  const char* url;
};

const TemplateRow k_template[] = {
  {"NA", "node4", "prevstud", "Grey title box; Previous studies", "Previous studies",
   "Grey title box; Previous studies", "prevstud.html"},
  {"previous_studies", "node5", "box1", "Studies included in previous version of review",
   "Studies included in previous version of review", "Studies included in previous version of review",
   "previous_studies.html"},
  {"previous_reports", "NA", "box1", "Reports of studies included in previous version of review",
   "Reports of studies included in previous version of review", "NA", "previous_reports.html"},
  {"NA", "node6", "newstud", "Yellow title box; Identification of new studies via databases and registers",
   "Identification of new studies via databases and registers",
   "Yellow title box; Identification of new studies via databases and registers", "newstud.html"},
  {"database_results", "node7", "box2", "Records identified from: Databases", "Databases",
   "Records identified from: Databases and Registers", "database_results.html"},
  {"database_specific_results", "NA", "box2", "Records identified from: specific databases", "Specific Databases", "NA",
   "database_results.html"},
  {"register_results", "NA", "box2", "Records identified from: Registers", "Registers", "NA", "NA"},
  {"register_specific_results", "NA", "box2", "Records identified from: specific registers", "Specific Registers", "NA",
   "database_results.html"},
  {"NA", "node16", "othstud", "Grey title box; Identification of new studies via other methods",
   "Identification of new studies via other methods", "Grey title box; Identification of new studies via other methods",
   "othstud.html"},
  {"website_results", "node17", "box11", "Records identified from: Websites", "Websites",
   "Records identified from: Websites, Organisations and Citation Searching", "website_results.html"},
  {"organisation_results", "", "box11", "Records identified from: Organisations", "Organisations", "NA", "NA"},
  {"citations_results", "NA", "box11", "Records identified from: Citation searching", "Citation searching", "NA", "NA"},
  {"duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records", "duplicates.html"},
  {"excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools",
   "Records marked as ineligible by automation tools", "NA", "NA"},
  {"excluded_other", "NA", "box3", "Records removed for other reasons", "Records removed for other reasons", "NA",
   "NA"},
  {"records_screened", "node9", "box4", "Records screened (databases and registers)", "Records screened",
   "Records screened (databases and registers)", "records_screened.html"},
  {"records_excluded", "node10", "box5", "Records excluded (databases and registers)", "Records excluded",
   "Records excluded (databases and registers)", "records_excluded.html"},
  {"dbr_sought_reports", "node11", "box6", "Reports sought for retrieval (databases and registers)",
   "Reports sought for retrieval", "Reports sought for retrieval (databases and registers)", "dbr_sought_reports.html"},
  {"dbr_notretrieved_reports", "node12", "box7", "Reports not retrieved (databases and registers)",
   "Reports not retrieved", "Reports not retrieved (databases and registers)", "dbr_notretrieved_reports.html"},
  {"other_sought_reports", "node18", "box12", "Reports sought for retrieval (other)", "Reports sought for retrieval",
   "Reports sought for retrieval (other)", "other_sought_reports.html"},
  {"other_notretrieved_reports", "node19", "box13", "Reports not retrieved (other)", "Reports not retrieved",
   "Reports not retrieved (other)", "other_notretrieved_reports.html"},
  {"dbr_assessed", "node13", "box8", "Reports assessed for eligibility (databases and registers)",
   "Reports assessed for eligibility", "Reports assessed for eligibility (databases and registers)",
   "dbr_assessed.html"},
  {"dbr_excluded", "node14", "box9",
   "Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]",
   "Reports excluded", "Reports excluded (databases and registers)", "dbrexcludedrecords.html"},
  {"other_assessed", "node20", "box14", "Reports assessed for eligibility (other)", "Reports assessed for eligibility",
   "Reports assessed for eligibility (other)", "other_assessed.html"},
  {"other_excluded", "node21", "box15",
   "Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]",
   "Reports excluded", "Reports excluded (other)", "other_excluded.html"},
  {"new_studies", "node15", "box10", "New studies included in review", "New studies included in review",
   "New studies included in review", "new_studies.html"},
  {"new_reports", "NA", "box10", "Reports of new included studies", "Reports of new included studies", "NA", "NA"},
  {"total_studies", "node22", "box16", "Total studies included in review", "Total studies included in review",
   "Total studies included in review", "total_studies.html"},
  {"total_reports", "NA", "box16", "Reports of total included studies", "Reports of total included studies", "NA",
   "NA"},
  {"identification", "node1", "identification", "Blue identification box", "Identification", "Blue identification box",
   "identification.html"},
  {"screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box", "screening.html"},
  {"included", "node3", "included", "Blue included box", "Included", "Blue included box", "included.html"},
  {"total_studies_ma", "node23", "box17", "Total studies included in meta-analysis",
   "Total studies included in meta-analysis", "Total studies included in meta-analysis",
   "total_studies_meta_analysis.html"},
  {"total_reports_ma", "NA", "box17", "Reports of total included studies in meta-analysis",
   "Reports of total included studies in meta-analysis", "NA", "NA"},
};

// synth's own keys, written after the template's rows when they hold data.
const TemplateRow k_extra[] = {
  {"title_excluded", "NA", "box5", "synth: records excluded on title (title and abstract screened separately)",
   "Excluded on title", "NA", "NA"},
  {"abstract_screened", "NA", "box5", "synth: records whose abstract was screened", "Abstracts screened", "NA", "NA"},
  {"abstract_excluded", "NA", "box5", "synth: records excluded on abstract", "Excluded on abstract", "NA", "NA"},
  {"records_pending", "NA", "box5", "synth: records awaiting title/abstract screening", "Records awaiting screening",
   "NA", "NA"},
  {"records_not_screened", "NA", "box5",
   "synth: of the records excluded, those left unscreened when screening stopped by the stopping rule",
   "Excluded without screening (stopping rule)", "NA", "NA"},
  {"reports_pending", "NA", "box9", "synth: reports awaiting a full-text decision", "Reports awaiting a decision", "NA",
   "NA"},
};

bool is_phase_key(std::string_view key) { return key == "identification" || key == "screening" || key == "included"; }

} // namespace

std::vector<CsvLine> split_csv(std::string_view text, std::string_view name)
{
  std::vector<CsvLine> rows;
  util::CsvTable table(text);
  util::CsvRow row;
  while (table.next(row)) {
    if (!row.error.empty()) {
      throw Error(fmt::format("{}:{}: {}", name, row.error_line, row.error));
    }
    bool blank = row.fields.size() == 1 && util::trim(row.fields[0]).empty();
    if (!blank) {
      rows.push_back(CsvLine{row.line, std::move(row.fields)});
    }
  }
  return rows;
}

std::optional<std::int64_t> parse_count(std::string_view text, std::string_view where)
{
  auto t = util::trim(text);
  if (t.empty() || t == "NA" || util::iequals(t, "xxx")) {
    return std::nullopt;
  }
  std::int64_t n = 0;
  int digits = 0;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      if (n > (INT64_MAX - 9) / 10) {
        throw Error(fmt::format("{}: '{}' is too large", where, t));
      }
      n = n * 10 + (c - '0');
      ++digits;
    } else if ((c == ',' || c == ' ') && digits > 0) {
      continue;
    } else {
      throw Error(fmt::format("{}: '{}' is not a count", where, t));
    }
  }
  return n;
}

std::vector<Count> parse_count_list(std::string_view text, std::string_view where, bool allow_unknown)
{
  std::vector<Count> out;
  auto t = util::trim(text);
  if (t.empty() || t == "NA") {
    return out;
  }
  int placeholders = 0;
  for (auto item : util::split(t, ';')) {
    item = util::trim(item);
    if (item.empty()) {
      continue;
    }
    // The number follows the last comma, but "Label, 1,234" has a thousands separator:
    // take the longest tail of digits, commas and spaces that follows a ", ".
    auto pos = item.rfind(", ");
    while (pos != std::string_view::npos && pos > 0) {
      auto before = item.rfind(", ", pos - 1);
      if (before == std::string_view::npos) {
        break;
      }
      auto middle = item.substr(before + 2, pos - before - 2);
      if (middle.empty() || middle.find_first_not_of("0123456789") != std::string_view::npos || middle.size() > 3) {
        break;
      }
      pos = before;
    }
    if (pos == std::string_view::npos) {
      auto comma = item.rfind(',');
      pos = comma;
    }
    if (pos == std::string_view::npos) {
      throw Error(fmt::format("{}: '{}' has no count (write 'Label, n')", where, item));
    }
    auto label = util::trim(item.substr(0, pos));
    auto number = util::trim(item.substr(pos + 1));
    if (util::iequals(number, "xxx")) {
      ++placeholders;
      continue;
    }
    if (label.empty()) {
      throw Error(fmt::format("{}: '{}' has no label", where, item));
    }
    if (allow_unknown && number == "NA") {
      out.push_back({std::string(label), std::nullopt});
      continue;
    }
    auto n = parse_count(number, fmt::format("{}: '{}'", where, item));
    if (!n) {
      throw Error(fmt::format("{}: '{}' has no count (write 'Label, n')", where, item));
    }
    out.push_back({std::string(label), *n});
  }
  if (placeholders != 0 && !out.empty()) {
    throw Error(fmt::format("{}: some entries have the placeholder 'xxx' instead of a count", where));
  }
  return out;
}

std::string format_count_list(const std::vector<Count>& counts)
{
  std::string out;
  for (const auto& c : counts) {
    if (!out.empty()) {
      out += "; ";
    }
    out += c.n ? fmt::format("{}, {}", c.label, *c.n) : fmt::format("{}, NA", c.label);
  }
  return out;
}

Flow parse_counts_csv(std::string_view text, std::string_view name, std::vector<std::string>* keys)
{
  auto rows = split_csv(text, name);
  if (rows.empty()) {
    throw Error(fmt::format("{}: empty file (expected the PRISMA2020 CSV template)", name));
  }
  const auto& header = rows.front().fields;
  auto column = [&](std::string_view want) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (util::trim(header[i]) == want) {
        return i;
      }
    }
    return std::nullopt;
  };
  auto data_col = column("data");
  auto n_col = column("n");
  if (!data_col || !n_col) {
    throw Error(fmt::format("{}:1: not a PRISMA2020 CSV: the columns 'data' and 'n' are required", name),
                "start from the PRISMA2020 package's template (synth prisma --format csv writes one)");
  }
  Flow flow;
  std::set<std::string, std::less<>> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto cell = [&](std::size_t col) -> std::string_view {
      return col < row.fields.size() ? std::string_view(row.fields[col]) : std::string_view{};
    };
    auto key = std::string(util::trim(cell(*data_col)));
    if (key.empty() || key == "NA" || is_phase_key(key)) {
      continue;
    }
    auto where = fmt::format("{}:{}: {}", name, row.line, key);
    const auto* info = find_key(key);
    if (!info) {
      throw Error(fmt::format("{}:{}: unknown data key '{}'", name, row.line, key),
                  "the keys are those of the PRISMA2020 template; see docs/prisma.md");
    }
    if (!seen.insert(key).second) {
      throw Error(fmt::format("{}:{}: data key '{}' is given twice", name, row.line, key));
    }
    if (keys) {
      keys->push_back(key);
    }
    if (info->kind == KeyKind::list) {
      *list_of(flow, key) = parse_count_list(cell(*n_col), where, counts_may_be_unknown(key));
    } else if (auto n = parse_count(cell(*n_col), where)) {
      set_value(flow, key, *n);
    }
  }
  return flow;
}

Flow read_counts_csv(const std::filesystem::path& path)
{
  return parse_counts_csv(util::read_file(path), path.string());
}

std::string write_counts_csv(const Flow& flow)
{
  std::string out = "data,node,box,description,boxtext,tooltips,url,n\n";
  auto write = [&](const TemplateRow& row, const std::string& n) {
    out += fmt::format("{},{},{},{},{},{},{},{}\n", row.data, row.node, row.box, util::csv_field(row.description),
                       util::csv_field(row.boxtext), util::csv_field(row.tooltips), row.url, util::csv_field(n));
  };
  for (const auto& row : k_template) {
    std::string key = row.data;
    if (const auto* list = list_of(flow, key)) {
      write(row, list->empty() ? "NA" : format_count_list(*list));
    } else if (auto v = value_of(flow, key)) {
      write(row, std::to_string(*v));
    } else {
      write(row, "0");
    }
  }
  for (const auto& row : k_extra) {
    if (const auto* list = list_of(flow, row.data)) {
      if (!list->empty()) {
        write(row, format_count_list(*list));
      }
      continue;
    }
    auto v = value_of(flow, row.data);
    if (v && (*v != 0 || find_key(row.data)->kind == KeyKind::optional)) {
      write(row, std::to_string(*v));
    }
  }
  return out;
}

} // namespace synth::prisma
