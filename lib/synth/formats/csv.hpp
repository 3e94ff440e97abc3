#pragma once
// Records from comma-separated tables. The header row decides the dialect:
// - PubMed "Send to: File > CSV", legacy (Title,URL,Description,Details,ShortDetails,...,
//   EntrezUID) and 2020+ (PMID,Title,Authors,Citation,...,Journal/Book,...): source PubMed;
// - Scopus CSV (columns EID and "Source title"): source Scopus, source_id = EID;
// - Web of Science platform exports saved as CSV with tags as column names (PT,UT,TI ...,
//   e.g. BIOSIS): source from the UT prefix;
// - anything else whose columns have common names (case-insensitive): id/record_id/key/
//   accession, title/article title/document title, author(s)/au, year/publication year/py,
//   journal/source title/journal title/secondary title/publication title, doi, abstract,
//   pmid, volume, issue/number, pages, language, type/document type/publication type/item
//   type/entrytype, keywords, issn, url, date, database. Zotero CSV and the bib-dedupe
//   records_pre_merged.csv files are read this way; source stays empty unless a "database"
//   column gives it. A table of this kind with a PMID column (pmid, PMID, PubMed ID) and
//   neither an id nor a database column holds PubMed's records: source PubMed, source_id =
//   the PMID, as an nbib file has them (the same search saved both ways is one).
#include "synth/formats/reader.hpp"

#include <string_view>
#include <vector>

namespace synth::formats {

// A table without a title column fails at line 1 ("no title column in header (columns:
// ...)"); a row whose field count differs from the header's (trailing empty fields
// excepted) or with an unterminated quote is a bad record at the line where it starts.
void read_csv(std::string_view text, ReadContext& ctx, const RecordSink& sink);

// Authors of one cell: separated by ';', or by " and " (BibTeX style), or by ", " when every
// part holds a family name and initials ("Guo YR, Cao QD" or Scopus "Craig C., Villard M.-A.";
// "Jr." and "III" stay with the name before them); otherwise one author ("Ziegler, T. R.").
std::vector<Author> split_authors(std::string_view cell);

} // namespace synth::formats
