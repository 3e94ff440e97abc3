#pragma once
// Dedup's own normalisation of field values, beyond util::fold: what databases add to or
// change in the same title, name, journal, page range, volume or DOI. Pure, no I/O.
//
// Kept here rather than in util/core because every rule is about comparing two records
// (a rule that loses information is fine for matching, not for storing or exporting).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synth::dedup {

// util::fold, then: letters that Unicode decomposition leaves alone spelled in ASCII
// (ø o, æ ae, œ oe, ł l, đ/ð d, þ th, ı i), Greek letters spelled out (β beta, so
// "TGF-β" = "TGF-beta"), and British spellings made American word by word, in words of
// five letters or more (labour labor, behavioural behavioral, randomised randomized,
// analyse analyze, centre center, centred centered, fibre fiber, modelling modeling,
// programme program, ageing aging, haem/oesophag -> hem/esophag, gastrooesophageal =
// gastroesophageal). Both records go through the same rules, so a rule can only join
// spellings, never split; what it does to a word spelled alike in both ("contour" ->
// "contor", "calling" -> "caling") does not matter.
std::string fold_text(std::string_view s);

// The title without what databases add to it: HTML/XML entities decoded (&beta; &eacute;
// &#233;), inline markup (<i>, <sup>, MathML) removed, Embase's "<ORIGINAL> original-
// language title" cut off, and notes in brackets removed: "[Erratum appears in ...]"
// (also unclosed, as exports truncate), "[corrected]", "[Abstract]", "[abstract no: 134]",
// "[see comments]", language tags ("[French]", "[Article in German]"), and a short
// trailing label of one or two words ("[careers]", "[ISRCTN74625030]"). Not folded.
std::string clean_title(std::string_view raw);

// The other forms under which a cleaned title can appear in another database, besides the
// whole title: "Title [Translated title]" and "[Translated] Original" give the text in and
// out of the brackets, "Original; Translated" and "Original = Translated" give both halves.
// A form needs five significant words (the text outside brackets two), so that a short
// fragment ("[IgG and F(ab')2]", a trial acronym) never stands for a title. Usually empty.
std::vector<std::string> title_variants(std::string_view cleaned);

// The title shows that it is a translation or in another language than English: MEDLINE's
// "[Translated title]" in brackets as a whole, or a folded title with more function words
// of German, French, Spanish, Portuguese, Italian or Dutch than of English (at least two).
bool translated_title(std::string_view cleaned);

// The language half of translated_title(): the folded words of a title.
bool foreign_words(const std::vector<std::string>& folded_words);

// Lower case, resolver prefix dropped, percent-escapes decoded ("%28" -> "("): the form
// in which two DOIs of one item compare equal. "" when there is no DOI.
std::string canonical_doi(std::string_view doi);

struct PageRange
{
  std::string first;               // "1112" of "1112-9"; "" when unknown
  std::string last;                // "1119"; "" when a single page or unknown
  std::vector<std::string> starts; // every range's first page when there are several
                                   // ("230-5, 246-51, 233-8"), sorted; else empty
};

// Page field -> range. "1112-9" and "1112-1119" both give 1112-1119; "S12-S15" 12-15;
// "e123" 123; "47--65" 47-65; "221" 221. A field in which a spreadsheet turned "1-6" into
// a date ("01-Jun", "Jun-01") is unknown.
PageRange parse_pages(std::string_view pages);

// Volume field -> its number, "" when it has none: "20" and "Vol. 20" give 20,
// "147 Suppl 1" and "64 (Supplement 1)" give the volume 147 / 64; "1)", "30a",
// "2015-April" give none; a volume equal to the record's year (within one, "2016" for a
// 2016 magazine issue) is a year, not a volume, and gives none.
std::string volume_number(std::string_view volume, int year);

// A set of short words (at most 7 bytes) looked up by value: the word lists below are
// consulted for every word of every record, where comparing strings one by one costs.
class ShortWords
{
public:
  template <typename List>
  explicit ShortWords(const List& words)
  {
    for (std::string_view w : words) {
      m_keys.push_back(key(w));
    }
    std::sort(m_keys.begin(), m_keys.end());
  }
  bool contains(std::string_view w) const
  {
    return w.size() <= 7 && std::binary_search(m_keys.begin(), m_keys.end(), key(w));
  }

private:
  static std::uint64_t key(std::string_view w)
  {
    std::uint64_t k = w.size();
    for (char c : w.substr(0, 7)) {
      k = k << 8 | static_cast<unsigned char>(c);
    }
    return k;
  }
  std::vector<std::uint64_t> m_keys;
};

// Stop words left out of the significant words of a title or journal name (English and
// the articles of the languages most often seen in biomedical databases).
bool is_stop_word(std::string_view word);

// The folded words of `folded` (fold_text output); without stop words when asked.
std::vector<std::string> words_of(std::string_view folded, bool drop_stop_words);

// "1112-9" -> {"1112","1119"}; "e123" -> {"123",""}; "S12-S15" -> {"12","15"};
// "47--65" -> {"47","65"}; "" -> {"",""}. One range; parse_pages handles lists.
std::pair<std::string, std::string> normalise_pages(std::string_view pages);

// One family name folded for comparison: "Frimodt-Møller" -> "frimodt moller",
// "Lynch Jr" -> "lynch" (generational suffixes dropped), "Cobano?lu" -> "cobano?lu" (a '?'
// left where an export lost a letter stays, as a one-letter wildcard).
std::string fold_name(std::string_view family);

// Two folded names are equal, '?' matching any one character.
bool names_equal(std::string_view a, std::string_view b);

} // namespace synth::dedup
