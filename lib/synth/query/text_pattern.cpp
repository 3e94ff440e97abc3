#include "synth/query/text_pattern.hpp"

#include "synth/util/text.hpp"

#include <algorithm>

namespace synth::query {

std::string fold_text(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      return util::fold(text);
    }
    bool upper = c >= 'A' && c <= 'Z';
    if (upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending) {
        out += ' ';
        pending = false;
      }
      out += static_cast<char>(upper ? c + ('a' - 'A') : c);
    } else {
      pending = !out.empty();
    }
  }
  return out;
}

TextPattern::TextPattern(std::string_view text, bool phrase)
{
  Sequence current;
  const std::string collapsed = util::collapse_space(text);
  for (auto raw : util::split(collapsed, ' ')) {
    if (raw.empty()) {
      continue;
    }
    bool prefix = raw.back() == '*';
    if (prefix) {
      raw.remove_suffix(1);
    }
    Sequence words;
    if (raw.find('*') != std::string_view::npos) {
      // a wildcard inside the word: its parts, folded, matched against one word
      Word w;
      for (auto part : util::split(raw, '*')) {
        auto folded = util::fold(part);
        folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
        w.glob.push_back(std::move(folded));
      }
      w.text = w.glob.front();
      w.prefix = prefix;
      if (w.text.empty()) {
        continue; // a leading '*' (refused by the checker): nothing to anchor on
      }
      words.push_back(std::move(w));
    } else {
      auto folded = util::fold(raw);
      if (folded.empty()) {
        continue;
      }
      for (auto w : util::split(folded, ' ')) {
        words.push_back(Word{std::string(w), false, {}});
      }
      words.back().prefix = prefix;
    }
    if (phrase) {
      current.insert(current.end(), words.begin(), words.end());
    } else {
      m_parts.push_back(std::move(words));
    }
  }
  if (phrase && !current.empty()) {
    m_parts.push_back(std::move(current));
  }
  for (const auto& seq : m_parts) {
    m_all.insert(m_all.end(), seq.begin(), seq.end());
  }
}

// Does `seq` start at `pos` (a word start) in `s`? With `whole`, it must also end `s`.
bool TextPattern::sequence_at(std::string_view s, std::size_t pos, const Sequence& seq, bool whole)
{
  for (std::size_t k = 0; k < seq.size(); ++k) {
    const auto& w = seq[k];
    if (!w.glob.empty()) {
      auto end = s.find(' ', pos);
      end = end == std::string_view::npos ? s.size() : end;
      if (!word_matches(w, s.substr(pos, end - pos))) {
        return false;
      }
      pos = end;
    } else if (s.compare(pos, w.text.size(), w.text) != 0) {
      return false;
    } else {
      pos += w.text.size();
    }
    if (!w.glob.empty()) {
      // the whole word is matched
    } else if (w.prefix) {
      auto space = s.find(' ', pos);
      pos = space == std::string_view::npos ? s.size() : space;
    } else if (pos < s.size() && s[pos] != ' ') {
      return false;
    }
    if (k + 1 < seq.size()) {
      if (pos >= s.size()) {
        return false;
      }
      ++pos; // the single space fold() leaves between words
    }
  }
  // a truncated last word matches the rest of a whole value too (mental*[mh]: "mental disorders")
  return !whole || pos == s.size() || seq.back().prefix;
}

bool TextPattern::find_sequence(std::string_view s, const Sequence& seq)
{
  const auto& first = seq.front().text;
  std::size_t pos = s.find(first);
  while (pos != std::string_view::npos) {
    if ((pos == 0 || s[pos - 1] == ' ') && sequence_at(s, pos, seq, false)) {
      return true;
    }
    pos = s.find(first, pos + 1);
  }
  return false;
}

bool TextPattern::matches_folded(std::string_view folded) const
{
  if (m_parts.empty()) {
    return false;
  }
  for (const auto& seq : m_parts) {
    if (!find_sequence(folded, seq)) {
      return false;
    }
  }
  return true;
}

bool TextPattern::matches_any_folded(std::span<const std::string_view> folded) const
{
  if (m_parts.empty()) {
    return false;
  }
  for (const auto& seq : m_parts) {
    bool found = false;
    for (auto text : folded) {
      if (find_sequence(text, seq)) {
        found = true;
        break;
      }
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

bool TextPattern::matches(std::string_view text) const { return matches_folded(fold_text(text)); }

bool TextPattern::word_matches(const Word& w, std::string_view text)
{
  if (w.glob.empty()) {
    return w.prefix ? text.starts_with(w.text) : text == w.text;
  }
  // parts in order: the first at the start, the last at the end unless the word ends in '*'
  if (!text.starts_with(w.glob.front())) {
    return false;
  }
  std::size_t pos = w.glob.front().size();
  for (std::size_t i = 1; i < w.glob.size(); ++i) {
    const auto& part = w.glob[i];
    if (i + 1 == w.glob.size() && !w.prefix) {
      return text.size() >= pos + part.size() && text.substr(text.size() - part.size()) == part; // no overlap
    }
    auto at = text.find(part, pos);
    if (at == std::string_view::npos) {
      return false;
    }
    pos = at + part.size();
  }
  return w.prefix || pos == text.size();
}

bool TextPattern::near_folded(const std::vector<std::string_view>& words, int max_between) const
{
  const std::size_t k = m_all.size();
  if (k == 0) {
    return false;
  }
  // (position, pattern word) for every match, in text order; then the shortest stretch
  // that holds every pattern word.
  std::vector<std::pair<std::size_t, std::size_t>> hits;
  for (std::size_t p = 0; p < words.size(); ++p) {
    for (std::size_t j = 0; j < k; ++j) {
      if (word_matches(m_all[j], words[p])) {
        hits.emplace_back(p, j);
      }
    }
  }
  std::vector<int> count(k, 0);
  std::size_t covered = 0;
  std::size_t left = 0;
  for (std::size_t right = 0; right < hits.size(); ++right) {
    if (count[hits[right].second]++ == 0) {
      ++covered;
    }
    while (covered == k) {
      std::size_t span = hits[right].first - hits[left].first + 1;
      if (span <= k + static_cast<std::size_t>(max_between)) {
        return true;
      }
      if (--count[hits[left].second] == 0) {
        --covered;
      }
      ++left;
    }
  }
  return false;
}

bool TextPattern::equals_folded(std::string_view folded) const
{
  if (m_parts.empty()) {
    return false;
  }
  return sequence_at(folded, 0, m_all, true);
}

} // namespace synth::query
