#pragma once
// Word-boundary matching of a search term on folded text (util::fold): the building block
// of the local evaluator, usable on its own (screening rules).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// The same result as util::fold, with a fast path for pure ASCII text (most titles and
// abstracts): the evaluator folds every record it sees.
std::string fold_text(std::string_view text);

// One term as written: "helping relation*", interview*, self-help, organi*ation*. Its
// words are folded once at construction. A word ending in '*' matches any word that
// starts with it (interview* matches "interviews", not "preinterview"); a '*' inside a
// word stands for any characters, as PubMed reads it since 2024 (organi*ation matches
// "organisation" and "organization"); other words match whole words.
// Matching is case- and accent-insensitive and ignores punctuation, like util::fold.
class TextPattern
{
public:
  // phrase: the words must follow each other ("helping relation*" matches "helping
  // relationships" but not "relationships helping"). Otherwise each written word (with
  // its hyphenated parts consecutive) must occur somewhere, in any order.
  TextPattern(std::string_view text, bool phrase);

  // True when the pattern occurs in `folded`, a util::fold()ed text.
  bool matches_folded(std::string_view folded) const;
  // The same over several folded texts (title and abstract, keywords): a phrase must be
  // within one text, the words of an unquoted term may be in different ones.
  bool matches_any_folded(std::span<const std::string_view> folded) const;
  // Folds `text` and matches it (fold once yourself when matching many patterns).
  bool matches(std::string_view text) const;
  // Whole-value match: the folded value equals the pattern's words; a truncated pattern
  // matches values that start with it ("mental*" matches "mental disorders", as PubMed's
  // truncation of MeSH headings). For MeSH headings, publication types, journals.
  bool equals_folded(std::string_view folded) const;
  // Proximity: every word of the pattern occurs among `words` (a folded text split at
  // spaces), in any order, in a stretch with at most `max_between` other words.
  bool near_folded(const std::vector<std::string_view>& words, int max_between) const;
  // False when the term folds to nothing (e.g. "-"): such a pattern never matches.
  bool empty() const { return m_parts.empty(); }

private:
  struct Word
  {
    std::string text;              // the folded word; with a '*' inside: the part before it
    bool prefix = false;           // ends with '*'
    std::vector<std::string> glob; // with a '*' inside: the folded parts between the '*'s
  };
  using Sequence = std::vector<Word>;
  static bool word_matches(const Word& w, std::string_view text);
  static bool sequence_at(std::string_view s, std::size_t pos, const Sequence& seq, bool whole);
  static bool find_sequence(std::string_view s, const Sequence& seq);

  std::vector<Sequence> m_parts; // all must occur
  Sequence m_all;                // every word in order, for equals_folded
};

} // namespace synth::query
