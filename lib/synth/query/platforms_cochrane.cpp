// Translation to the Cochrane Library's search manager syntax, history numbered #1, #2 ...
// (docs/translate.md).
//
//   "mental illness":ti,ab   (a OR b):ti,ab,kw     fields: ti ab kw au so pt; none: all text
//   [mh "Schizophrenia"]  [mh ^"Schizophrenia"]    MeSH exploded / this term only
//   a NEAR/2 b   a NEXT b                          NEAR/n: at most n words between, any
//                                                  order; NEXT: next to each other, in order
//   * any characters   ? one character
//   #1 OR #2
// Language and date limits are set in the search manager's limits, not in a line.
#include "synth/query/platforms_boolean.hpp"

#include <fmt/format.h>

namespace synth::query::platforms_detail {

namespace {

class CochraneWriter final : public BooleanWriter
{
public:
  using BooleanWriter::BooleanWriter;

protected:
  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool inner_compound) override
  {
    for (auto f : fields) {
      if (f == Std::all) {
        return {inner, inner_compound};
      }
      if (f == Std::language) {
        notes().add("the Cochrane Library has no language field: the language term searched in all text");
        return {inner, inner_compound};
      }
      if (f == Std::subject) {
        notes().add("subject terms searched as keywords (:kw), which hold the MeSH and Emtree terms of CENTRAL's "
                    "records");
      }
    }
    return {(inner_compound ? "(" + inner + ")" : inner) + ":" + util::join(codes_of(fields), ","), false};
  }

  std::optional<Piece> heading(const Node& n) override
  {
    const auto& h = *n.heading;
    if (h.vocabulary != Vocabulary::mesh) {
      return std::nullopt;
    }
    auto name = heading_name(n);
    if (h.major) {
      notes().add(fmt::format("major topic of \"{}\": the Cochrane Library has no major-topic search, written as the "
                              "heading, widened",
                              name));
    }
    if (!h.subheading.empty() || !h.subheading_code.empty()) {
      notes().add(fmt::format("subheading of \"{}\" left out: written as the heading alone, widened", name));
    }
    return Piece{fmt::format("[mh {}\"{}\"]", h.explode ? "" : "^", name), false};
  }

  std::optional<std::string> date_limit(const Limit& /*l*/) override
  {
    notes().add("the date limit left out of the line: set it with the search manager's limits (publication year)");
    return std::nullopt;
  }
};

} // namespace

std::unique_ptr<LineWriter> cochrane_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<CochraneWriter>(notes, numbers, platform_table(Syntax::cochrane));
}

} // namespace synth::query::platforms_detail
