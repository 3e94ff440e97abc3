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
  std::string platform() const override { return "EBSCOhost"; }

  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool /*inner_compound*/) override
  {
    std::vector<std::string> codes;
    for (auto f : fields) {
      std::string code = code_of(f);
      if (f == Std::keywords) {
        notes().add("author keywords written KW ( ... ): check that the EBSCOhost database has the KW field");
      }
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
        codes.push_back(code);
      }
    }
    std::vector<std::string> parts;
    for (const auto& c : codes) {
      parts.push_back(c + " ( " + inner + " )");
    }
    return {util::join(parts, " OR "), parts.size() > 1, "OR"};
  }

  static std::string code_of(Std f)
  {
    switch (f) {
    case Std::title:
      return "TI";
    case Std::abstract:
      return "AB";
    case Std::keywords:
      return "KW";
    case Std::subject:
      return "SU";
    case Std::author:
      return "AU";
    case Std::journal:
      return "SO";
    case Std::language:
      return "LA";
    case Std::publication_type:
      return "PT";
    case Std::all:
      return "TX";
    }
    return "TX";
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

  std::string near(const Proximity& p) override
  {
    return fmt::format("{}{}", p.ordered ? "W" : "N", p.max_words_between);
  }

  std::string op_word(Op op) const override { return op == Op::op_and ? "AND" : op == Op::op_or ? "OR" : "NOT"; }

  std::string wildcard(const Wildcard& w, const std::string& term) override
  {
    switch (w.kind) {
    case Wildcard::Kind::one_character:
      return "?";
    case Wildcard::Kind::optional_character:
      return "#";
    case Wildcard::Kind::any_characters:
      if (w.max_characters > 0) {
        notes().add(fmt::format("'{}': limited truncation (at most {} characters) written * (any number): widened",
                                term, w.max_characters));
      }
      return "*";
    }
    return "*";
  }

  std::optional<std::string> limit(const Limit& l) override
  {
    switch (l.kind) {
    case Limit::Kind::language: {
      std::vector<std::string> parts;
      for (const auto& lang : l.languages) {
        parts.push_back("LA " + lang);
      }
      return parts.size() == 1 ? parts.front() : "(" + util::join(parts, " OR ") + ")";
    }
    case Limit::Kind::publication_date:
      return fmt::format("DT {}-{}", l.from.empty() ? "1000" : l.from, l.to.empty() ? "9999" : l.to);
    case Limit::Kind::other:
      notes().add(fmt::format("limit to \"{}\" has no EBSCOhost field in synth's table: left out, widened (set it "
                              "with EBSCOhost's limiters)",
                              l.text));
      return std::nullopt;
    }
    return std::nullopt;
  }

  Piece reference(int n, const Node& /*line*/) override { return {fmt::format("S{}", n), false}; }
};

} // namespace

std::unique_ptr<LineWriter> ebsco_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<EbscoWriter>(notes, numbers);
}

} // namespace synth::query::platforms_detail
