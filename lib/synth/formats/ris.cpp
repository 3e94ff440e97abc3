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
  return s.find("10.") != std::string_view::npos && (util::istarts_with(s, "doi") || util::istarts_with(s, "10."));
}

// Ovid writes PsycInfo's classification in M3: "Psychopharmacology [2580]".
bool looks_like_classification(std::string_view s)
{
  return s.size() > 7 && s.back() == ']' && s[s.size() - 6] == '['
         && std::all_of(s.end() - 5, s.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

// "GEN" (generic) is what RIS writers put when they know no type.
bool is_generic_type(std::string_view ty) { return ty.empty() || util::iequals(ty, "GEN"); }

// The values of one record's tags, before they are resolved into a Record: several tags
// can give one field (TI or T1 or CT, JF or JO or T2 ...), and which one wins is decided
// once all are known.
struct Tags
{
  std::string ty;
  std::string title_alt;     // CT, BT: a title when there is no TI/T1
  std::string journal_full;  // JF
  std::string journal_other; // JO
  std::string secondary;     // T2
  std::string start_page, end_page;
  std::string py, da, y1;
  std::vector<std::string> m3;
  std::string id;   // ID: a record id when there is no AN
  std::string link; // the database a UR/L2 link names
};

// Phase 1: each tag to its field of the record, or to `tags` when it is resolved later.
void collect(const std::vector<Field>& fields, Record& r, Tags& t)
{
  for (const auto& field : fields) {
    const std::string_view tag = field.tag;
    const std::string_view value = field.text();
    if (value.empty()) {
      continue;
    }
    const char a = tag[0];
    const char b = tag[1];
    auto is = [&](const char* name) { return a == name[0] && b == name[1]; };
    auto first = [&](std::string& slot) {
      if (slot.empty()) {
        slot = value;
      }
    };
    if (is("TY")) {
      first(t.ty);
    } else if (is("TI") || is("T1")) {
      first(r.title);
    } else if (is("CT") || is("BT")) {
      first(t.title_alt);
    } else if (is("AU") || is("A1")) {
      r.authors.push_back(parse_author(value));
    } else if (is("JF")) {
      t.journal_full = value;
    } else if (is("JO")) {
      first(t.journal_other);
    } else if (is("JA") || is("J2") || is("J1")) {
      first(r.journal_abbrev);
    } else if (is("T2")) {
      t.secondary = value;
    } else if (is("PY")) {
      t.py = value;
    } else if (is("DA")) {
      t.da = value;
    } else if (is("Y1")) {
      t.y1 = value;
    } else if (is("SP")) {
      t.start_page = value;
    } else if (is("EP")) {
      t.end_page = value;
    } else if (is("VL")) {
      r.volume = value;
    } else if (is("IS") || is("CP")) {
      first(r.issue);
    } else if (is("SN")) {
      first(r.issn);
    } else if (is("AB") || is("N2")) {
      first(r.abstract);
    } else if (is("KW")) {
      r.keywords.emplace_back(value);
    } else if (is("MH")) {
      r.mesh.emplace_back(value);
    } else if (is("DO")) {
      if (r.doi.empty()) {
        r.doi = normalise_doi(value);
      }
    } else if (is("UR") || is("L2") || is("L3")) {
      if (is("UR")) {
        first(r.url);
      }
      if (t.link.empty() && !is("L3")) {
        t.link = database_from_url(value);
      }
      if (r.doi.empty() && value.find("doi.org/") != std::string::npos) {
        r.doi = normalise_doi(value);
      }
    } else if (is("AN")) {
      first(r.source_id);
    } else if (is("ID")) {
      first(t.id);
    } else if (is("PM")) {
      r.pmid = value;
    } else if (is("DB")) {
      if (r.source.empty()) {
        r.source = database_name(value);
      }
    } else if (is("LA")) {
      first(r.language);
    } else if (is("M3")) {
      if (!looks_like_doi_note(value) && !looks_like_classification(value)) {
        t.m3.emplace_back(value);
      }
    }
  }
}

// Phase 2: title, record id and source.
void resolve_identity(const Tags& t, Record& r)
{
  if (r.title.empty()) {
    r.title = t.title_alt;
  }
  // The accession number (AN) identifies a record in its database; Ovid, Lens and
  // reference managers write their record id in ID instead.
  if (r.source_id.empty()) {
    r.source_id = t.id;
  }
  if (r.source.empty()) {
    r.source = util::istarts_with(r.source_id, "WOS:") ? std::string("Web of Science") : t.link;
  }
}

// Phase 3: journal (JF, else JO, else T2) and its abbreviation; pages from SP and EP.
void resolve_container(const Tags& t, Record& r)
{
  r.journal = !t.journal_full.empty() ? t.journal_full : !t.journal_other.empty() ? t.journal_other : t.secondary;
  if (r.journal_abbrev.empty() && !t.journal_full.empty() && !t.journal_other.empty()
      && t.journal_other != t.journal_full) {
    r.journal_abbrev = t.journal_other;
  }
  if (!t.start_page.empty()) {
    r.pages = (t.end_page.empty() || t.start_page.find('-') != std::string::npos)
                ? t.start_page
                : fmt::format("{}-{}", t.start_page, t.end_page);
  }
}

// Phase 4: the year from PY (else Y1), the full date from DA (else Y1) when it agrees.
void resolve_dates(const Tags& t, Record& r)
{
  auto year = parse_date(!t.py.empty() ? t.py : t.y1);
  r.year = year.year;
  auto date = parse_date(!t.da.empty() ? t.da : t.y1);
  if (date.year && (!r.year || *date.year == *r.year)) {
    r.date = date.iso;
    if (!r.year) {
      r.year = date.year;
    }
  } else {
    r.date = year.iso;
  }
}

// Phase 5: publication types (M3, else TY) and the normalised type.
void resolve_type(const Tags& t, Record& r)
{
  if (!t.m3.empty()) {
    r.publication_types = t.m3;
  } else if (!is_generic_type(t.ty)) {
    r.publication_types = {t.ty};
  }
  auto with_ty = r.publication_types;
  if (!is_generic_type(t.ty)) {
    with_ty.push_back(t.ty);
  }
  r.type = normalise_publication_type(with_ty);
}

Record build_record(const std::vector<Field>& fields)
{
  Record r;
  Tags t;
  collect(fields, r, t);
  resolve_identity(t, r);
  resolve_container(t, r);
  resolve_dates(t, r);
  resolve_type(t, r);
  return r;
}

// Tags that Ovid writes after a record's ER line ("NL  - Drug Alcohol Depend", the NLM
// journal abbreviation), followed by a "Link to the Ovid Full Text ..." line: they belong
// to no record and are left out.
bool is_trailer_tag(std::string_view tag) { return tag == "NL"; }

} // namespace

void read_ris(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::LineReader lines(text);
  std::string_view line;
  std::vector<Field> fields;
  std::int64_t start_line = 0;
  std::size_t start_offset = 0;
  std::size_t prev_offset = 0;
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
        if (tag == "EF" || is_trailer_tag(tag)) {
          continue;
        }
        in_record = true;
        has_ty = false;
        fields.clear();
        start_line = static_cast<std::int64_t>(lines.line_number());
        start_offset = prev_offset;
      }
      if (tag == "ER") {
        ++ctx.index;
        in_record = false;
        if (!has_ty) {
          ctx.bad_record(start_line, "record has no TY tag");
          continue;
        }
        Record r = build_record(fields);
        r.raw = std::string(body.substr(start_offset, lines.offset() - start_offset));
        r.provenance = Provenance{ctx.file(), start_line, ctx.index};
        finish_record(r);
        sink(std::move(r));
        continue;
      }
      if (tag == "TY" && !has_ty) {
        // Tags between an ER and the next TY belong to no record: the record starts at its TY.
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
    // Outside a record, other lines (Ovid's "3001. " record numbers and "Link to the Ovid
    // Full Text" lines, blank lines) are no record's.
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
