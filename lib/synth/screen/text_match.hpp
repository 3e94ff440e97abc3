#pragma once
// Phrase and truncation matching of a search expression on a record's title and abstract,
// for criteria such as `title-abstract matches "grounded theory" OR interview*`.
//
// The expression follows PubMed's syntax as the query files do (DESIGN.md section 4):
// words, "quoted phrases", truncation with a trailing '*', AND, OR, NOT (upper case only),
// parentheses; AND, OR and NOT have equal precedence and apply left to right; adjacent
// terms with no operator are joined by AND. Field tags ([tiab] ...) are not accepted: the
// criterion names the field. Matching is on words after Unicode folding (case, accents and
// punctuation ignored): `interview*` matches "Interviews", `"mental illness"` matches
// "mental-illness" but not "mental and illness".
//
// (A local minimal matcher: the query module's evaluator was not available when this was
// written; its syntax is the same.)
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synth::screen {

// A text split into folded words. Reuse one object for many records (no reallocation).
class Words
{
public:
  // Replaces the words with those of the given texts (joined; a phrase may not span two
  // texts).
  void assign(std::string_view a, std::string_view b = {});
  const std::vector<std::string_view>& words() const { return m_words; }
  bool empty() const { return m_count == 0; } // no word in either text

private:
  std::string m_buffer;
  std::vector<std::string_view> m_words;
  std::vector<std::size_t> m_offsets; // word start/length pairs in m_buffer
  std::size_t m_count = 0;
};

// Splits text into folded words (the same rule as Words).
std::vector<std::string> fold_words(std::string_view text);

class TextMatcher
{
public:
  // Parses the expression. `label:line:col` is where `text` starts in its file; errors
  // throw synth::Error("<label>:<line>:<col>: <what>, expected <what>").
  static TextMatcher parse(std::string_view text, const std::string& label, int line, int col);

  bool matches(const Words& words) const;
  // The expression rendered back (normalised spacing), for messages.
  const std::string& text() const { return m_text; }

  struct Node;

private:
  std::shared_ptr<const Node> m_root;
  std::string m_text;
};

} // namespace synth::screen
