#pragma once
// Phrase and truncation matching of a search expression on a record's title and abstract,
// for criteria such as `title-abstract matches "grounded theory" OR interview*`.
//
// The expression is parsed and evaluated by the query module (DESIGN.md section 4), so a
// criterion matches exactly what the same expression matches in a query file: words,
// "quoted phrases", truncation with a trailing '*' (interview* matches "interviews", not
// "preinterview"), AND, OR, NOT (upper case; equal precedence, left to right, as in
// PubMed; NOT is binary: `a NOT b`), parentheses, adjacent terms joined by AND. Text is
// compared after Unicode folding (case, accents and punctuation ignored): "mental illness"
// matches "Mental-Illness" but not "mental and illness". Field tags ([tiab] ...) are
// refused: the criterion names the field.
#include "synth/core/record.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace synth::query {
class CompiledQuery;
}

namespace synth::screen {

enum class TextField { title, abstract, title_abstract };

class TextMatcher
{
public:
  // Parses the expression. `label:line:col` is where `text` starts in its file; errors
  // throw synth::Error("<label>:<line>:<col>: <what>, expected <what>").
  static TextMatcher parse(std::string_view text, const std::string& label, int line, int col);

  // Does the field of the record match? title-abstract: a phrase must be within the title
  // or within the abstract; the words of an unquoted term may be in either.
  bool matches(TextField field, const Record& record) const;
  // The expression rendered back (normalised spacing), for messages.
  const std::string& text() const { return m_text; }

private:
  std::shared_ptr<const query::CompiledQuery> m_query;
  std::string m_text;
};

} // namespace synth::screen
