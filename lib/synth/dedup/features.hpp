#pragma once
// The normalised view of a record that dedup compares: folded title and its character
// bigrams, first-author family name, journal words, numeric volume and pages, and the
// kind of item (article, notice, comment, conference abstract). Pure, no I/O.
#include "synth/core/record.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace synth::dedup {

// What a record is, as far as merging is concerned. Records of different kinds are never
// merged: a notice (erratum, corrigendum, retraction) or a comment/reply is a record of
// its own even when it shares the DOI of the article it is about.
enum class Kind { article, conference, erratum, retraction, comment };

const char* kind_name(Kind kind);

struct Features
{
  std::string title;                 // folded: lower case, no accents, no punctuation
  std::vector<std::uint32_t> bigrams; // sorted character bigrams of the title without spaces
  std::vector<std::string> words;    // significant title words (stop words dropped)
  std::string first_author;          // folded family name of the first author
  std::vector<std::string> authors;  // folded family names (at most 12)
  std::vector<std::string> journal;  // folded journal words, from journal and abbreviation
  std::vector<std::string> journal_abbrev;
  std::string volume;                // digits only ("20" of "Vol. 20"); empty when none
  std::string first_page;            // "1112" of "1112-9", "123" of "e123"; empty when none
  std::string last_page;             // "1119" of "1112-9"
  std::string part;                  // "2" of "Part II" / "part 2"; empty when none
  bool recurring = false;            // editorial, column or notice whose title repeats
  int year = 0;                      // 0 when unknown
  Kind kind = Kind::article;
};

// Computes the features of one record.
Features features(const Record& record);

// "1112-9" -> {"1112","1119"}; "e123" -> {"123",""}; "S12-S15" -> {"12","15"};
// "47--65" -> {"47","65"}; "" -> {"",""}.
std::pair<std::string, std::string> normalise_pages(std::string_view pages);

// Kind from Record.type and the title words of notices ("erratum", "correction",
// "corrigendum", "retraction", "comment on", "reply", "response to" ...).
Kind record_kind(const Record& record, const std::string& folded_title);

} // namespace synth::dedup
