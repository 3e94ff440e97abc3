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

constexpr int k_wos_near_max = 15; // the distance of NEAR alone, the help page's example maximum

class WosWriter final : public BooleanWriter
{
public:
  using BooleanWriter::BooleanWriter;

protected:
  std::string platform() const override { return "Web of Science"; }

  Piece fielded(const std::vector<Std>& fields, const std::string& inner, bool /*inner_compound*/) override
  {
    std::vector<std::string> codes;
    bool ti = false;
    bool ab = false;
    bool kw = false;
    for (auto f : fields) {
      ti = ti || f == Std::title;
      ab = ab || f == Std::abstract;
      kw = kw || f == Std::keywords || f == Std::subject;
    }
    if (ti && ab && kw) {
      notes().add("title, abstract and keywords searched as TS= (topic), which adds Keywords Plus: widened");
      codes.emplace_back("TS");
    }
    for (auto f : fields) {
      if (ti && ab && kw && (f == Std::title || f == Std::abstract || f == Std::keywords || f == Std::subject)) {
        continue;
      }
      std::string code = code_of(f);
      if (f == Std::subject) {
        notes().add("subject terms searched as Keywords Plus (KP=): Web of Science has no subject headings");
      }
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
        codes.push_back(code);
      }
    }
    std::vector<std::string> parts;
    for (const auto& c : codes) {
      parts.push_back(c + "=(" + inner + ")");
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
      return "AK";
    case Std::subject:
      return "KP";
    case Std::author:
      return "AU";
    case Std::journal:
      return "SO";
    case Std::language:
      return "LA";
    case Std::publication_type:
      return "DT";
    case Std::all:
      return "ALL";
    }
    return "ALL";
  }

  std::optional<Piece> heading(const Node& /*n*/) override { return std::nullopt; }

  std::string near(const Proximity& p) override
  {
    if (p.ordered && p.max_words_between == 0) {
      notes().add("words next to each other in that order written NEAR/0 (either order): Web of Science has no "
                  "ordered proximity, widened");
    } else if (p.ordered) {
      notes().add(fmt::format("an ordered proximity written NEAR/{} (either order): Web of Science has no ordered "
                              "proximity, widened",
                              p.max_words_between));
    }
    if (p.max_words_between > k_wos_near_max) {
      notes().add(fmt::format("NEAR/{} is over 15, the distance of Web of Science's NEAR alone: check that the "
                              "platform takes it",
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
      return "$";
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
        parts.push_back(lang);
      }
      return "LA=(" + util::join(parts, " OR ") + ")";
    }
    case Limit::Kind::publication_date: {
      auto year = [](const std::string& d) { return d.substr(0, 4); };
      if (l.from.size() > 4 || l.to.size() > 4) {
        notes().add("a date window of months or days written as whole years (PY=): widened");
      }
      return fmt::format("PY=({}-{})", l.from.empty() ? "1900" : year(l.from), l.to.empty() ? "2100" : year(l.to));
    }
    case Limit::Kind::other:
      notes().add(
        fmt::format("limit to \"{}\" has no Web of Science field in synth's table: left out, widened", l.text));
      return std::nullopt;
    }
    return std::nullopt;
  }
};

} // namespace

std::unique_ptr<LineWriter> wos_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<WosWriter>(notes, numbers);
}

} // namespace synth::query::platforms_detail
