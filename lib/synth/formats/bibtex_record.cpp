// BibTeX fields -> Record (see bibtex_fields.hpp).
#include "synth/formats/bibtex_fields.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/bibtex.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

namespace synth::formats::bibtex {

namespace {

const std::string* field(const std::vector<Field>& fields, std::string_view name)
{
  for (const auto& f : fields) {
    if (f.name == name) {
      return &f.raw;
    }
  }
  return nullptr;
}

std::string text_of(const std::vector<Field>& fields, std::initializer_list<std::string_view> names)
{
  for (auto name : names) {
    if (const std::string* raw = field(fields, name); raw) {
      std::string t = decode_latex(*raw);
      if (!t.empty()) {
        return t;
      }
    }
  }
  return {};
}

// Splits at depth 0 on `sep` (" and " between names, ',' inside a name).
std::vector<std::string> split_top(std::string_view s, std::string_view sep)
{
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') {
      ++depth;
    } else if (s[i] == '}') {
      --depth;
    } else if (depth == 0 && s.substr(i, sep.size()) == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + sep.size();
      i = start - 1;
    }
  }
  out.emplace_back(s.substr(start));
  return out;
}

std::vector<Author> bib_authors(std::string_view raw)
{
  std::string flat = util::collapse_space(raw);
  std::vector<Author> out;
  for (const auto& name : split_top(flat, " and ")) {
    auto n = util::trim(name);
    if (n.empty() || n == "others") {
      continue;
    }
    if (n.size() >= 2 && n.front() == '{' && n.back() == '}' && split_top(n.substr(1, n.size() - 2), "}").size() == 1) {
      out.push_back(Author{decode_latex(n), ""}); // {World Health Organization}
      continue;
    }
    auto parts = split_top(n, ",");
    if (parts.size() >= 3) { // "von Last, Jr, First"
      out.push_back(
        Author{decode_latex(parts[0]), util::collapse_space(decode_latex(parts[2]) + " " + decode_latex(parts[1]))});
    } else if (parts.size() == 2) {
      out.push_back(Author{decode_latex(parts[0]), decode_latex(parts[1])});
    } else {
      out.push_back(parse_author(decode_latex(n)));
    }
  }
  return out;
}

std::vector<std::string> keyword_list(const std::string& text)
{
  char sep = text.find(';') != std::string::npos ? ';' : ',';
  std::vector<std::string> out;
  for (auto k : util::split(text, sep)) {
    if (auto t = util::trim(k); !t.empty()) {
      out.emplace_back(t);
    }
  }
  return out;
}

} // namespace

Record make_record(const std::string& type, const std::string& key, const std::vector<Field>& f)
{
  Record r;
  r.publication_types.push_back(type);
  r.title = text_of(f, {"title"});
  if (const std::string* a = field(f, "author"); a) {
    r.authors = bib_authors(*a);
  }
  r.journal = text_of(f, {"journal", "journaltitle", "booktitle"});
  r.journal_abbrev = text_of(f, {"journal-iso", "abbrev_source_title", "shortjournal", "journalabbrev"});
  std::string year = text_of(f, {"year"});
  std::string month = text_of(f, {"month"});
  DateParts date = parse_date(text_of(f, {"date"}));
  if (!date.year) {
    DateParts y = parse_date(year);
    date = y;
    if (y.year && !month.empty()) {
      auto words = util::split(month, ' ');
      if (int m = month_number(words[0]); m > 0) {
        date.iso = fmt::format("{:04}-{:02}", *y.year, m);
        if (words.size() > 1) {
          int day = std::atoi(std::string(words[1]).c_str());
          if (day >= 1 && day <= 31) {
            date.iso += fmt::format("-{:02}", day);
          }
        }
      }
    }
  }
  r.year = date.year;
  r.date = date.iso;
  r.volume = text_of(f, {"volume"});
  r.issue = text_of(f, {"number", "issue"});
  r.pages = text_of(f, {"pages", "art_number", "eid"});
  for (auto p = r.pages.find("--"); p != std::string::npos; p = r.pages.find("--")) {
    r.pages.erase(p, 1);
  }
  r.doi = text_of(f, {"doi"});
  r.abstract = text_of(f, {"abstract"});
  r.keywords = keyword_list(text_of(f, {"keywords", "author_keywords"}));
  for (auto& k : keyword_list(text_of(f, {"keywords-plus"}))) {
    r.keywords.push_back(std::move(k));
  }
  r.language = text_of(f, {"language", "langid"});
  if (auto comma = r.language.find_first_of(",;"); comma != std::string::npos) {
    r.language.resize(comma);
  }
  r.issn = text_of(f, {"issn"});
  if (auto sep = r.issn.find_first_of(" ,;"); sep != std::string::npos) {
    r.issn.resize(sep);
  }
  r.url = text_of(f, {"url"});
  r.pmid = text_of(f, {"pmid", "pubmed_id", "pubmed"});
  r.source_id = key;
  if (auto uid = text_of(f, {"unique-id"}); !uid.empty()) {
    r.source = "Web of Science";
    r.source_id = util::istarts_with(uid, "ISI:") ? "WOS:" + uid.substr(4) : uid;
    if (auto t = text_of(f, {"type"}); !t.empty()) {
      r.publication_types.push_back(t);
    }
  }
  if (auto dt = text_of(f, {"document_type"}); !dt.empty()) {
    r.publication_types.push_back(dt);
  }
  if (auto src = text_of(f, {"source"}); src == "Scopus") {
    r.source = "Scopus";
    if (auto p = r.url.find("eid="); p != std::string::npos) {
      auto eid = r.url.substr(p + 4);
      r.source_id = eid.substr(0, eid.find('&'));
    }
  }
  return r;
}

} // namespace synth::formats::bibtex

namespace synth::formats::bibtex {

namespace {
bool field_name_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.' || c == '+'
         || c == '/';
}

int brace_balance(std::string_view s)
{
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '{') {
      ++depth;
    } else if (s[i] == '}') {
      --depth;
    }
  }
  return depth;
}
} // namespace

std::optional<LineEntry> read_by_lines(std::string_view entry)
{
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= entry.size(); ++i) {
    if (i == entry.size() || entry[i] == '\n' || entry[i] == '\r') {
      lines.push_back(entry.substr(start, i - start));
      if (i + 1 < entry.size() && entry[i] == '\r' && entry[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  while (!lines.empty() && util::trim(lines.back()).empty()) {
    lines.pop_back();
  }
  if (lines.size() < 2 || util::trim(lines.back()) != "}") {
    return std::nullopt;
  }
  LineEntry out;
  auto head = util::trim(lines.front());
  auto open = head.find('{');
  if (head.empty() || head[0] != '@' || open == std::string_view::npos || head.back() != ',') {
    return std::nullopt;
  }
  out.key = std::string(util::trim(head.substr(open + 1, head.size() - open - 2)));
  bool found_bad = false;
  for (std::size_t n = 1; n + 1 < lines.size(); ++n) {
    auto line = util::trim(lines[n]);
    if (line.empty()) {
      continue;
    }
    std::size_t i = 0;
    while (i < line.size() && field_name_char(line[i])) {
      ++i;
    }
    auto name = line.substr(0, i);
    auto rest = util::trim(line.substr(i));
    if (name.empty() || rest.empty() || rest[0] != '=') {
      return std::nullopt;
    }
    auto value = util::trim(rest.substr(1));
    if (!value.empty() && value.back() == ',') {
      value = util::trim(value.substr(0, value.size() - 1));
    }
    if (value.size() < 2
        || !((value.front() == '{' && value.back() == '}') || (value.front() == '"' && value.back() == '"'))) {
      return std::nullopt;
    }
    auto inner = value.substr(1, value.size() - 2);
    if (!found_bad && brace_balance(inner) != 0) {
      found_bad = true;
      out.bad_line = static_cast<std::int64_t>(n);
      out.bad_field = util::to_lower(name);
    }
    out.fields.push_back(Field{util::to_lower(name), std::string(inner)});
  }
  if (!found_bad) {
    return std::nullopt; // balanced: whatever broke the entry, it is not a stray brace
  }
  return out;
}

} // namespace synth::formats::bibtex
