// Translation to PubMed syntax (platforms.hpp).
#include "synth/core/error.hpp"
#include "synth/query/platforms_detail.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

using F = Field;

constexpr std::size_t k_max_pairs = 64; // proximity alternatives written out pair by pair

class PubMedWriter final : public LineWriter
{
public:
  PubMedWriter(Notes& notes, const Numbers& numbers) : m_notes(notes), m_numbers(numbers) {}

  std::string write_line(const Node& n) override { return write(n); }

  std::string write(const Node& n)
  {
    switch (n.kind) {
    case Node::Kind::term:
      if (n.tag_info != nullptr) {
        return render(n); // already PubMed's
      }
      return is_heading(n) ? heading(n) : free(n, nullptr);
    case Node::Kind::date_range:
      return render(n);
    case Node::Kind::group:
      return n.limits.empty() ? "(" + write(*n.children[0]) + ")" : limit(n);
    case Node::Kind::reference:
      return fmt::format("#{}", number(n.reference));
    case Node::Kind::chain:
      if (std::any_of(n.ops.begin(), n.ops.end(), [](const Operator& o) { return o.near.has_value(); })) {
        return near(n);
      }
      std::string out = write(*n.children[0]);
      for (std::size_t i = 0; i < n.ops.size(); ++i) {
        const auto& o = n.ops[i];
        out += o.implicit ? " " : o.op == Op::op_and ? " AND " : o.op == Op::op_or ? " OR " : " NOT ";
        out += write(*n.children[i + 1]);
      }
      return out;
    }
    return {};
  }

private:
  int number(int n) const
  {
    auto it = m_numbers.find(n);
    return it == m_numbers.end() ? n : it->second;
  }

  std::string heading(const Node& n)
  {
    const auto& h = *n.heading;
    auto name = heading_name(n);
    if (h.vocabulary != Vocabulary::mesh) {
      m_notes.add(fmt::format("{} heading \"{}\" has no mapping table in synth: kept as the phrase \"{}\"[tiab] "
                              "(title, abstract, keywords), not a heading",
                              vocabulary_name(h.vocabulary), name, name));
      return in_quotes(name) + "[tiab]";
    }
    std::string text = name;
    if (!h.subheading.empty()) {
      text += "/" + h.subheading;
    } else if (!h.subheading_code.empty()) {
      m_notes.add(
        fmt::format("subheading /{} of \"{}\" is not in synth's table: kept as written", h.subheading_code, name));
      text += "/" + h.subheading_code;
    }
    std::string tag = h.major ? "majr" : "mh";
    if (!h.explode) {
      tag += ":noexp";
    }
    return in_quotes(text) + "[" + tag + "]";
  }

  // The tags that search `fields`, with a note for each field they widen or narrow.
  std::vector<std::string> tags(const FieldSet& fields)
  {
    std::vector<std::string> out;
    if (fields == fields_of("mp")) {
      m_notes.add("[tw] stands in for Ovid's .mp.: PubMed's text words (title, abstract, MeSH terms, substances, other "
                  "terms ...), not the original title nor the unique identifier");
      return {"tw"};
    }
    bool ti = fields.has(F::title);
    bool ab = fields.has(F::abstract);
    bool kw = fields.has(F::keywords);
    if (ti && !ab && !kw) {
      out.emplace_back("ti");
    } else if (kw && !ti && !ab) {
      out.emplace_back("ot"); // PubMed's other terms: the author keywords
    } else if (ti || ab || kw) {
      out.emplace_back("tiab");
      std::vector<std::string> extra;
      if (!ti) {
        extra.emplace_back("titles");
      }
      if (!ab) {
        extra.emplace_back("abstracts");
      }
      if (!kw) {
        extra.emplace_back("author keywords");
      }
      if (!extra.empty()) {
        m_notes.add(fmt::format("[tiab] also searches {}: widened{}", util::join(extra, " and "),
                                ti ? "" : " (PubMed cannot search the abstract alone)"));
      }
    }
    struct One
    {
      Field field;
      const char* tag;
    };
    static const One ones[] = {
      {F::transliterated_title, "tt"}, {F::substance, "nm"},        {F::heading, "mh:noexp"},
      {F::subheading, "sh:noexp"},     {F::publication_type, "pt"}, {F::author, "au"},
      {F::affiliation, "ad"},          {F::journal, "ta"},          {F::language, "la"},
      {F::date_entry, "edat"},         {F::date_publication, "dp"}, {F::record_identifier, "pmid"},
      {F::all_fields, "all"},
    };
    for (const auto& o : ones) {
      if (fields.has(o.field) && std::find(out.begin(), out.end(), o.tag) == out.end()) {
        out.emplace_back(o.tag);
      }
    }
    if (fields.has(F::heading_word)) {
      m_notes.add("Ovid's heading words (.hw.) written [mh] (whole MeSH headings): narrowed");
      out.emplace_back("mh");
    }
    if (out.empty()) {
      m_notes.add("a field synth cannot write for PubMed: [tw] stands in");
      out.emplace_back("tw");
    }
    return out;
  }

  // The term's text with PubMed's wildcards.
  std::string text(const Node& n, const std::vector<Wildcard>& wildcards)
  {
    std::string out;
    std::size_t k = 0;
    for (char c : n.text) {
      if (c == '*' || c == '?' || c == '#') {
        Wildcard w = k < wildcards.size() ? wildcards[k] : Wildcard{};
        ++k;
        if (c == '*' && w.max_characters > 0) {
          m_notes.add(fmt::format("'{}': Ovid's limited truncation (at most {} characters) written * (any number): "
                                  "widened",
                                  n.text, w.max_characters));
        } else if (c == '?') {
          m_notes.add(
            fmt::format("'{}': Ovid's ? (zero or one character) written * (PubMed has no ?): widened", n.text));
        } else if (c == '#') {
          m_notes.add(
            fmt::format("'{}': Ovid's # (exactly one character) written * (PubMed has no #): widened", n.text));
        }
        out += '*';
      } else if (c == '[' || c == ']') {
        m_notes.add(fmt::format("\"{}\": PubMed reads [ ] as a field tag: the brackets written as spaces", n.text));
        out += ' ';
      } else {
        out += c;
      }
    }
    out = util::collapse_space(out);
    return out;
  }

  // A free-text term (or the phrase built from several, `phrase` set).
  std::string free(const Node& n, const std::vector<Wildcard>* wildcards)
  {
    auto t = text(n, wildcards != nullptr ? *wildcards : n.wildcards);
    if (n.fields.empty() && n.tag.empty()) {
      // An untagged PubMed term stays untagged: PubMed maps it as it did (automatic term
      // mapping); a tag would switch the mapping off and change what is searched.
      return n.is_phrase ? in_quotes(t) : t;
    }
    auto list = tags(n.fields);
    std::vector<std::string> out;
    for (const auto& tag : list) {
      std::string value = t;
      if (tag == "edat" || tag == "dp") {
        // 2012* on a date field: the year 2012
        if (value.size() == 5 && value.back() == '*'
            && std::all_of(value.begin(), value.end() - 1, [](char c) { return c >= '0' && c <= '9'; })) {
          value.pop_back();
        }
        out.push_back(value + "[" + tag + "]");
        continue;
      }
      if (tag == "sh:noexp") {
        if (auto name = subheading_name(value); !name.empty()) {
          value = std::string(name);
        }
      }
      bool quote = n.is_phrase || value.find(' ') != std::string::npos;
      out.push_back((quote ? in_quotes(value) : value) + "[" + tag + "]");
    }
    return out.size() == 1 ? out.front() : "(" + util::join(out, " OR ") + ")";
  }

  // The terms an operand of a proximity ORs together; false when it holds anything else.
  static bool alternatives(const Node& n, std::vector<const Node*>& out)
  {
    switch (n.kind) {
    case Node::Kind::term:
      if (n.heading || n.tag_info != nullptr) {
        return false;
      }
      out.push_back(&n);
      return true;
    case Node::Kind::group:
      return alternatives(*n.children[0], out);
    case Node::Kind::chain:
      for (const auto& o : n.ops) {
        if (o.op != Op::op_or || o.near) {
          return false;
        }
      }
      for (const auto& c : n.children) {
        if (!alternatives(*c, out)) {
          return false;
        }
      }
      return true;
    default:
      return false;
    }
  }

  std::string near(const Node& n)
  {
    std::vector<std::vector<const Node*>> alts(n.children.size());
    bool simple = true;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      simple = simple && alternatives(*n.children[i], alts[i]);
    }
    bool plain_adj = std::all_of(n.ops.begin(), n.ops.end(), [](const Operator& o) {
      return o.near && o.near->ordered && o.near->max_words_between == 0;
    });
    std::size_t product = 1;
    bool same_fields = simple;
    bool wildcards = false;
    bool single_words = true;
    if (simple) {
      for (const auto& a : alts) {
        product *= a.size();
        for (const Node* t : a) {
          same_fields = same_fields && t->fields == alts[0][0]->fields;
          wildcards = wildcards || !t->wildcards.empty();
          single_words = single_words && t->text.find(' ') == std::string::npos;
        }
      }
    }
    std::string why;
    if (!simple) {
      why = "an operand is not a word or an OR of words";
    } else if (!same_fields) {
      why = "its words search different fields";
    } else if (product > k_max_pairs) {
      why = fmt::format("{} combinations of its words, more than synth writes out ({})", product, k_max_pairs);
    }
    if (why.empty() && plain_adj) {
      // Ovid's adj: next to each other, in that order: PubMed's phrase, exactly
      return combinations(alts, [&](const std::vector<const Node*>& pick) {
        Node phrase = *pick[0];
        std::vector<Wildcard> wc;
        std::string joined;
        for (const Node* t : pick) {
          joined += (joined.empty() ? "" : " ") + t->text;
          wc.insert(wc.end(), t->wildcards.begin(), t->wildcards.end());
        }
        phrase.text = joined;
        phrase.is_phrase = true;
        return free(phrase, &wc);
      });
    }
    if (why.empty()) {
      auto list = tags(alts[0][0]->fields);
      bool proximity_field = list.size() == 1 && (list[0] == "ti" || list[0] == "tiab");
      bool ordered =
        std::any_of(n.ops.begin(), n.ops.end(), [](const Operator& o) { return o.near && o.near->ordered; });
      if (n.children.size() != 2) {
        why = "PubMed's proximity has no chain of three operands";
      } else if (!proximity_field) {
        why = fmt::format("PubMed has proximity on [ti] and [tiab] only, not [{}]", util::join(list, "], ["));
      } else if (wildcards) {
        why = "PubMed's proximity takes no wildcards";
      } else if (!single_words) {
        why = "an operand is a phrase";
      } else if (ordered) {
        why = "PubMed's proximity has no order";
      } else {
        int between = n.ops[0].near->max_words_between;
        return combinations(alts, [&](const std::vector<const Node*>& pick) {
          return in_quotes(pick[0]->text + " " + pick[1]->text) + fmt::format("[{}:~{}]", list[0], between);
        });
      }
    }
    m_notes.add(fmt::format("proximity ({}) written as AND: widened ({})", describe(n), why));
    std::string out = write(*n.children[0]);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      out += " AND " + write(*n.children[i]);
    }
    return out;
  }

  template <typename Fn>
  static std::string combinations(const std::vector<std::vector<const Node*>>& alts, const Fn& fn)
  {
    std::vector<std::string> out;
    std::vector<std::size_t> index(alts.size(), 0);
    for (;;) {
      std::vector<const Node*> pick;
      for (std::size_t i = 0; i < alts.size(); ++i) {
        pick.push_back(alts[i][index[i]]);
      }
      out.push_back(fn(pick));
      std::size_t i = alts.size();
      while (i > 0) {
        --i;
        if (++index[i] < alts[i].size()) {
          break;
        }
        index[i] = 0;
        if (i == 0) {
          return out.size() == 1 ? out.front() : "(" + util::join(out, " OR ") + ")";
        }
      }
    }
  }

  static std::string describe(const Node& n)
  {
    std::string out;
    for (std::size_t i = 0; i < n.ops.size(); ++i) {
      const auto& p = *n.ops[i].near;
      out +=
        (i == 0 ? "" : ", ")
        + (p.ordered && p.max_words_between == 0 ? std::string("adj") : fmt::format("adj{}", p.max_words_between + 1));
    }
    return out;
  }

  std::string limit(const Node& n)
  {
    std::string out = write(*n.children[0]);
    for (const auto& l : n.limits) {
      switch (l.kind) {
      case Limit::Kind::language: {
        std::vector<std::string> langs;
        for (const auto& lang : l.languages) {
          langs.push_back(lang + "[la]");
        }
        out += " AND " + (langs.size() == 1 ? langs.front() : "(" + util::join(langs, " OR ") + ")");
        break;
      }
      case Limit::Kind::publication_date:
        out +=
          fmt::format(" AND (\"{}\"[dp] : \"{}\"[dp])", l.from.empty() ? "1000" : l.from, l.to.empty() ? "3000" : l.to);
        break;
      case Limit::Kind::other:
        if (l.text == "humans" || l.text == "animals") {
          out += " AND " + l.text + "[mh]";
        } else if (l.text == "reviews (maximizes specificity)") {
          m_notes.add("Ovid's clinical-queries limit \"reviews (maximizes specificity)\" written out as its published "
                      "terms (Haynes and others, 2005): MEDLINE.tw. or systematic review.tw. or meta-analysis.pt.");
          out += " AND (medline[tiab] OR \"systematic review\"[tiab] OR meta-analysis[pt])";
        } else {
          m_notes.add(
            fmt::format("limit to \"{}\" has no PubMed equivalent in synth's table: left out, widened", l.text));
        }
        break;
      }
    }
    return out;
  }

  Notes& m_notes;
  const Numbers& m_numbers;
};

} // namespace

std::unique_ptr<LineWriter> pubmed_writer(Notes& notes, const Numbers& numbers)
{
  return std::make_unique<PubMedWriter>(notes, numbers);
}

} // namespace synth::query::platforms_detail
