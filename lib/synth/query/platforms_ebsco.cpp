// Translation to EBSCOhost syntax (CINAHL, PsycINFO, SocINDEX on EBSCOhost), history
// numbered S1, S2 ... (docs/translate.md for the help pages each rule rests on).
//
//   TI ( "mental illness" ) OR AB ( "mental illness" )   fields: TI AB SU KW AU SO LA PT TX
//   (MH "Schizophrenia+")  (MH "Schizophrenia")  (MM ...)  CINAHL Headings: + explodes
//   DE "Mental Disorders"                                  APA Thesaurus (PsycINFO)
//   a N2 b   a W0 b                                        Nn: at most n words between,
//                                                          any order; Wn: in that order
//   * any characters   ? one character   # zero or one character
//   S1 OR S2   S3 AND LA english   S3 AND DT 1990-2013
#include "synth/query/platforms_boolean.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

class EbscoWriter final : public BooleanWriter
{
public:
  using BooleanWriter::BooleanWriter;

protected:
  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool /*inner_compound*/) override
  {
    if (std::find(fields.begin(), fields.end(), Std::keywords) != fields.end()) {
      notes().add("author keywords written KW ( ... ): check that the EBSCOhost database has the KW field");
    }
    return ored(codes_of(fields), " ( ", " )", inner);
  }

  std::optional<Piece> heading(const Node& n) override
  {
    const auto& h = *n.heading;
    auto name = heading_name(n);
    if (h.vocabulary == Vocabulary::cinahl) {
      if (!h.subheading.empty() || !h.subheading_code.empty()) {
        notes().add(fmt::format("subheading of \"{}\" left out: written as the heading alone, widened", name));
      }
      return Piece{fmt::format("({} \"{}{}\")", h.major ? "MM" : "MH", name, h.explode ? "+" : ""), false};
    }
    if (h.vocabulary == Vocabulary::apa) {
      if (h.explode) {
        notes().add(fmt::format("APA Thesaurus heading \"{}\": EBSCOhost explodes DE from the thesaurus screen, not "
                                "in the line: written without explosion, narrowed",
                                name));
      }
      return Piece{fmt::format("DE \"{}\"", name), false};
    }
    return std::nullopt;
  }

  std::optional<std::string> date_limit(const Limit& l) override
  {
    return fmt::format("DT {}-{}", l.from.empty() ? table().date_open_from : l.from,
                       l.to.empty() ? table().date_open_to : l.to);
  }
};

} // namespace

std::unique_ptr<LineWriter> ebsco_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<EbscoWriter>(notes, numbers, platform_table(Syntax::ebsco));
}

} // namespace synth::query::platforms_detail
