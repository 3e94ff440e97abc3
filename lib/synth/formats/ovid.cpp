#include "synth/formats/ovid.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <regex>

namespace synth::formats {

namespace {

using util::trim;

struct OvidField
{
  std::string name;
  std::vector<std::string> lines;
};

bool is_marker(std::string_view line)
{
  line = trim(line);
  if (line.size() < 3 || line.front() != '<' || line.back() != '>') {
    return false;
  }
  for (char c : line.substr(1, line.size() - 2)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

std::string joined(const std::vector<OvidField>& fields, std::initializer_list<std::string_view> names)
{
  for (auto name : names) {
    for (const auto& f : fields) {
      if (!util::iequals(f.name, name)) {
        continue;
      }
      std::string out;
      for (const auto& l : f.lines) {
        if (!out.empty()) {
          out += ' ';
        }
        out += l;
      }
      if (!out.empty()) {
        return out;
      }
    }
  }
  return {};
}

bool is_degree(std::string_view w)
{
  static const std::vector<std::string_view> degrees = {
    "MD",  "PhD",   "RN",   "FAAN", "MSc",    "MS",  "BSc",   "MPH",   "DrPH", "DO",  "BA", "MA",
    "MBA", "DPhil", "FRCS", "FRCP", "FRCPC",  "DDS", "DMD",   "MBBS",  "MB",   "ChB", "BS", "MSN",
    "BSN", "CNM",   "FACS", "FACP", "PharmD", "DSc", "MBChB", "FRACP", "PT",   "OT",  "Jr"};
  for (auto d : degrees) {
    if (w == d) {
      return true;
    }
  }
  return false;
}

// "van Vugt, Arie MD, PhD +" -> "van Vugt, Arie"; "Shapiro, Edward S. 1" -> "Shapiro, Edward S.".
std::string clean_author(std::string_view s)
{
  std::string name(trim(s));
  while (!name.empty()) {
    auto cut = name.find_last_of(" ,");
    std::string_view last = cut == std::string::npos ? std::string_view(name) : std::string_view(name).substr(cut + 1);
    bool mark = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == '+' || c == '(' || c == ')';
    });
    if (last.empty() || mark || is_degree(last)) {
      if (cut == std::string::npos) {
        return {};
      }
      name.resize(cut);
      while (!name.empty() && (name.back() == ' ' || name.back() == ',')) {
        name.pop_back();
      }
      continue;
    }
    break;
  }
  return name;
}

void parse_source(std::string_view src, Record& r)
{
  // "Nursing Science Quarterly.   28(2):103-106, April 2015."
  static const std::regex journal_article(R"(^(.+?)\.\s+(\d+)(?:\(([^)]*)\))?:([^,]+),\s*(.*?)\.?\s*$)");
  std::smatch m;
  std::string s(trim(src));
  if (std::regex_match(s, m, journal_article)) {
    r.journal = m[1];
    r.volume = m[2];
    r.issue = m[3];
    r.pages = m[4];
    if (auto d = parse_date(std::string(m[5])); d.year) {
      r.year = d.year;
      r.date = d.iso;
    }
    return;
  }
  auto dot = s.find(". ");
  r.journal = std::string(trim(s.substr(0, dot)));
  if (!r.journal.empty() && r.journal.back() == '.') {
    r.journal.pop_back();
  }
  static const std::regex year(R"(\b(1[89]\d\d|20\d\d)\b)");
  if (!r.year && std::regex_search(s, m, year)) {
    r.year = std::stoi(m[1]);
  }
}

std::string strip_period(std::string s)
{
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

Record ovid_record(const std::vector<OvidField>& f)
{
  Record r;
  r.title = joined(f, {"Title"});
  static const std::regex tag(R"(^(.*?)\s*\[([A-Za-z][A-Za-z ]*)\]$)");
  std::smatch m;
  if (std::regex_match(r.title, m, tag)) {
    r.publication_types.push_back(m[2]);
    r.title = m[1];
  }
  for (const auto& field : f) {
    if (!util::iequals(field.name, "Author") && !util::iequals(field.name, "Authors")) {
      continue;
    }
    for (const auto& line : field.lines) {
      for (auto part : util::split(line, ';')) {
        std::string name = clean_author(part);
        if (!name.empty() && name.find("[Ed]") == std::string::npos) {
          r.authors.push_back(parse_author(name));
        }
      }
    }
  }
  parse_source(joined(f, {"Source"}), r);
  if (auto y = parse_date(joined(f, {"Year of Publication", "Publication Year"})); y.year) {
    r.year = y.year;
    if (r.date.empty() || !r.date.starts_with(y.iso)) {
      r.date = y.iso;
    }
  }
  if (auto j = joined(f, {"Journal Name", "Journal"}); !j.empty()) {
    r.journal = strip_period(j);
  }
  r.abstract = joined(f, {"Abstract"});
  r.source_id = strip_period(joined(f, {"Accession Number", "Unique Identifier"}));
  r.pmid = strip_period(joined(f, {"PubMed ID", "PMID"}));
  if (auto ui = strip_period(joined(f, {"Unique Identifier"}));
      r.pmid.empty() && !ui.empty()
      && std::all_of(ui.begin(), ui.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    r.pmid = ui;
  }
  for (auto type : {"Publication Type", "Document Type"}) {
    auto t = joined(f, {type});
    t = strip_period(t.substr(0, t.find(':')));
    if (!t.empty() && t != "-") {
      r.publication_types.push_back(t);
    }
  }
  r.language = strip_period(joined(f, {"Language"}));
  r.issn = joined(f, {"ISSN", "International Standard Serial Number"});
  r.issn = r.issn.substr(0, r.issn.find_first_of(" ,;"));
  r.doi = joined(f, {"DOI Number", "Digital Object Identifier", "DOI"});
  for (auto name : {"Author Keywords", "Keywords", "Keyword Heading"}) {
    const std::string list = strip_period(joined(f, {name}));
    for (auto k : util::split(list, ';')) {
      if (auto t = trim(k); !t.empty()) {
        r.keywords.emplace_back(t);
      }
    }
  }
  r.url = joined(f, {"Link to the Ovid Full Text or citation", "URL"});
  r.source = joined(f, {"Database"});
  return r;
}

} // namespace

void read_ovid(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::LineReader lines(text);
  std::string_view line;
  std::vector<OvidField> fields;
  bool open = false;
  bool broken = false;
  std::int64_t start_line = 0;
  std::size_t start_offset = 0;
  std::size_t line_offset = text.size() - util::strip_bom(text).size();
  std::size_t end_offset = line_offset;
  std::string marker;
  auto flush = [&]() {
    if (!open) {
      return;
    }
    open = false;
    ++ctx.index;
    if (broken) {
      return;
    }
    Record r = ovid_record(fields);
    r.raw = std::string(trim(text.substr(start_offset, end_offset - start_offset)));
    r.provenance.file = ctx.file();
    r.provenance.line = start_line;
    r.provenance.index = ctx.index;
    finish_record(r);
    sink(std::move(r));
  };
  while (lines.next(line)) {
    const auto n = static_cast<std::int64_t>(lines.line_number());
    const std::size_t this_offset = line_offset;
    line_offset = lines.offset();
    if (trim(line).empty()) {
      continue;
    }
    if (is_marker(line)) {
      end_offset = this_offset;
      flush();
      open = true;
      broken = false;
      fields.clear();
      start_line = n;
      start_offset = this_offset;
      marker = std::string(trim(line));
      continue;
    }
    bool indented = line[0] == ' ' || line[0] == '\t';
    if (!open) {
      ctx.fail(n, fmt::format("{} '{}' before the first record marker <n>", indented ? "value" : "field",
                              std::string(trim(line)).substr(0, 40)));
    }
    end_offset = line_offset;
    if (broken) {
      continue;
    }
    if (!indented) {
      fields.push_back(OvidField{std::string(trim(line)), {}});
    } else if (fields.empty()) {
      ctx.bad_record(
        n, fmt::format("value '{}' before any field name in record {}", std::string(trim(line)).substr(0, 40), marker));
      broken = true;
    } else {
      fields.back().lines.emplace_back(trim(line));
    }
  }
  end_offset = text.size();
  flush();
}

} // namespace synth::formats
