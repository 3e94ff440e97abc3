#pragma once
// Agreement of one field between two records' features: the pieces of evidence that
// compare() weighs. Each is symmetric. Pure, no I/O.
#include "synth/dedup/features.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace synth::dedup {

// Character-bigram Dice coefficient of two sorted bigram lists (1 when both empty).
double dice(const std::vector<std::uint16_t>& a, const std::vector<std::uint16_t>& b);

// The best Dice coefficient over the title forms of the two records (the title and the
// translations given beside it): "Title [Translated]" matches "Translated" at 1.0.
double title_similarity(const Features& a, const Features& b);

// The significant words of one record's title (any form) appear, in order and next to each
// other, in the other's, and the shorter has at least `min_words`: "Diminished control in
// crowdsourcing" in "Diminished control in crowdsourcing: an investigation of ...", a title
// cut short by an export in the full one, a "Short report:" label before the title. Only
// evidence together with an identifier or the place of publication.
bool title_contained(const Features& a, const Features& b, std::size_t min_words);

// Journal names: each word of the shorter name matches a word of the longer one, in order,
// as a prefix ("j orthop trauma" ~ "journal of orthopaedic trauma") or an abbreviation
// that keeps the first letter and drops others ("dtsch med wochenschr" ~ "deutsche
// medizinische wochenschrift"); or one name is the other run together ("jthoraccardiovascsurg")
// or its acronym ("icis" ~ "international conference on information systems").
bool journal_match(const std::vector<std::string>& a, const std::vector<std::string>& b);

// 1: a name of one record matches a name of the other; 0: a record has none; -1: no match.
int journal_agreement(const Features& a, const Features& b);

// 2: same first author ("De Botton" = "Botton", "Abdel Aziz" = "Aziz", "Ta?a?aj" =
// "Talalaj"); 1: weaker (one name a prefix of the other, the first author of one among the
// other's authors, or family and given name swapped); 0: unknown; -1: different.
int author_agreement(const Features& a, const Features& b);

// Pages: 1 same first page (or one of several ranges in common); 0 unknown, or two ranges
// that overlap by two pages or more (one source's typo: 678-684 and 676-682); -1 different.
int page_agreement(const Features& a, const Features& b);

// Both records give the same range of two pages or more (first and last page).
bool same_page_range(const Features& a, const Features& b);

} // namespace synth::dedup
