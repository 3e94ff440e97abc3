#include "synth/formats/wos.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"
#include "synth/util/utf.hpp"

#include <fmt/format.h>

#include <cctype>

namespace synth::formats {

namespace {

using util::trim;

const WosField* find(const std::vector<WosField>& fields, std::string_view tag)
{
  for (const auto& f : fields) {
    if (f.tag == tag && !f.lines.empty()) {
      return &f;
    }
  }
  return nullptr;
}

std::string joined(const std::vector<WosField>& fields, std::string_view tag)
{
  const WosField* f = find(fields, tag);
  if (!f) {
    return {};
  }
  std::string out;
  for (const auto& l : f->lines) {
    auto t = trim(l);
    if (t.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    out += t;
  }
  return out;
}

// Values separated by ';' on any of the lines ("DE a; b;\n   c").
std::vector<std::string> list(const std::vector<WosField>& fields, std::string_view tag)
{
  std::vector<std::string> out;
  const std::string text = joined(fields, tag);
  for (auto part : util::split(text, ';')) {
    if (auto t = trim(part); !t.empty()) {
      out.emplace_back(t);
    }
  }
  return out;
}

// Authors: one per line (tagged) or separated by ';' (tab-delimited, MEDLINE); BIOSIS adds
// "(e-mail)" after a name.
std::vector<Author> authors(const WosField& f)
{
  std::vector<Author> out;
  for (const auto& line : f.lines) {
    for (auto part : util::split(line, ';')) {
      std::string name(trim(part));
      if (auto p = name.find(" ("); p != std::string::npos && name.back() == ')') {
        name = std::string(trim(std::string_view(name).substr(0, p)));
      }
      if (!name.empty()) {
        out.push_back(parse_author(name));
      }
    }
  }
  return out;
}

bool has_year(std::string_view s)
{
  int run = 0;
  for (char c : s) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run == 4) {
      return true;
    }
  }
  return false;
}

// The text as UTF-8: UTF-16LE/BE with a byte order mark is converted into `storage`,
// anything else is returned unchanged. Invalid UTF-16 fails the file at its line.
std::string_view decode_utf16(std::string_view text, std::string& storage, ReadContext& ctx)
{
  auto order = util::utf16_bom(text);
  if (!order) {
    return text;
  }
  storage.clear();
  std::string error;
  if (!util::utf16_to_utf8(text.substr(2), *order, storage, error)) {
    ctx.fail(static_cast<std::int64_t>(util::line_of(storage, storage.size())), "not valid UTF-16: " + error);
  }
  return storage;
}

} // namespace

bool is_wos_tag(std::string_view s)
{
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0]))
         && (std::isupper(static_cast<unsigned char>(s[1])) || std::isdigit(static_cast<unsigned char>(s[1])));
}

std::string wos_database(std::string_view ut)
{
  auto colon = ut.find(':');
  if (colon == std::string_view::npos) {
    return "Web of Science";
  }
  auto prefix = util::to_upper(ut.substr(0, colon));
  if (prefix == "MEDLINE") {
    return "MEDLINE";
  }
  if (prefix == "BCI" || prefix == "BIOSIS") {
    return "BIOSIS Previews";
  }
  if (prefix == "ZOOREC" || prefix == "ZOOR") {
    return "Zoological Record";
  }
  if (prefix == "CCC") {
    return "Current Contents Connect";
  }
  if (prefix == "INSPEC") {
    return "Inspec";
  }
  return "Web of Science";
}

Record wos_record(const std::vector<WosField>& f)
{
  Record r;
  r.title = joined(f, "TI");
  if (const WosField* a = find(f, "AF"); a) {
    r.authors = authors(*a);
  }
  if (const WosField* a = find(f, "AU"); a && r.authors.empty()) {
    r.authors = authors(*a);
  }
  r.journal = joined(f, "SO");
  r.journal_abbrev = joined(f, "JI");
  if (r.journal_abbrev.empty()) {
    r.journal_abbrev = joined(f, "J9");
  }
  std::string py = joined(f, "PY");
  std::string pd = joined(f, "PD");
  DateParts year = parse_date(py);
  DateParts date = parse_date(has_year(pd) ? pd : py + " " + pd);
  if (date.year && (!year.year || date.year == year.year)) {
    r.year = date.year;
    r.date = date.iso;
  } else {
    r.year = year.year;
    r.date = year.iso;
  }
  r.volume = joined(f, "VL");
  r.issue = joined(f, "IS");
  std::string bp = joined(f, "BP");
  std::string ep = joined(f, "EP");
  if (!bp.empty()) {
    r.pages = ep.empty() || ep == bp ? bp : bp + "-" + ep;
  } else if (auto ps = joined(f, "PS"); !ps.empty()) {
    r.pages = ps;
  } else {
    r.pages = joined(f, "AR");
  }
  r.doi = joined(f, "DI");
  r.abstract = joined(f, "AB");
  if (auto langs = list(f, "LA"); !langs.empty()) {
    r.language = langs.front();
  }
  r.publication_types = list(f, "DT");
  r.keywords = list(f, "DE");
  for (auto& k : list(f, "ID")) {
    r.keywords.push_back(std::move(k));
  }
  r.issn = joined(f, "SN");
  if (r.issn.empty()) {
    r.issn = joined(f, "EI");
  }
  r.pmid = joined(f, "PM");
  std::string ut = joined(f, "UT");
  if (ut.empty()) {
    ut = joined(f, "AN");
  }
  r.source_id = ut;
  r.source = wos_database(ut);
  if (r.pmid.empty() && r.source == "MEDLINE") {
    r.pmid = ut.substr(ut.find(':') + 1);
  }
  return r;
}

} // namespace synth::formats

namespace synth::formats {

namespace {

void emit(std::vector<WosField>& fields, std::int64_t line, std::string_view raw, ReadContext& ctx,
          const RecordSink& sink)
{
  Record r = wos_record(fields);
  r.raw = std::string(raw);
  r.provenance.file = ctx.file();
  r.provenance.line = line;
  r.provenance.index = ++ctx.index;
  if (ctx.default_source.empty() && !r.source.empty()) {
    ctx.default_source = r.source;
  }
  finish_record(r);
  sink(std::move(r));
}

void read_tagged(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::LineReader lines(text);
  std::string_view line;
  std::vector<WosField> fields;
  bool open = false;
  std::int64_t start_line = 0;
  std::size_t start_offset = 0;
  std::size_t line_offset = 0; // offset of the current line
  const std::size_t bom = text.size() - util::strip_bom(text).size();
  line_offset = bom;
  while (lines.next(line)) {
    const auto n = static_cast<std::int64_t>(lines.line_number());
    const std::size_t this_offset = line_offset;
    line_offset = lines.offset();
    if (trim(line).empty()) {
      continue;
    }
    std::string_view tag = line.size() >= 2 ? line.substr(0, 2) : line;
    bool tag_line = is_wos_tag(tag) && (line.size() == 2 || line[2] == ' ');
    if (!tag_line) {
      if (open && line.size() > 2 && line.substr(0, 2) == "  " && !fields.empty()) {
        fields.back().lines.emplace_back(trim(line));
        continue;
      }
      ctx.fail(n, fmt::format("expected a Web of Science tag (FN, PT, TI ...), found '{}'",
                              std::string(trim(line)).substr(0, 40)));
    }
    std::string_view value = line.size() > 3 ? trim(line.substr(3)) : std::string_view{};
    if (!open) {
      if (tag == "FN" || tag == "VR" || tag == "EF") {
        continue;
      }
      if (tag == "ER") {
        ctx.bad_record(n, "ER without a record before it");
        continue;
      }
      open = true;
      fields.clear();
      start_line = n;
      start_offset = this_offset;
    } else if (tag == "PT" || tag == "EF") {
      ctx.bad_record(start_line, "record not closed by ER");
      if (tag == "EF") {
        open = false;
        continue;
      }
      fields.clear();
      start_line = n;
      start_offset = this_offset;
    }
    if (tag == "ER") {
      emit(fields, start_line, text.substr(start_offset, line_offset - start_offset), ctx, sink);
      open = false;
      continue;
    }
    fields.push_back(WosField{std::string(tag), {}});
    if (!value.empty()) {
      fields.back().lines.emplace_back(value);
    }
  }
  if (open) {
    ctx.bad_record(start_line, "record not closed by ER");
  }
}

void read_tabbed(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::CsvTable table(text, '\t', util::CsvQuoting::none);
  util::CsvRow row;
  if (!table.next(row)) {
    return;
  }
  std::vector<std::string> header = row.fields;
  while (!header.empty() && trim(header.back()).empty()) {
    header.pop_back();
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!is_wos_tag(trim(header[i]))) {
      ctx.fail(row.line, fmt::format("column {} of the header is not a Web of Science tag: '{}'", i + 1, header[i]));
    }
  }
  std::vector<WosField> fields;
  while (table.next(row)) {
    // Exports end each row with a tab: trailing empty cells beyond the header are fine.
    while (row.fields.size() > header.size() && trim(row.fields.back()).empty()) {
      row.fields.pop_back();
    }
    if (row.fields.size() > header.size()) {
      ctx.bad_record(row.line, fmt::format("row has {} fields, the header has {}", row.fields.size(), header.size()));
      continue;
    }
    fields.clear();
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (!trim(row.fields[i]).empty()) {
        fields.push_back(WosField{std::string(trim(header[i])), {row.fields[i]}});
      }
    }
    emit(fields, row.line, row.text, ctx, sink);
  }
}

} // namespace

void read_wos(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  std::string storage;
  text = util::strip_bom(decode_utf16(text, storage, ctx));
  auto eol = text.find_first_of("\r\n");
  std::string_view first = text.substr(0, eol);
  if (first.size() > 3 && is_wos_tag(first.substr(0, 2)) && first[2] == '\t') {
    read_tabbed(text, ctx, sink);
  } else {
    read_tagged(text, ctx, sink);
  }
}

} // namespace synth::formats
