#pragma once
// The parts of the translation (platforms.hpp) shared by its targets: the notes of lossy
// steps, small spelling helpers and the writer of one history line per target
// (platforms_pubmed.cpp, platforms_ovid.cpp ...). Internal to lib/synth/query.
#include "synth/query/platforms.hpp"
#include "synth/util/text.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query::platforms_detail {

inline std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

inline FieldSet fields_of(std::string_view code) { return *ovid_field(code); }

inline bool is_heading(const Node& n) { return n.kind == Node::Kind::term && n.heading.has_value(); }

// The heading's name without a "/subheading" that PubMed's text carries.
inline std::string heading_name(const Node& n)
{
  const auto& h = *n.heading;
  if (!h.subheading.empty() && n.text.size() > h.subheading.size() + 1
      && util::iequals(std::string_view(n.text).substr(n.text.size() - h.subheading.size() - 1), "/" + h.subheading)) {
    return n.text.substr(0, n.text.size() - h.subheading.size() - 1);
  }
  return n.text;
}

// The lossy steps of a translation, each once per line.
class Notes
{
public:
  explicit Notes(std::vector<TranslationNote>& out) : m_out(out) {}
  void at(int line) { m_line = line; }
  void add(std::string text)
  {
    for (const auto& n : m_out) {
      if (n.line == m_line && n.text == text) {
        return;
      }
    }
    m_out.push_back(TranslationNote{m_line, std::move(text)});
  }

private:
  std::vector<TranslationNote>& m_out;
  int m_line = 0;
};

// Source line number -> target line number.
using Numbers = std::map<int, int>;

// Writes one line of the target's history (without its number).
class LineWriter
{
public:
  virtual ~LineWriter() = default;
  virtual std::string write_line(const Node& n) = 0;
};

std::unique_ptr<LineWriter> pubmed_writer(Notes& notes, const Numbers& numbers);
std::unique_ptr<LineWriter> ovid_writer(Notes& notes, const Numbers& numbers, Vocabulary vocabulary);

} // namespace synth::query::platforms_detail
