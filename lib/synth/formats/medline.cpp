#include "synth/formats/medline.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>
#include <vector>

namespace synth::formats {

namespace {

using util::trim;

struct Field
{
  std::string_view tag;
  std::string value;
};

bool is_tag_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// "TI  - value", "PMID- value", "TI  -value", "TI-": the tag and the value; nullopt when
// the line is not a tag line.
std::optional<Field> parse_tag_line(std::string_view line)
{
  std::size_t i = 0;
  while (i < line.size() && i < 4 && is_tag_char(line[i])) {
    ++i;
  }
  if (i == 0) {
    return std::nullopt;
  }
  std::size_t dash = i;
  while (dash < line.size() && dash < 4 && line[dash] == ' ') {
    ++dash;
  }
  if (dash >= line.size() || line[dash] != '-') {
    return std::nullopt;
  }
  return Field{line.substr(0, i), std::string(trim(line.substr(dash + 1)))};
}

void append(std::string& to, std::string_view text)
{
  if (text.empty()) {
    return;
  }
  if (!to.empty()) {
    to += ' ';
  }
  to += text;
}

// "Occupational Health/*history" -> "Occupational Health"; "*Humans" -> "Humans".
std::string mesh_descriptor(std::string_view heading)
{
  auto slash = heading.find('/');
  if (slash != std::string_view::npos) {
    heading = heading.substr(0, slash);
  }
  while (!heading.empty() && heading.front() == '*') {
    heading.remove_prefix(1);
  }
  return std::string(trim(heading));
}

Record build_record(const std::vector<Field>& fields)
{
  Record r;
  std::vector<Author> full;   // FAU "Family, Given" (and CN) when the record has FAU
  std::vector<Author> shorts; // AU "Family AB" (and CN)
  bool has_fau = false;
  std::string book_title;
  for (const auto& [tag, value] : fields) {
    if (value.empty()) {
      continue;
    }
    if (tag == "PMID") {
      r.pmid = value;
    } else if (tag == "TI") {
      append(r.title, value);
    } else if (tag == "BTI") {
      append(book_title, value);
    } else if (tag == "AB") {
      append(r.abstract, value);
    } else if (tag == "FAU") {
      has_fau = true;
      full.push_back(parse_author(value));
    } else if (tag == "AU") {
      shorts.push_back(parse_author(value));
    } else if (tag == "CN") {
      full.push_back(Author{value, {}});
      shorts.push_back(Author{value, {}});
    } else if (tag == "DP") {
      auto d = parse_date(value);
      r.year = d.year;
      r.date = d.iso;
    } else if (tag == "JT") {
      r.journal = value;
    } else if (tag == "TA") {
      r.journal_abbrev = value;
    } else if (tag == "IS") {
      if (r.issn.empty()) {
        r.issn = std::string(trim(std::string_view(value).substr(0, value.find(" ("))));
      }
    } else if (tag == "VI") {
      r.volume = value;
    } else if (tag == "IP") {
      r.issue = value;
    } else if (tag == "PG") {
      r.pages = value;
    } else if (tag == "LA") {
      if (r.language.empty()) {
        r.language = value;
      }
    } else if (tag == "PT") {
      r.publication_types.push_back(value);
    } else if (tag == "MH") {
      if (auto d = mesh_descriptor(value); !d.empty()) {
        r.mesh.push_back(std::move(d));
      }
    } else if (tag == "OT") {
      r.keywords.push_back(value);
    } else if (tag == "AID" || tag == "LID") {
      if (r.doi.empty() && value.ends_with("[doi]")) {
        r.doi = std::string(trim(std::string_view(value).substr(0, value.size() - 5)));
      }
    }
  }
  r.authors = has_fau ? std::move(full) : std::move(shorts);
  if (r.title.empty()) {
    r.title = std::move(book_title);
  } else if (r.journal.empty()) {
    r.journal = std::move(book_title);
  }
  return r;
}

class MedlineReader
{
public:
  MedlineReader(std::string_view text, ReadContext& ctx, const RecordSink& sink)
    : m_text(text), m_ctx(ctx), m_sink(sink)
  {
    m_ctx.default_source = "PubMed";
  }

  void run()
  {
    util::LineReader lines(m_text);
    std::string_view line;
    while (lines.next(line)) {
      handle(line, static_cast<std::int64_t>(lines.line_number()));
    }
    finish();
    if (m_ctx.index == 0 && m_ignored_at && !m_ctx.more_to_come()) {
      m_ctx.fail(m_ignored_at, "no MEDLINE record found (a record is \"TAG - value\" lines, e.g. \"PMID- 123\")");
    }
  }

private:
  void handle(std::string_view line, std::int64_t number)
  {
    const char* end = line.data() + line.size();
    if (trim(line).empty()) {
      finish();
      return;
    }
    if (m_skipping) {
      return;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (m_ignoring) {
        return;
      }
      if (m_fields.empty()) {
        bad(number, line);
        return;
      }
      append(m_fields.back().value, trim(line));
      m_end = end;
      return;
    }
    auto field = parse_tag_line(line);
    if (!field) {
      if (m_fields.empty()) {
        // Text between records (after a blank line) is no record's: left out, said so.
        if (!m_ignoring) {
          m_ignoring = true;
          m_ignored_at = m_ignored_at ? m_ignored_at : number;
          m_ctx.warn(number, fmt::format("text between records left out: \"{}\"", shown(line)));
        }
        return;
      }
      bad(number, line);
      return;
    }
    m_ignoring = false;
    if (field->tag == "PMID" && m_has_pmid) {
      finish(); // records not separated by a blank line
    }
    if (m_fields.empty()) {
      m_start_line = number;
      m_begin = line.data();
    }
    m_has_pmid = m_has_pmid || field->tag == "PMID";
    m_fields.push_back(std::move(*field));
    m_end = end;
  }

  void bad(std::int64_t number, std::string_view line)
  {
    ++m_ctx.index;
    m_fields.clear();
    m_has_pmid = false;
    m_skipping = true; // lenient: skip the rest of this record
    m_ctx.bad_record(number, fmt::format("line is not a MEDLINE tag line (\"TAG - value\"): \"{}\"", shown(line)));
  }

  static std::string shown(std::string_view line)
  {
    constexpr std::size_t k_show = 40;
    std::string out(line.substr(0, k_show));
    if (line.size() > k_show) {
      out += "...";
    }
    return out;
  }

  void finish()
  {
    m_skipping = false;
    m_ignoring = false;
    if (m_fields.empty()) {
      return;
    }
    Record r = build_record(m_fields);
    m_fields.clear();
    m_has_pmid = false;
    r.source = "PubMed";
    r.source_id = r.pmid;
    r.raw.assign(m_begin, m_end);
    r.provenance.file = m_ctx.file();
    r.provenance.line = m_start_line;
    r.provenance.index = ++m_ctx.index;
    finish_record(r);
    m_sink(std::move(r));
  }

  std::string_view m_text;
  ReadContext& m_ctx;
  const RecordSink& m_sink;
  std::vector<Field> m_fields;
  bool m_has_pmid = false;
  bool m_skipping = false;
  bool m_ignoring = false;       // inside text between records
  std::int64_t m_ignored_at = 0; // first line of such text
  std::int64_t m_start_line = 0;
  const char* m_begin = nullptr; // text of the record: its first to its last line
  const char* m_end = nullptr;
};

} // namespace

void read_medline(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  MedlineReader(text, ctx, sink).run();
}

} // namespace synth::formats
