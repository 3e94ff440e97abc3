#include "synth/formats/endnote_xml.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/source_names.hpp"
#include "synth/formats/xml_text.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace synth::formats {

namespace {

using xml::child_text;
using xml::flatten;
using xml::path;

const xml::ScanRules k_rules{{"record"}, {"xml"}, "an EndNote XML"};

bool all_digits(std::string_view s)
{
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1532-1827 (Electronic)\r0007-0920 (Linking)" -> "1532-1827"; "" when no ISSN.
std::string first_issn(std::string_view text)
{
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i + 9 <= text.size(); ++i) {
    auto s = text.substr(i, 9);
    bool ok = s[4] == '-' && (i == 0 || !digit(text[i - 1])) && std::all_of(s.begin(), s.begin() + 4, digit)
              && std::all_of(s.begin() + 5, s.begin() + 8, digit) && (digit(s[8]) || s[8] == 'X' || s[8] == 'x')
              && (i + 9 == text.size() || !digit(text[i + 9]));
    if (ok) {
      return util::to_upper(s);
    }
  }
  return {};
}

// The first non-blank line of a multi-line field ("Embase\rMedline" -> "Embase").
std::string first_line(pugi::xml_node node)
{
  std::string all;
  for (auto text : node.select_nodes(".//text()")) {
    all += text.node().value();
  }
  for (auto line : util::split(all, '\n')) {
    for (auto part : util::split(line, '\r')) {
      if (auto t = util::trim(part); !t.empty()) {
        return std::string(t);
      }
    }
  }
  return {};
}

void read_dates(pugi::xml_node record, Record& r)
{
  auto dates = record.child("dates");
  auto year = parse_date(child_text(dates, "year"));
  auto pub = child_text(path(dates, {"pub-dates"}), "date");
  DateParts full;
  if (!pub.empty()) {
    full = parse_date(pub);
    if (!full.year && year.year) {
      full = parse_date(pub + " " + std::to_string(*year.year)); // "Mar 3" + year
    }
  }
  if (year.year && (!full.year || *full.year != *year.year)) {
    full = year;
  }
  r.year = full.year;
  r.date = full.iso;
}

std::string first_url(pugi::xml_node urls)
{
  for (const char* kind : {"related-urls", "web-urls"}) {
    for (auto url : urls.child(kind).children("url")) {
      if (auto text = flatten(url); !text.empty()) {
        return text;
      }
    }
  }
  return {};
}

Record build_record(pugi::xml_node rec)
{
  Record r;
  if (auto type = rec.child("ref-type").attribute("name"); type && *type.value()) {
    r.publication_types.emplace_back(type.value());
  }
  for (auto author : path(rec, {"contributors", "authors"}).children("author")) {
    if (auto text = flatten(author); !text.empty()) {
      r.authors.push_back(parse_author(text));
    }
  }
  auto titles = rec.child("titles");
  r.title = child_text(titles, "title");
  r.journal = child_text(titles, "secondary-title");
  auto periodical = rec.child("periodical");
  if (r.journal.empty()) {
    r.journal = child_text(periodical, "full-title");
  }
  r.journal_abbrev = child_text(periodical, "abbr-1");
  read_dates(rec, r);
  r.volume = child_text(rec, "volume");
  r.issue = child_text(rec, "number");
  if (r.issue.empty()) {
    r.issue = child_text(rec, "issue");
  }
  r.pages = child_text(rec, "pages");
  r.doi = child_text(rec, "electronic-resource-num");
  r.issn = first_issn(first_line(rec.child("isbn")));
  r.abstract = child_text(rec, "abstract");
  r.language = child_text(rec, "language");
  for (auto k : rec.child("keywords").children("keyword")) {
    if (auto text = flatten(k); !text.empty()) {
      r.keywords.push_back(std::move(text));
    }
  }
  r.url = first_url(rec.child("urls"));
  r.source = database_name(first_line(rec.child("remote-database-name")));
  auto accession = child_text(rec, "accession-num");
  r.source_id = accession.empty() ? child_text(rec, "rec-number") : accession;
  auto db = util::to_lower(r.source);
  bool pubmed_db = db.empty() || db.find("medline") != std::string::npos || db.find("pubmed") != std::string::npos;
  if (pubmed_db && all_digits(accession) && accession.size() <= 8) {
    r.pmid = accession;
  }
  return r;
}

} // namespace

namespace {
void read_records(xml::ElementScanner& scanner, ReadContext& ctx, const RecordSink& sink)
{
  xml::Element element;
  pugi::xml_document doc;
  while (scanner.next(element)) {
    ++ctx.index;
    if (!scanner.parse(element, doc)) {
      continue;
    }
    Record r = build_record(doc.document_element());
    r.raw.assign(element.text);
    r.provenance.file = ctx.file();
    r.provenance.line = element.line;
    r.provenance.index = ctx.index;
    finish_record(r);
    sink(std::move(r));
  }
}

} // namespace

void read_endnote_xml(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  xml::ElementScanner scanner(text, k_rules, ctx);
  read_records(scanner, ctx, sink);
}

void read_endnote_xml(util::InputStream& in, ReadContext& ctx, const RecordSink& sink)
{
  xml::ElementScanner scanner(in, k_rules, ctx);
  read_records(scanner, ctx, sink);
}

} // namespace synth::formats
