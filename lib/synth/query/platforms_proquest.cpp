// Translation to ProQuest syntax (Sociological Abstracts, Social Services Abstracts and the
// other ProQuest databases), history numbered S1, S2 ... (docs/translate.md).
//
//   TI,AB("mental illness")        fields: TI AB IF SU AU PUB LA DTYPE NOFT, several at once
//   a NEAR/2 b   a PRE/0 b         NEAR/n: at most n words between, any order; PRE/n: the
//                                  first before the second
//   * any characters   [*4] at most 4   ? one character
//   S1 OR S2   S3 AND LA(english)   S3 AND PD(19900101-20131231)
// ProQuest's own thesauri (Sociological Thesaurus, ...) have no mapping from MeSH, CINAHL
// Headings or the APA Thesaurus in synth: headings are kept as phrases.
#include "synth/query/platforms_boolean.hpp"

#include <fmt/format.h>

namespace synth::query::platforms_detail {

namespace {

class ProQuestWriter final : public BooleanWriter
{
public:
  using BooleanWriter::BooleanWriter;

protected:
  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool /*inner_compound*/) override
  {
    return {util::join(codes_of(fields), ",") + "(" + inner + ")", false};
  }

  std::optional<Piece> heading(const Node& /*n*/) override { return std::nullopt; }

  std::optional<std::string> date_limit(const Limit& l) override
  {
    auto day = [](const std::string& d, bool end) {
      std::string digits;
      for (char c : d) {
        if (c >= '0' && c <= '9') {
          digits += c;
        }
      }
      while (digits.size() < 8) {
        digits += end ? (digits.size() == 4   ? "12"
                         : digits.size() == 6 ? "31"
                                              : "9")
                      : (digits.size() == 4   ? "01"
                         : digits.size() == 6 ? "01"
                                              : "0");
      }
      return digits.substr(0, 8);
    };
    return fmt::format("PD({}-{})", day(l.from.empty() ? std::string(table().date_open_from) : l.from, false),
                       day(l.to.empty() ? std::string(table().date_open_to) : l.to, true));
  }
};

} // namespace

std::unique_ptr<LineWriter> proquest_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<ProQuestWriter>(notes, numbers, platform_table(Syntax::proquest));
}

} // namespace synth::query::platforms_detail
