// Translation to Scopus syntax: one query, not a numbered history, so a line reference
// is the line it names written out in parentheses (docs/translate.md).
//
//   TITLE-ABS-KEY("mental illness")   TITLE() ABS() KEY() AUTH() SRCTITLE() LANGUAGE() ALL()
//   a W/2 b   a PRE/0 b               W/n: at most n words between, any order; PRE/n: the
//                                     first before the second
//   "..." loose phrase (plurals and spelling variants, punctuation ignored); {...} exact
//   * any characters   ? one character
//   ... AND LANGUAGE(english) AND PUBYEAR > 1989 AND PUBYEAR < 2014
// Scopus has no thesaurus to explode: every heading is kept as a phrase.
#include "synth/query/platforms_boolean.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <unordered_map>

namespace synth::query::platforms_detail {

namespace {

constexpr std::size_t k_max_query = 1'000'000; // characters of one written-out query

class ScopusWriter final : public BooleanWriter
{
public:
  using BooleanWriter::BooleanWriter;

  // each line written once: a reference to it later takes the same text
  std::string write_line(const Node& n) override
  {
    auto text = BooleanWriter::write_line(n);
    m_done.emplace(&n, "(" + text + ")");
    return text;
  }

protected:
  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool /*inner_compound*/) override
  {
    if (!title_abstract_keywords(fields)
        && std::any_of(fields.begin(), fields.end(), [](Std f) { return f == Std::keywords || f == Std::subject; })) {
      notes().add("keywords searched as KEY(), which holds author keywords and index terms together");
    }
    return ored(codes_of(fields, "TITLE-ABS-KEY"), "(", ")", inner);
  }

  std::string phrase(const std::string& words) override
  {
    notes().add("Scopus reads \"...\" as a loose phrase (plurals and spelling variants, punctuation ignored): "
                "widened; {...} would be exact but takes no wildcards");
    return "\"" + words + "\"";
  }

  std::optional<Piece> heading(const Node& /*n*/) override { return std::nullopt; }

  std::string near(const Proximity& p) override
  {
    int n = p.max_words_between;
    if (n > table().near_max) {
      notes().add(fmt::format("proximity of {} words written {} (Scopus's largest): narrowed", n, table().near_max));
      n = table().near_max;
    }
    return BooleanWriter::near(Proximity{n, p.ordered});
  }

  std::optional<std::string> date_limit(const Limit& l) override
  {
    if (l.from.size() > 4 || l.to.size() > 4) {
      notes().add("a date window of months or days written as whole years (PUBYEAR): widened");
    }
    auto year = [](const std::string& d) {
      if (d.size() < 4 || !std::all_of(d.begin(), d.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
        throw Error(fmt::format("`{}` is not a year Scopus's PUBYEAR can take", d));
      }
      return std::stoi(d.substr(0, 4));
    };
    std::vector<std::string> parts;
    if (!l.from.empty()) {
      parts.push_back(fmt::format("PUBYEAR > {}", year(l.from) - 1));
    }
    if (!l.to.empty()) {
      parts.push_back(fmt::format("PUBYEAR < {}", year(l.to) + 1));
    }
    if (parts.empty()) {
      return std::nullopt;
    }
    return parts.size() == 1 ? parts.front() : "(" + util::join(parts, " AND ") + ")";
  }

  Piece reference(int /*n*/, const Node& line) override
  {
    auto it = m_done.find(&line);
    if (it == m_done.end()) {
      auto p = write(line, false);
      if (p.text.size() > k_max_query) {
        throw Error(fmt::format("the strategy written out as one Scopus query is longer than {} characters: its "
                                "lines refer to each other too often",
                                k_max_query));
      }
      it = m_done.emplace(&line, "(" + p.text + ")").first;
    }
    return {it->second, false};
  }

private:
  std::unordered_map<const Node*, std::string> m_done;
};

} // namespace

std::unique_ptr<LineWriter> scopus_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<ScopusWriter>(notes, numbers, platform_table(Syntax::scopus));
}

} // namespace synth::query::platforms_detail
