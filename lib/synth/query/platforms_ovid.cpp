// Translation to Ovid syntax (platforms.hpp).
#include "synth/core/error.hpp"
#include "synth/query/platforms_detail.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

using F = Field;

class OvidWriter final : public LineWriter
{
public:
  OvidWriter(Notes& notes, const Numbers& numbers, Vocabulary vocabulary)
    : m_notes(notes), m_numbers(numbers), m_vocabulary(vocabulary)
  {
  }

  // One line of the history: `or/1-4` only at the top of a line.
  std::string write_line(const Node& n) override
  {
    m_root = &n;
    return write(n);
  }

  std::string write(const Node& n, bool fields_outside = false)
  {
    switch (n.kind) {
    case Node::Kind::term:
      if (n.tag_info != nullptr && n.tag_info->kind == TagKind::subheading) {
        // PubMed's "therapy"[sh]: Ovid's floating subheading th.fs.
        auto code = subheading_code(n.text);
        if (code.empty()) {
          m_notes.add(fmt::format("subheading \"{}\" has no Ovid code in synth's table: written as its name", n.text));
        }
        if (n.heading && n.heading->explode) {
          m_notes.add(fmt::format("\"{}\"[sh]: Ovid's .fs. does not explode subheadings: narrowed", n.text));
        }
        return (code.empty() ? in_quotes(n.text) : std::string(code)) + ".fs.";
      }
      return is_heading(n) ? heading(n) : free(n, fields_outside);
    case Node::Kind::date_range:
      throw Error(fmt::format("cannot write the date range `{}` in an Ovid search line: give it as date-from and "
                              "date-to in the header",
                              render(n)));
    case Node::Kind::group: {
      if (!n.limits.empty()) {
        return limit(n);
      }
      if (n.children[0]->kind == Node::Kind::term) {
        return write(*n.children[0], fields_outside); // (stigma*) is stigma$.ti,ab., not (stigma$).ti,ab.
      }
      auto common = common_fields(*n.children[0]);
      if (common && !fields_outside) {
        return "(" + write(*n.children[0], true) + ")" + suffix(*common);
      }
      return "(" + write(*n.children[0], fields_outside) + ")";
    }
    case Node::Kind::reference:
      return std::to_string(number(n.reference));
    case Node::Kind::chain:
      return chain(n, fields_outside);
    }
    return {};
  }

private:
  int number(int n) const
  {
    auto it = m_numbers.find(n);
    return it == m_numbers.end() ? n : it->second;
  }

  // `#3 AND english[la] AND ("2005"[dp] : "3000"[dp])` of PubMed: Ovid's limit line.
  std::optional<std::vector<Limit>> as_limits(const Node& n) const
  {
    if (n.children.empty() || n.children[0]->kind != Node::Kind::reference) {
      return std::nullopt;
    }
    std::vector<Limit> out;
    for (std::size_t i = 0; i < n.ops.size(); ++i) {
      const auto& o = n.ops[i];
      const Node* c = n.children[i + 1].get();
      while (c->kind == Node::Kind::group) {
        c = c->children[0].get();
      }
      if (o.op != Op::op_and || o.near || o.implicit) {
        return std::nullopt;
      }
      Limit l;
      auto tag = std::string(tag_name(*c));
      if (c->kind == Node::Kind::term && tag == "la") {
        l.kind = Limit::Kind::language;
        l.languages.push_back(util::to_lower(c->text));
      } else if (c->kind == Node::Kind::date_range && tag == "dp" && !c->compact) {
        l.kind = Limit::Kind::publication_date;
        l.from = c->children[0]->text == "1000" ? "" : c->children[0]->text;
        l.to = c->children[1]->text == "3000" ? "" : c->children[1]->text;
        if (l.from.size() != 4 || !(l.to.empty() || l.to.size() == 4)) {
          return std::nullopt;
        }
      } else if (c->kind == Node::Kind::term && tag == "mh" && c->heading && c->heading->explode
                 && (util::iequals(c->text, "humans") || util::iequals(c->text, "animals"))) {
        l.kind = Limit::Kind::other;
        l.text = util::to_lower(c->text);
      } else {
        return std::nullopt;
      }
      out.push_back(l);
    }
    return out;
  }

  std::string chain(const Node& n, bool fields_outside)
  {
    if (auto limits = as_limits(n)) {
      Node limit;
      limit.kind = Node::Kind::group;
      limit.children = {n.children[0]};
      limit.limits = *limits;
      return this->limit(limit);
    }
    bool refs = std::all_of(n.children.begin(), n.children.end(),
                            [](const NodePtr& c) { return c->kind == Node::Kind::reference; });
    bool uniform = std::all_of(n.ops.begin(), n.ops.end(), [&](const Operator& o) {
      return !o.near && !o.implicit && o.op == n.ops[0].op && o.op != Op::op_not;
    });
    if (refs && uniform && n.children.size() >= 3 && &n == m_root) {
      // or/1-4,7
      std::vector<std::string> parts;
      std::size_t i = 0;
      while (i < n.children.size()) {
        int from = number(n.children[i]->reference);
        std::size_t j = i;
        while (j + 1 < n.children.size()
               && number(n.children[j + 1]->reference) == number(n.children[j]->reference) + 1) {
          ++j;
        }
        int to = number(n.children[j]->reference);
        parts.push_back(j > i ? fmt::format("{}-{}", from, to) : std::to_string(from));
        i = j + 1;
      }
      return (n.ops[0].op == Op::op_or ? "or/" : "and/") + util::join(parts, ",");
    }
    std::string out = write(*n.children[0], fields_outside);
    for (std::size_t i = 0; i < n.ops.size(); ++i) {
      const auto& o = n.ops[i];
      if (o.near) {
        if (o.near->ordered && o.near->max_words_between == 0) {
          out += " adj ";
        } else {
          if (o.near->ordered) {
            m_notes.add("an ordered proximity written adjN (any order): widened");
          }
          out += fmt::format(" adj{} ", o.near->max_words_between + 1);
        }
      } else {
        out += o.op == Op::op_and ? " and " : o.op == Op::op_or ? " or " : " not ";
      }
      out += write(*n.children[i + 1], fields_outside);
    }
    return out;
  }

  // The fields every term of the expression searches, when they are the same (headings,
  // references and limits stop it).
  static std::optional<FieldSet> common_fields(const Node& n)
  {
    std::optional<FieldSet> out;
    bool ok = true;
    walk(n, out, ok);
    if (!ok || !out || out->empty()) {
      return std::nullopt;
    }
    return out;
  }

  static void walk(const Node& n, std::optional<FieldSet>& out, bool& ok)
  {
    if (!ok) {
      return;
    }
    switch (n.kind) {
    case Node::Kind::term:
      if (n.heading || n.proximity || (out && !(*out == n.fields))) {
        ok = false;
      }
      out = n.fields;
      return;
    case Node::Kind::group:
    case Node::Kind::chain:
      for (const auto& c : n.children) {
        walk(*c, out, ok);
      }
      return;
    default:
      ok = false;
    }
  }

  std::string suffix(const FieldSet& fields)
  {
    if (fields.empty()) {
      m_notes.add("an untagged PubMed term (automatic term mapping) written .mp.");
      return ".mp.";
    }
    if (fields == fields_of("mp")) {
      return ".mp.";
    }
    static const char* const order[] = {"ti", "ab", "kf", "ot", "nm", "hw", "ui", "sh", "fs",
                                        "pt", "au", "in", "jn", "la", "ed", "yr", "af"};
    std::vector<std::string> codes;
    FieldSet covered;
    for (const char* code : order) {
      auto f = fields_of(code);
      bool inside = f.subset_of(fields);
      if (inside && !f.subset_of(covered)) {
        codes.emplace_back(code);
        for (int b = 0; b < 64; ++b) {
          if (f.has(static_cast<Field>(b))) {
            covered.add(static_cast<Field>(b));
          }
        }
      }
    }
    if (fields.has(F::text_words)) {
      m_notes.add("PubMed's [tw] written .mp. (Ovid's multi-purpose fields): not the same fields");
      codes.emplace_back("mp");
    }
    if (!fields.subset_of(covered) && !fields.has(F::text_words)) {
      m_notes.add("a field with no Ovid code in synth's table: .mp. stands in");
      codes.emplace_back("mp");
    }
    return "." + util::join(codes, ",") + ".";
  }

  std::string text(const Node& n)
  {
    std::string out;
    std::size_t k = 0;
    bool pubmed = n.tag_info != nullptr;
    for (char c : n.text) {
      if (c == '*') {
        Wildcard w = k < n.wildcards.size() ? n.wildcards[k] : Wildcard{};
        ++k;
        out += w.max_characters > 0 ? fmt::format("${}", w.max_characters) : "$";
      } else if ((c == '?' || c == '#') && !pubmed) {
        ++k;
        out += c;
      } else if ((c == '?' || c == '#' || c == '$') && pubmed) {
        m_notes.add(
          fmt::format("'{}': '{}' is a wildcard in Ovid, a character in PubMed: written as it is", n.text, c));
        out += c;
      } else {
        out += c;
      }
    }
    return out;
  }

  std::string free(const Node& n, bool fields_outside)
  {
    auto t = text(n);
    if (n.tag_info != nullptr && n.tag_info->tag == Tag::edat && t.size() == 4
        && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      t += '$'; // Ovid's entry date is yyyymmdd: the year truncated
    }
    std::string out;
    if (n.proximity) {
      auto words = util::split(t, ' ');
      std::vector<std::string> parts;
      for (auto w : words) {
        if (!w.empty()) {
          parts.emplace_back(w);
        }
      }
      out = util::join(parts, fmt::format(" adj{} ", n.proximity->max_words_between + 1));
      if (parts.size() > 1) {
        out = "(" + out + ")"; // one word ("eHealth"[tiab:~5]) needs no parentheses
      }
      if (parts.size() > 2) {
        m_notes.add(fmt::format("\"{}\"[{}] (all words near each other) written as a chain of adj{}", n.text, n.tag,
                                n.proximity->max_words_between + 1));
      }
    } else {
      out = n.is_phrase ? in_quotes(t) : t;
    }
    if (fields_outside) {
      return out;
    }
    return out + suffix(n.fields);
  }

  std::string heading(const Node& n)
  {
    const auto& h = *n.heading;
    auto name = heading_name(n);
    if (h.vocabulary != m_vocabulary) {
      // Ovid reads `exp X/` in the thesaurus of the database it runs on
      m_notes.add(fmt::format("{} heading \"{}\": the Ovid database of this history ({}) has another thesaurus and "
                              "synth has no mapping table: kept as the phrase \"{}\".ti,ab,kf., not a heading",
                              vocabulary_name(h.vocabulary), name, vocabulary_name(m_vocabulary), name));
      return in_quotes(name) + ".ti,ab,kf.";
    }
    bool quote = false;
    for (auto w : util::split(name, ' ')) {
      auto lower = util::to_lower(w);
      quote = quote || lower == "and" || lower == "or" || lower == "not" || lower.rfind("adj", 0) == 0;
    }
    std::string out = h.explode ? "exp " : "";
    out += h.major ? "*" : "";
    out += quote ? in_quotes(name) : name;
    out += "/";
    if (!h.subheading.empty() || !h.subheading_code.empty()) {
      std::string code = h.subheading_code.empty() ? std::string(subheading_code(h.subheading)) : h.subheading_code;
      if (code.empty()) {
        m_notes.add(fmt::format("subheading \"{}\" has no Ovid code in synth's table: the heading written without it, "
                                "widened",
                                h.subheading));
      }
      out += code;
    }
    return out;
  }

  std::string limit(const Node& n)
  {
    if (n.children.empty() || n.children[0]->kind != Node::Kind::reference) {
      // EBSCOhost's `TI stigma AND DT 1990-2013`: Ovid limits a line, not a term
      throw Error(fmt::format("cannot write the limit on `{}` in an Ovid search line: Ovid's `limit N to ...` limits a "
                              "whole line; put the search on a line of its own and limit that line",
                              n.children.empty() ? std::string() : render(*n.children[0])));
    }
    std::vector<std::string> parts;
    for (const auto& l : n.limits) {
      switch (l.kind) {
      case Limit::Kind::language:
        for (const auto& lang : l.languages) {
          parts.push_back(lang + " language");
        }
        break;
      case Limit::Kind::publication_date:
        parts.push_back(fmt::format("yr=\"{} -{}\"", l.from, l.to.empty() ? "Current" : " " + l.to));
        break;
      case Limit::Kind::other:
        parts.push_back(l.text.find(' ') == std::string::npos ? l.text : in_quotes(l.text));
        break;
      }
    }
    auto spec = util::join(parts, " and ");
    return fmt::format("limit {} to {}", number(n.children[0]->reference), parts.size() > 1 ? "(" + spec + ")" : spec);
  }

  Notes& m_notes;
  const Numbers& m_numbers;
  Vocabulary m_vocabulary;
  const Node* m_root = nullptr;
};

} // namespace

std::unique_ptr<LineWriter> ovid_writer(Notes& notes, const Numbers& numbers, Vocabulary vocabulary)
{
  return std::make_unique<OvidWriter>(notes, numbers, vocabulary);
}

} // namespace synth::query::platforms_detail
