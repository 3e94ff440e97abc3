#include "synth/formats/csv.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/wos.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <optional>

namespace synth::formats {

namespace {

using util::trim;

enum class Dialect { generic, pubmed_legacy, pubmed_new, scopus, wos_tags };

enum Field : std::size_t {
  f_id,
  f_title,
  f_authors,
  f_year,
  f_date,
  f_journal,
  f_journal_abbrev,
  f_doi,
  f_abstract,
  f_pmid,
  f_volume,
  f_issue,
  f_pages,
  f_page_start,
  f_page_end,
  f_article_number,
  f_language,
  f_type,
  f_keywords,
  f_issn,
  f_url,
  f_database,
  f_citation, // PubMed "Citation"/"Details": "J Abbr. 2020 Mar 13;7(1):11. doi: ..."
  f_short_details,
  f_count
};

// Column names of each field, most specific first (lower case).
const std::array<std::vector<std::string_view>, f_count>& aliases()
{
  static const std::array<std::vector<std::string_view>, f_count> table = {{
    {"eid", "record_id", "id", "key", "accession", "accession number", "entrezuid"},
    {"title", "article title", "document title", "ti"},
    {"authors", "author", "author(s)", "au"},
    {"year", "publication year", "py", "pubyear"},
    {"date", "publication date"},
    {"journal", "source title", "journal title", "secondary title", "publication title", "so"},
    {"journal abbreviation", "abbreviated source title", "journal/book", "ji"},
    {"doi", "di"},
    {"abstract", "abstract note", "ab"},
    {"pmid", "pubmed id", "pubmedid"},
    {"volume", "vl"},
    {"issue", "number", "is"},
    {"pages", "page", "pp"},
    {"page start", "start_page", "bp"},
    {"page end", "end_page", "ep"},
    {"art. no.", "article number", "ar"},
    {"language", "language of original document", "la"},
    {"document type", "publication type", "item type", "entrytype", "type", "dt"},
    {"keywords", "author keywords", "manual tags", "de"},
    {"issn", "sn"},
    {"url", "link"},
    {"database", "source database"},
    {"citation", "details"},
    {"shortdetails"},
  }};
  return table;
}

bool initials_like(std::string_view w)
{
  if (w.empty() || w.size() > 8) {
    return false;
  }
  bool upper = false;
  for (char c : w) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      upper = true;
    } else if (c != '.' && c != '-') {
      return false;
    }
  }
  return upper;
}

bool is_suffix(std::string_view w)
{
  return w == "Jr." || w == "Jr" || w == "Sr." || w == "II" || w == "III" || w == "IV";
}

// "Villard M.-A." -> {Villard, M.-A.}; otherwise parse_author.
Author family_initials(std::string_view s)
{
  s = trim(s);
  if (auto c = s.rfind(", "); c != std::string_view::npos && is_suffix(trim(s.substr(c + 2)))) {
    Author a = family_initials(s.substr(0, c));
    a.given += (a.given.empty() ? "" : " ") + std::string(trim(s.substr(c + 2)));
    return a;
  }
  auto sp = s.rfind(' ');
  if (sp != std::string_view::npos && s.find(',') == std::string_view::npos && initials_like(s.substr(sp + 1))) {
    return Author{std::string(trim(s.substr(0, sp))), std::string(s.substr(sp + 1))};
  }
  return parse_author(s);
}

// Pieces of "A B, C D, Jr., E F" split on ", " with suffixes kept with their name.
std::vector<std::string> comma_pieces(std::string_view cell)
{
  std::vector<std::string> out;
  for (auto part : util::split(cell, ',')) {
    auto t = trim(part);
    if (t.empty()) {
      continue;
    }
    if (!out.empty() && is_suffix(t)) {
      out.back() += ", ";
      out.back() += t;
    } else {
      out.emplace_back(t);
    }
  }
  return out;
}

std::vector<Author> split_on(std::string_view cell, std::string_view sep)
{
  std::vector<Author> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    auto p = cell.find(sep, start);
    auto part = trim(cell.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (!part.empty() && part != "[No author name available]") {
      out.push_back(family_initials(part));
    }
    if (p == std::string_view::npos) {
      break;
    }
    start = p + sep.size();
  }
  return out;
}

std::vector<Author> comma_authors(std::string_view cell)
{
  std::vector<Author> out;
  for (const auto& piece : comma_pieces(cell)) {
    out.push_back(family_initials(piece));
  }
  return out;
}

} // namespace

std::vector<Author> split_authors(std::string_view cell)
{
  cell = trim(cell);
  if (cell.empty() || cell == "[No author name available]") {
    return {};
  }
  if (cell.find(';') != std::string_view::npos) {
    return split_on(cell, ";");
  }
  if (cell.find(" and ") != std::string_view::npos) {
    return split_on(cell, " and ");
  }
  auto pieces = comma_pieces(cell);
  bool all_initials = pieces.size() >= 2;
  for (const auto& p : pieces) {
    auto sp = p.rfind(' ');
    std::string_view last = sp == std::string::npos ? std::string_view{} : std::string_view(p).substr(sp + 1);
    if (is_suffix(last) || last.ends_with(',')) {
      continue;
    }
    if (sp == std::string::npos || !initials_like(last)) {
      all_initials = false;
    }
  }
  if (all_initials) {
    return comma_authors(cell);
  }
  return {parse_author(cell)};
}

} // namespace synth::formats

namespace synth::formats {

namespace {

// Journal, date, volume, issue, pages and DOI of a PubMed citation line:
// "Indian J Pediatr. 2020 Apr;87(4):281-286. doi: 10.1007/s12098-020-03263-6. Epub 2020 Mar 13."
void parse_pubmed_citation(std::string_view c, Record& r)
{
  c = trim(c);
  // Versioned articles (F1000Research, Wellcome Open Research): "Version 2. F1000Res. 2018 ..."
  if (c.starts_with("Version ")) {
    if (auto dot = c.find(". "); dot != std::string_view::npos && dot < 16) {
      c = trim(c.substr(dot + 2));
    }
  }
  auto dot = c.find(". ");
  if (dot == std::string_view::npos) {
    return;
  }
  if (r.journal_abbrev.empty()) {
    r.journal_abbrev = std::string(c.substr(0, dot));
  }
  std::string_view rest = c.substr(dot + 2);
  auto end = rest.find(". ");
  std::string_view part = rest.substr(0, end == std::string_view::npos ? rest.size() : end);
  if (part.ends_with('.')) {
    part.remove_suffix(1);
  }
  auto semi = part.find(';');
  std::string_view date = part.substr(0, semi);
  if (auto colon = date.find(':'); colon != std::string_view::npos) {
    date = date.substr(0, colon); // "2019 Sep 2:1-8" (no volume)
  }
  DateParts d = parse_date(date);
  if (d.year) {
    r.year = d.year;
    r.date = d.iso;
  }
  if (semi != std::string_view::npos) {
    std::string_view vip = part.substr(semi + 1);
    std::string_view vi = vip;
    if (auto colon = vip.find(':'); colon != std::string_view::npos) {
      r.pages = std::string(trim(vip.substr(colon + 1)));
      vi = vip.substr(0, colon);
    }
    if (auto paren = vi.find('('); paren != std::string_view::npos) {
      auto close = vi.find(')', paren);
      r.issue = std::string(
        trim(vi.substr(paren + 1, close == std::string_view::npos ? std::string_view::npos : close - paren - 1)));
      vi = vi.substr(0, paren);
    }
    r.volume = std::string(trim(vi));
  }
  if (auto p = c.find("doi: "); p != std::string_view::npos && r.doi.empty()) {
    std::string_view doi = c.substr(p + 5);
    doi = doi.substr(0, doi.find(' '));
    while (doi.ends_with('.')) {
      doi.remove_suffix(1);
    }
    r.doi = std::string(doi);
  }
}

std::vector<std::string> semicolon_list(std::string_view cell)
{
  std::vector<std::string> out;
  for (auto p : util::split(cell, ';')) {
    if (auto t = trim(p); !t.empty()) {
      out.emplace_back(t);
    }
  }
  return out;
}

struct Layout
{
  Dialect dialect = Dialect::generic;
  std::array<std::optional<std::size_t>, f_count> col;
  // A PMID column and no id or database column: the rows are PubMed's, identified by their
  // PMID as an nbib file identifies them (the same search saved as nbib and as CSV is one).
  bool pubmed_ids = false;
};

std::optional<std::size_t> find_column(const std::vector<std::string>& lower,
                                       const std::vector<std::string_view>& names)
{
  for (auto name : names) {
    for (std::size_t i = 0; i < lower.size(); ++i) {
      if (lower[i] == name) {
        return i;
      }
    }
  }
  return std::nullopt;
}

Layout layout_of(const std::vector<std::string>& header)
{
  std::vector<std::string> lower;
  lower.reserve(header.size());
  for (const auto& h : header) {
    lower.push_back(util::to_lower(trim(h)));
  }
  auto has = [&](std::string_view n) { return find_column(lower, {n}).has_value(); };
  Layout l;
  bool all_tags = !header.empty();
  for (const auto& h : header) {
    all_tags = all_tags && (is_wos_tag(trim(h)) || trim(h).empty());
  }
  if (all_tags && has("pt") && has("ti")) {
    l.dialect = Dialect::wos_tags;
  } else if (has("entrezuid") && has("shortdetails")) {
    l.dialect = Dialect::pubmed_legacy;
  } else if (has("pmid") && has("citation") && has("journal/book")) {
    l.dialect = Dialect::pubmed_new;
  } else if (has("eid") && has("source title")) {
    l.dialect = Dialect::scopus;
  }
  for (std::size_t f = 0; f < f_count; ++f) {
    l.col[f] = find_column(lower, aliases()[f]);
  }
  if (l.dialect == Dialect::pubmed_legacy) {
    l.col[f_authors] = find_column(lower, {"description"});
    l.col[f_id] = find_column(lower, {"entrezuid"});
    l.col[f_url] = std::nullopt;
    l.col[f_type] = std::nullopt; // "citation" for every row
  }
  if (l.dialect == Dialect::pubmed_new) {
    l.col[f_id] = find_column(lower, {"pmid"});
  }
  l.pubmed_ids = l.dialect == Dialect::generic && l.col[f_pmid] && !l.col[f_id] && !l.col[f_database];
  return l;
}

Record generic_record(const Layout& l, const std::vector<std::string>& cells)
{
  auto get = [&](Field f) -> std::string_view { return l.col[f] ? trim(cells[*l.col[f]]) : std::string_view{}; };
  Record r;
  r.source_id = std::string(get(f_id));
  r.title = std::string(get(f_title));
  bool pubmed = l.dialect == Dialect::pubmed_legacy || l.dialect == Dialect::pubmed_new;
  if (pubmed) {
    // "Guo YR, Cao QD, Yan Y." : the list ends with a period, initials have none.
    auto cell = get(f_authors);
    if (cell.ends_with('.')) {
      cell.remove_suffix(1);
    }
    r.authors = comma_authors(cell);
  } else {
    r.authors = split_authors(get(f_authors));
  }
  r.journal = std::string(get(f_journal));
  r.journal_abbrev = std::string(get(f_journal_abbrev));
  if (pubmed) {
    parse_pubmed_citation(get(f_citation), r);
    r.pmid = r.source_id;
    r.source = "PubMed";
    if (l.dialect == Dialect::pubmed_legacy) {
      r.url = "https://pubmed.ncbi.nlm.nih.gov/" + r.pmid + "/";
    }
  }
  if (auto d = parse_date(get(f_date)); d.year) {
    r.year = d.year;
    r.date = d.iso;
  }
  if (auto y = parse_date(get(f_year)); y.year && r.year != y.year) {
    r.year = y.year;
    r.date = y.iso;
  }
  if (!r.year) {
    auto sd = get(f_short_details); // "Cochrane Database Syst Rev.  2019"
    if (sd.size() >= 4) {
      r.year = parse_date(sd.substr(sd.size() - 4)).year;
    }
  }
  if (auto doi = get(f_doi); !doi.empty()) {
    r.doi = std::string(doi);
  }
  r.abstract = std::string(get(f_abstract));
  if (auto pmid = get(f_pmid); !pmid.empty()) {
    r.pmid = std::string(pmid);
  }
  if (r.volume.empty()) {
    r.volume = std::string(get(f_volume));
  }
  if (r.issue.empty()) {
    r.issue = std::string(get(f_issue));
  }
  if (auto pages = get(f_pages); !pages.empty()) {
    r.pages = std::string(pages);
  } else if (auto bp = get(f_page_start); !bp.empty()) {
    auto ep = get(f_page_end);
    r.pages = ep.empty() || ep == bp ? std::string(bp) : fmt::format("{}-{}", bp, ep);
  } else if (r.pages.empty()) {
    r.pages = std::string(get(f_article_number));
  }
  r.language = std::string(get(f_language));
  if (auto t = get(f_type); !t.empty()) {
    r.publication_types = semicolon_list(t);
  }
  r.keywords = semicolon_list(get(f_keywords));
  if (auto issn = get(f_issn); !issn.empty()) {
    r.issn = std::string(issn.substr(0, issn.find(' ')));
  }
  if (r.url.empty()) {
    r.url = std::string(get(f_url));
  }
  if (l.dialect == Dialect::scopus) {
    r.source = "Scopus";
  } else if (l.pubmed_ids) {
    r.source = "PubMed";
    r.source_id = r.pmid;
  } else if (!pubmed) {
    r.source = std::string(get(f_database));
  }
  return r;
}

Record wos_tags_record(const std::vector<std::string>& header, const std::vector<std::string>& cells)
{
  std::vector<WosField> fields;
  for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) {
    if (!trim(cells[i]).empty()) {
      fields.push_back(WosField{std::string(trim(header[i])), {cells[i]}});
    }
  }
  return wos_record(fields);
}

} // namespace

void read_csv(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::CsvTable table(text, ',');
  util::CsvRow row;
  if (!table.next(row)) {
    return;
  }
  if (!row.error.empty()) {
    ctx.fail(row.line, fmt::format("{} in the header", row.error));
  }
  std::vector<std::string> header = row.fields;
  while (header.size() > 1 && trim(header.back()).empty()) {
    header.pop_back();
  }
  const Layout l = layout_of(header);
  if (!l.col[f_title]) {
    std::vector<std::string> names;
    names.reserve(header.size());
    for (const auto& h : header) {
      names.emplace_back(trim(h));
    }
    std::string list = util::join(names, ", ");
    if (list.size() > 200) {
      list = list.substr(0, 200) + " ...";
    }
    ctx.fail(row.line, fmt::format("no title column in header (columns: {})", list));
  }
  while (table.next(row)) {
    ++ctx.index;
    if (!row.error.empty()) {
      ctx.bad_record(row.line, row.error);
      continue;
    }
    // PubMed's legacy export ends every row with a comma: trailing empty fields are fine.
    while (row.fields.size() > header.size() && trim(row.fields.back()).empty()) {
      row.fields.pop_back();
    }
    if (row.fields.size() != header.size()) {
      ctx.bad_record(row.line, fmt::format("row has {} fields, the header has {}", row.fields.size(), header.size()));
      continue;
    }
    Record r = l.dialect == Dialect::wos_tags ? wos_tags_record(header, row.fields) : generic_record(l, row.fields);
    if (ctx.default_source.empty() && !r.source.empty() && (l.dialect != Dialect::generic || l.pubmed_ids)) {
      ctx.default_source = r.source;
    }
    r.raw = std::string(row.text);
    r.provenance.file = ctx.file();
    r.provenance.line = row.line;
    r.provenance.index = ctx.index;
    finish_record(r);
    sink(std::move(r));
  }
}

} // namespace synth::formats
