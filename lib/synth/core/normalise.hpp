#pragma once
// Normalisation of record fields (DESIGN.md section 5). Readers call these so that a
// record looks the same whichever export it came from.
#include "synth/core/record.hpp"
#include "synth/util/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth {

// "https://doi.org/10.1000/ABC " -> "10.1000/abc"; "doi:10.1/x" -> "10.1/x"; "" when the
// text holds no DOI (no "10." prefix). Percent-encoding left by resolver URLs is decoded
// ("10.1002/1097-4679%28196507%2921" -> "10.1002/1097-4679(196507)21").
std::string normalise_doi(std::string_view text);

// Language as ISO 639-2/B: "English", "eng", "en", "EN" -> "eng"; "German"/"ger"/"deu"/"de"
// -> "ger". Of several ("English; French", "eng ger") the first. Unknown names are
// returned lower-cased as given; empty stays empty.
std::string normalise_language(std::string_view text);
// The ISO 639-1 code of a language as normalise_language() reads it ("english" -> "en");
// "" when it has none or is unknown.
std::string language_alpha2(std::string_view text);

// The normalised type of a record from the types its source gave (PubMed publication
// types, RIS TY, BibTeX entry types, WoS DT ...): one of journal-article, review,
// editorial, letter, comment, conference, book, book-chapter, preprint, dissertation,
// news, erratum, retraction, other. The most specific type wins
// (["Journal Article", "Comment"] -> comment). "" when no type is known (nothing given, or
// only RIS "GEN" / EndNote "Generic", which say the writer knew none).
std::string normalise_publication_type(const std::vector<std::string>& given);

// Splits an author as written in exports: "Topor, Alain", "Topor A", "Topor, A.",
// "Alain Topor", "de Jong, J. P.". A single word is a family name (or a collective).
Author parse_author(std::string_view text);

// Year and ISO date from the usual forms: "2013", "2013/11/30", "2013 Nov 30", "2013 Nov",
// "2013-11-30", "Nov 2013", "2012 Dec-2013 Jan" (MedlineDate: first date), "Spring 2001".
// A day the month does not have (2013 Feb 30) is dropped (util/date.hpp checks it).
struct DateParts
{
  std::optional<int> year;
  std::string iso; // "2013-11-30", "2013-11", "2013" or ""
};
DateParts parse_date(std::string_view text);

// Month number (1-12) of "Nov", "november", "11"; 0 when unknown (util/date.hpp).
using util::month_number;

// Fills record.type from record.publication_types, and normalises doi, language, title
// spacing; sets date to the year when only the year is known. Called by every reader on
// each record it yields.
void finish_record(Record& record);

} // namespace synth
