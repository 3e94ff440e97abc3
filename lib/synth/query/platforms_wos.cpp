// Translation to Web of Science syntax (Core Collection, SSCI), history numbered #1, #2 ...
// (docs/translate.md).
//
//   TI=("mental illness") OR AB=("mental illness")   TS= title, abstract, author keywords
//                                                    and Keywords Plus; AK= AU= SO= LA= DT=
//   a NEAR/2 b      at most 2 words between, any order; NEAR alone is NEAR/15; no ordered
//                   proximity
//   * any characters   ? one character   $ zero or one character
//   #1 OR #2   #3 AND LA=(English)   #3 AND PY=(1990-2013)
// Web of Science has no controlled vocabulary: every heading is kept as a phrase.
#include "synth/query/platforms_boolean.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

class WosWriter final : public BooleanWriter
{
public:
  WosWriter(Notes& notes, const Numbers& numbers, const PlatformTable& table, bool from_wos)
    : BooleanWriter(notes, numbers, table), m_from_wos(from_wos)
  {
  }

protected:
  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool /*inner_compound*/) override
  {
    if (title_abstract_keywords(fields)) {
      if (!m_from_wos) { // from Web of Science, title, abstract and keywords were its TS=
        notes().add("title, abstract and keywords searched as TS= (topic), which adds Keywords Plus: widened");
      }
    } else if (std::find(fields.begin(), fields.end(), Std::subject) != fields.end()) {
      notes().add("subject terms searched as Keywords Plus (KP=): Web of Science has no subject headings");
    }
    return ored(codes_of(fields, "TS"), "=(", ")", inner);
  }

  std::optional<Piece> heading(const Node& /*n*/) override { return std::nullopt; }

  std::string near(const Proximity& p) override
  {
    if (p.max_words_between > table().near_max) {
      notes().add(fmt::format("NEAR/{} is over 15, the distance of Web of Science's NEAR alone: check that the "
                              "platform takes it",
                              p.max_words_between));
    }
    return BooleanWriter::near(p);
  }

  std::optional<std::string> date_limit(const Limit& l) override
  {
    auto year = [](const std::string& d) { return d.substr(0, 4); };
    if (l.from.size() > 4 || l.to.size() > 4) {
      notes().add("a date window of months or days written as whole years (PY=): widened");
    }
    return fmt::format("PY=({}-{})", l.from.empty() ? table().date_open_from : year(l.from),
                       l.to.empty() ? table().date_open_to : year(l.to));
  }

private:
  bool m_from_wos;
};

} // namespace

std::unique_ptr<LineWriter> wos_writer(Notes& notes, const Numbers& numbers, bool from_wos)
{
  return std::make_unique<WosWriter>(notes, numbers, platform_table(Syntax::wos), from_wos);
}

} // namespace synth::query::platforms_detail
