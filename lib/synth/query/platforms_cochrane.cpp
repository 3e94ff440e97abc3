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

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

class CochraneWriter final : public BooleanWriter
{
public:
  using BooleanWriter::BooleanWriter;

protected:
  std::string platform() const override { return "the Cochrane Library"; }

  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool inner_compound) override
  {
    std::vector<std::string> codes;
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
      std::string code = code_of(f);
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
        codes.push_back(code);
      }
    }
    return {(inner_compound ? "(" + inner + ")" : inner) + ":" + util::join(codes, ","), false};
  }

  static std::string code_of(Std f)
  {
    switch (f) {
    case Std::title:
      return "ti";
    case Std::abstract:
      return "ab";
    case Std::keywords:
    case Std::subject:
      return "kw";
    case Std::author:
      return "au";
    case Std::journal:
      return "so";
    case Std::publication_type:
      return "pt";
    case Std::language:
    case Std::all:
      return "";
    }
    return "";
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

  std::string near(const Proximity& p) override
  {
    if (p.ordered && p.max_words_between == 0) {
      return "NEXT";
    }
    if (p.ordered) {
      notes().add(fmt::format("an ordered proximity written NEAR/{} (either order): the Cochrane Library orders only "
                              "NEXT, widened",
                              p.max_words_between));
    }
    return fmt::format("NEAR/{}", p.max_words_between);
  }

  std::string op_word(Op op) const override { return op == Op::op_and ? "AND" : op == Op::op_or ? "OR" : "NOT"; }

  std::string wildcard(const Wildcard& w, const std::string& term) override
  {
    switch (w.kind) {
    case Wildcard::Kind::one_character:
      return "?";
    case Wildcard::Kind::optional_character:
      notes().add(fmt::format(
        "'{}': the Cochrane Library has no zero-or-one-character wildcard: written * (any number), widened", term));
      return "*";
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
    case Limit::Kind::language:
      notes().add("the language limit left out: the Cochrane Library has no language field, widened");
      return std::nullopt;
    case Limit::Kind::publication_date:
      notes().add("the date limit left out of the line: set it with the search manager's limits (publication year)");
      return std::nullopt;
    case Limit::Kind::other:
      notes().add(
        fmt::format("limit to \"{}\" has no Cochrane Library equivalent in synth's table: left out, widened", l.text));
      return std::nullopt;
    }
    return std::nullopt;
  }
};

} // namespace

std::unique_ptr<LineWriter> cochrane_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<CochraneWriter>(notes, numbers);
}

} // namespace synth::query::platforms_detail
