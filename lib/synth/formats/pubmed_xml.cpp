#include "synth/formats/pubmed_xml.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/xml_text.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <cstring>

namespace synth::formats {

namespace {

using xml::child_text;
using xml::flatten;
using xml::path;

const xml::ScanRules k_rules{
  {"PubmedArticle", "PubmedBookArticle", "MedlineCitation", "DeleteCitation"},
  {"PubmedArticleSet", "PubmedBookArticleSet", "MedlineCitationSet"},
  "a PubMed XML",
};

bool attr_is(pugi::xml_node node, const char* attr, const char* value)
{
  return std::strcmp(node.attribute(attr).value(), value) == 0;
}

void read_authors(pugi::xml_node list, Record& r)
{
  for (auto a : list.children("Author")) {
    Author author;
    if (auto collective = a.child("CollectiveName")) {
      author.family = flatten(collective);
    } else {
      author.family = child_text(a, "LastName");
      author.given = child_text(a, "ForeName");
      if (author.given.empty()) {
        author.given = child_text(a, "Initials");
      }
    }
    if (!author.family.empty() || !author.given.empty()) {
      r.authors.push_back(std::move(author));
    }
  }
}

// PubDate: Year/Month/Day, or MedlineDate ("1998 Dec-1999 Jan"), or Season.
bool read_date(pugi::xml_node date, Record& r)
{
  if (!date) {
    return false;
  }
  std::string text;
  if (auto medline = date.child("MedlineDate")) {
    text = flatten(medline);
  } else {
    text = child_text(date, "Year");
    for (const char* part : {"Month", "Day"}) {
      if (auto p = date.child(part)) {
        text += ' ';
        text += flatten(p);
      }
    }
  }
  auto parts = parse_date(text);
  if (!parts.year) {
    return false;
  }
  r.year = parts.year;
  r.date = parts.iso;
  return true;
}

void read_abstract(pugi::xml_node abstract, Record& r)
{
  for (auto part : abstract.children("AbstractText")) {
    std::string text = flatten(part);
    if (text.empty()) {
      continue;
    }
    if (!r.abstract.empty()) {
      r.abstract += ' ';
    }
    if (auto label = part.attribute("Label"); label && *label.value()) {
      r.abstract += label.value();
      r.abstract += ": ";
    }
    r.abstract += text;
  }
}

void read_ids(pugi::xml_node list, Record& r)
{
  for (auto id : list.children("ArticleId")) {
    if (r.doi.empty() && attr_is(id, "IdType", "doi")) {
      r.doi = flatten(id);
    }
  }
}

void read_elocations(pugi::xml_node parent, Record& r)
{
  for (auto loc : parent.children("ELocationID")) {
    if (r.doi.empty() && attr_is(loc, "EIdType", "doi")) {
      r.doi = flatten(loc);
    }
  }
}

void read_pages(pugi::xml_node pagination, Record& r)
{
  r.pages = child_text(pagination, "MedlinePgn");
  if (r.pages.empty()) {
    r.pages = child_text(pagination, "StartPage");
    if (auto end = child_text(pagination, "EndPage"); !end.empty()) {
      r.pages.append("-").append(end);
    }
  }
}

void read_common_lists(pugi::xml_node citation, Record& r)
{
  for (auto list : citation.children("KeywordList")) {
    for (auto k : list.children("Keyword")) {
      if (auto text = flatten(k); !text.empty()) {
        r.keywords.push_back(std::move(text));
      }
    }
  }
  for (auto heading : citation.child("MeshHeadingList").children("MeshHeading")) {
    if (auto text = child_text(heading, "DescriptorName"); !text.empty()) {
      r.mesh.push_back(std::move(text));
    }
  }
}

// MedlineCitation (inside PubmedArticle, or alone in a MedlineCitationSet).
void read_citation(pugi::xml_node citation, Record& r)
{
  r.pmid = child_text(citation, "PMID");
  auto article = citation.child("Article");
  auto journal = article.child("Journal");
  r.journal = child_text(journal, "Title");
  r.journal_abbrev = child_text(journal, "ISOAbbreviation");
  if (r.journal_abbrev.empty()) {
    r.journal_abbrev = child_text(citation.child("MedlineJournalInfo"), "MedlineTA");
  }
  r.issn = child_text(journal, "ISSN");
  if (r.issn.empty()) {
    r.issn = child_text(citation.child("MedlineJournalInfo"), "ISSNLinking");
  }
  auto issue = journal.child("JournalIssue");
  r.volume = child_text(issue, "Volume");
  r.issue = child_text(issue, "Issue");
  if (!read_date(issue.child("PubDate"), r)) {
    read_date(article.child("ArticleDate"), r);
  }
  r.title = child_text(article, "ArticleTitle");
  if (r.title.empty()) {
    r.title = child_text(article, "VernacularTitle");
  }
  read_pages(article.child("Pagination"), r);
  read_elocations(article, r);
  read_abstract(article.child("Abstract"), r);
  read_authors(article.child("AuthorList"), r);
  r.language = child_text(article, "Language");
  for (auto t : article.child("PublicationTypeList").children("PublicationType")) {
    r.publication_types.push_back(flatten(t));
  }
  read_common_lists(citation, r);
}

// BookDocument of a PubmedBookArticle: a book, or a chapter of one.
void read_book(pugi::xml_node doc, Record& r)
{
  r.pmid = child_text(doc, "PMID");
  auto book = doc.child("Book");
  auto book_title = child_text(book, "BookTitle");
  r.title = child_text(doc, "ArticleTitle");
  if (r.title.empty()) {
    r.title = book_title;
  } else {
    r.journal = book_title;
  }
  read_ids(doc.child("ArticleIdList"), r);
  read_elocations(book, r);
  read_elocations(doc, r);
  if (!read_date(book.child("PubDate"), r)) {
    read_date(doc.child("ContributionDate"), r);
  }
  read_authors(doc.child("AuthorList"), r);
  if (r.authors.empty()) {
    read_authors(book.child("AuthorList"), r);
  }
  read_pages(doc.child("Pagination"), r);
  read_abstract(doc.child("Abstract"), r);
  r.language = child_text(doc, "Language");
  for (auto t : doc.children("PublicationType")) {
    r.publication_types.push_back(flatten(t));
  }
  read_common_lists(doc, r);
}

class PubmedReader
{
public:
  PubmedReader(ReadContext& ctx, const RecordSink& sink) : m_ctx(ctx), m_sink(sink) { m_ctx.default_source = "PubMed"; }

  void run(xml::ElementScanner& scanner)
  {
    xml::Element element;
    while (scanner.next(element)) {
      handle(scanner, element);
    }
  }

private:
  void handle(xml::ElementScanner& scanner, const xml::Element& e)
  {
    const std::int64_t index = e.name == "DeleteCitation" ? 0 : ++m_index;
    if (!scanner.parse(e, m_doc)) {
      return;
    }
    auto root = m_doc.document_element();
    if (e.name == "DeleteCitation") {
      for ([[maybe_unused]] auto pmid : root.children("PMID")) {
        ++m_ctx.deleted;
      }
      return;
    }
    Record r;
    if (e.name == "PubmedBookArticle") {
      read_book(root.child("BookDocument"), r);
      read_ids(path(root, {"PubmedBookData", "ArticleIdList"}), r);
    } else if (e.name == "PubmedArticle") {
      read_citation(root.child("MedlineCitation"), r);
      auto ids = path(root, {"PubmedData", "ArticleIdList"});
      std::string elocation_doi = std::move(r.doi);
      r.doi.clear();
      read_ids(ids, r);
      if (r.doi.empty()) {
        r.doi = std::move(elocation_doi);
      }
    } else {
      read_citation(root, r);
    }
    if (r.pmid.empty()) {
      m_ctx.bad_record(e.line, fmt::format("{} has no PMID", e.name));
      return;
    }
    r.source = "PubMed";
    r.source_id = r.pmid;
    r.raw.assign(e.text);
    r.provenance.file = m_ctx.file();
    r.provenance.line = e.line;
    r.provenance.index = index;
    finish_record(r);
    m_sink(std::move(r));
  }

  ReadContext& m_ctx;
  const RecordSink& m_sink;
  pugi::xml_document m_doc;
  std::int64_t m_index = 0;
};

} // namespace

void read_pubmed_xml(util::InputStream& in, ReadContext& ctx, const RecordSink& sink)
{
  xml::ElementScanner scanner(in, k_rules, ctx);
  PubmedReader(ctx, sink).run(scanner);
}

void read_pubmed_xml_text(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  xml::ElementScanner scanner(text, k_rules, ctx);
  PubmedReader(ctx, sink).run(scanner);
}

} // namespace synth::formats
