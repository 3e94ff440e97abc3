#include "synth/formats/ris.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/source_names.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace synth::formats {

namespace {

// "TY  - JOUR": two characters (letter, letter or digit), one or two spaces, a hyphen,
// then an optional space. Returns the tag and sets `value`.
bool parse_tag_line(std::string_view line, std::string_view& tag, std::string_view& value)
{
  if (line.size() < 4) {
    return false;
  }
  auto c0 = static_cast<unsigned char>(line[0]);
  auto c1 = static_cast<unsigned char>(line[1]);
  if (!std::isupper(c0) || !(std::isupper(c1) || std::isdigit(c1))) {
    return false;
  }
  std::size_t i = 2;
  std::size_t spaces = 0;
  while (i < line.size() && line[i] == ' ' && spaces < 3) {
    ++i;
    ++spaces;
  }
  if (spaces == 0 || i >= line.size() || line[i] != '-') {
    return false;
  }
  ++i;
  if (i < line.size() && line[i] != ' ') {
    return false; // "AB  -something" is prose, not a tag
  }
  tag = line.substr(0, 2);
  value = util::trim(line.substr(i));
  return true;
}

// A tag line's value points into the text; only a value continued on later lines is
// copied (most are not: no allocation per line).
struct Field
{
  std::string_view tag;
  std::string_view first; // the value on the tag's line
  std::string joined;     // with its continuation lines, when it has any
  std::string_view text() const { return joined.empty() ? first : std::string_view(joined); }
};

bool looks_like_doi_note(std::string_view s)
{
  return s.find("10.") != std::string_view::npos
         && (util::istarts_with(s, "doi") || util::istarts_with(s, "10."));
}

// Ovid writes PsycInfo's classification in M3: "Psychopharmacology [2580]".
bool looks_like_classification(std::string_view s)
{
  return s.size() > 7 && s.back() == ']' && s[s.size() - 6] == '['
         && std::all_of(s.end() - 5, s.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

// "GEN" (generic) is what RIS writers put when they know no type.
bool is_generic_type(std::string_view ty)
{
  return ty.empty() || util::iequals(ty, "GEN");
}

Record build_record(const std::vector<Field>& fields)
{
  Record r;
  std::string ty;
  std::string title_alt;
  std::string journal_full;
  std::string journal_other;
  std::string secondary;
  std::string start_page;
  std::string end_page;
  std::string py;
  std::string da;
  std::string y1;
  std::vector<std::string> m3;
  std::string id;
  std::string link;
  for (const auto& field : fields) {
    const std::string_view tag = field.tag;
    const std::string_view value = field.text();
    if (value.empty()) {
      continue;
    }
    const char a = tag[0];
    const char b = tag[1];
    auto is = [&](const char* t) { return a == t[0] && b == t[1]; };
    if (is("TY")) {
      if (ty.empty()) {
        ty = value;
      }
    } else if (is("TI") || is("T1")) {
      if (r.title.empty()) {
        r.title = value;
      }
    } else if (is("CT") || is("BT")) {
      title_alt = title_alt.empty() ? value : title_alt;
    } else if (is("AU") || is("A1")) {
      r.authors.push_back(parse_author(value));
    } else if (is("JF")) {
      journal_full = value;
    } else if (is("JO") || is("JA") || is("J2") || is("J1")) {
      if (is("JO") && journal_other.empty()) {
        journal_other = value;
      }
      if ((is("JA") || is("J2") || is("J1")) && r.journal_abbrev.empty()) {
        r.journal_abbrev = value;
      }
    } else if (is("T2")) {
      secondary = value;
    } else if (is("PY")) {
      py = value;
    } else if (is("DA")) {
      da = value;
    } else if (is("Y1")) {
      y1 = value;
    } else if (is("SP")) {
      start_page = value;
    } else if (is("EP")) {
      end_page = value;
    } else if (is("VL")) {
      r.volume = value;
    } else if (is("IS") || is("CP")) {
      if (r.issue.empty()) {
        r.issue = value;
      }
    } else if (is("SN")) {
      if (r.issn.empty()) {
        r.issn = value;
      }
    } else if (is("AB") || is("N2")) {
      if (r.abstract.empty()) {
        r.abstract = value;
      }
    } else if (is("KW")) {
      r.keywords.emplace_back(value);
    } else if (is("MH")) {
      r.mesh.emplace_back(value);
    } else if (is("DO")) {
      if (r.doi.empty()) {
        r.doi = normalise_doi(value);
      }
    } else if (is("UR") || is("L2") || is("L3")) {
      if (r.url.empty() && is("UR")) {
        r.url = value;
      }
      if (link.empty() && !is("L3")) {
        link = database_from_url(value);
      }
      if (r.doi.empty() && value.find("doi.org/") != std::string::npos) {
        r.doi = normalise_doi(value);
      }
    } else if (is("AN")) {
      if (r.source_id.empty()) {
        r.source_id = value;
      }
    } else if (is("ID")) {
      if (id.empty()) {
        id = value;
      }
    } else if (is("PM")) {
      r.pmid = value;
    } else if (is("DB")) {
      if (r.source.empty()) {
        r.source = database_name(value);
      }
    } else if (is("LA")) {
      if (r.language.empty()) {
        r.language = value;
      }
    } else if (is("M3")) {
      if (!looks_like_doi_note(value) && !looks_like_classification(value)) {
        m3.emplace_back(value);
      }
    }
  }
  if (r.title.empty()) {
    r.title = title_alt;
  }
  // The accession number (AN) identifies a record in its database; Ovid, Lens and
  // reference managers write their record id in ID instead.
  if (r.source_id.empty()) {
    r.source_id = id;
  }
  if (r.source.empty()) {
    r.source = util::istarts_with(r.source_id, "WOS:") ? std::string("Web of Science") : link;
  }
  r.journal = !journal_full.empty() ? journal_full : !journal_other.empty() ? journal_other : secondary;
  if (r.journal_abbrev.empty() && !journal_full.empty() && !journal_other.empty() && journal_other != journal_full) {
    r.journal_abbrev = journal_other;
  }
  if (!start_page.empty()) {
    r.pages = (end_page.empty() || start_page.find('-') != std::string::npos)
                ? start_page
                : fmt::format("{}-{}", start_page, end_page);
  }
  auto year_text = !py.empty() ? py : y1;
  auto year = parse_date(year_text);
  r.year = year.year;
  auto date = parse_date(!da.empty() ? da : y1);
  if (date.year && (!r.year || *date.year == *r.year)) {
    r.date = date.iso;
    if (!r.year) {
      r.year = date.year;
    }
  } else {
    r.date = year.iso;
  }
  if (!m3.empty()) {
    r.publication_types = m3;
  } else if (!is_generic_type(ty)) {
    r.publication_types = {ty};
  }
  auto with_ty = r.publication_types;
  if (!is_generic_type(ty)) {
    with_ty.push_back(ty);
  }
  r.type = normalise_publication_type(with_ty);
  return r;
}

} // namespace

void read_ris(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::LineReader lines(text);
  std::string_view line;
  std::vector<Field> fields;
  std::int64_t start_line = 0;
  std::size_t start_offset = 0;
  std::size_t prev_offset = 0;
  std::int64_t index = 0;
  bool in_record = false;
  bool has_ty = false;
  auto body = util::strip_bom(text);

  while (true) {
    prev_offset = lines.offset();
    if (!lines.next(line)) {
      break;
    }
    std::string_view tag;
    std::string_view value;
    if (parse_tag_line(line, tag, value)) {
      if (!in_record) {
        if (tag == "ER") {
          ctx.bad_record(static_cast<std::int64_t>(lines.line_number()), "ER without a record before it");
          continue;
        }
        if (tag == "EF") {
          continue;
        }
        in_record = true;
        has_ty = false;
        fields.clear();
        start_line = static_cast<std::int64_t>(lines.line_number());
        start_offset = prev_offset;
      }
      if (tag == "ER") {
        ++index;
        in_record = false;
        if (!has_ty) {
          ctx.bad_record(start_line, "record has no TY tag");
          continue;
        }
        Record r = build_record(fields);
        r.raw = std::string(body.substr(start_offset, lines.offset() - start_offset));
        r.provenance = Provenance{ctx.file(), start_line, index};
        finish_record(r);
        sink(std::move(r));
        continue;
      }
      if (tag == "TY" && !has_ty) {
        // Tags between an ER and the next TY (Ovid writes NL there) belong to no record:
        // the record starts at its TY.
        has_ty = true;
        fields.clear();
        start_line = static_cast<std::int64_t>(lines.line_number());
        start_offset = prev_offset;
      }
      fields.push_back({tag, value, {}});
    } else if (in_record) {
      auto cont = util::trim(line);
      if (!cont.empty() && !fields.empty()) {
        auto& f = fields.back();
        if (f.joined.empty()) {
          f.joined = f.first;
        }
        if (!f.joined.empty()) {
          f.joined += ' ';
        }
        f.joined += cont;
      }
    }
  }
  if (in_record) {
    ctx.bad_record(start_line, "record has no ER line (file ends inside the record)");
  }
}

std::string_view ris_type_code(std::string_view type)
{
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> codes{{
    {"journal-article", "JOUR"},
    {"review", "JOUR"},
    {"editorial", "JOUR"},
    {"letter", "JOUR"},
    {"comment", "JOUR"},
    {"erratum", "JOUR"},
    {"retraction", "JOUR"},
    {"conference", "CONF"},
    {"book", "BOOK"},
    {"book-chapter", "CHAP"},
    {"preprint", "UNPB"},
    {"dissertation", "THES"},
    {"news", "NEWS"},
  }};
  for (const auto& [name, code] : codes) {
    if (name == type) {
      return code;
    }
  }
  return "GEN";
}

namespace {
void tag(std::ostream& out, std::string_view name, std::string_view value)
{
  if (!value.empty()) {
    out << name << "  - " << value << "\r\n";
  }
}

std::string ris_date(std::string_view iso)
{
  std::string out(iso);
  for (auto& c : out) {
    if (c == '-') {
      c = '/';
    }
  }
  return out;
}
} // namespace

void write_ris(std::ostream& out, const Record& r)
{
  out << "TY  - " << ris_type_code(r.type) << "\r\n";
  tag(out, "DB", r.source);
  tag(out, "AN", r.source_id);
  tag(out, "PM", r.pmid);
  tag(out, "TI", r.title);
  for (const auto& a : r.authors) {
    if (a.given.empty()) {
      // A trailing comma keeps a multi-word family or collective name whole.
      tag(out, "AU", a.family.find(' ') != std::string::npos ? a.family + "," : a.family);
    } else {
      tag(out, "AU", fmt::format("{}, {}", a.family, a.given));
    }
  }
  if (r.year) {
    tag(out, "PY", fmt::format("{:04d}", *r.year));
  }
  tag(out, "DA", ris_date(r.date));
  tag(out, "JF", r.journal);
  tag(out, "J2", r.journal_abbrev);
  tag(out, "SN", r.issn);
  tag(out, "VL", r.volume);
  tag(out, "IS", r.issue);
  tag(out, "SP", r.pages);
  tag(out, "LA", r.language);
  for (const auto& t : r.publication_types) {
    tag(out, "M3", t);
  }
  tag(out, "AB", r.abstract);
  tag(out, "DO", r.doi);
  for (const auto& k : r.keywords) {
    tag(out, "KW", k);
  }
  for (const auto& m : r.mesh) {
    tag(out, "MH", m);
  }
  tag(out, "UR", r.url);
  out << "ER  - \r\n\r\n";
}

} // namespace synth::formats
