#include "synth/query/platforms.hpp"

#include "synth/core/error.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace synth::query {

namespace {

using F = Field;

constexpr std::size_t k_max_pairs = 64; // proximity alternatives written out pair by pair

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

FieldSet fields_of(std::string_view code) { return *ovid_field(code); }

std::string vocabulary_name(Vocabulary v)
{
  switch (v) {
  case Vocabulary::mesh:
    return "MeSH";
  case Vocabulary::emtree:
    return "Emtree";
  case Vocabulary::cinahl:
    return "CINAHL Headings";
  case Vocabulary::apa:
    return "APA Thesaurus";
  }
  return "MeSH";
}

bool is_heading(const Node& n) { return n.kind == Node::Kind::term && n.heading.has_value(); }

// The heading's name without a "/subheading" that PubMed's text carries.
std::string heading_name(const Node& n)
{
  const auto& h = *n.heading;
  if (!h.subheading.empty() && n.text.size() > h.subheading.size() + 1
      && util::iequals(std::string_view(n.text).substr(n.text.size() - h.subheading.size() - 1), "/" + h.subheading)) {
    return n.text.substr(0, n.text.size() - h.subheading.size() - 1);
  }
  return n.text;
}

class Notes
{
public:
  explicit Notes(std::vector<TranslationNote>& out) : m_out(out) {}
  void at(int line) { m_line = line; }
  void add(std::string text)
  {
    for (const auto& n : m_out) {
      if (n.line == m_line && n.text == text) {
        return;
      }
    }
    m_out.push_back(TranslationNote{m_line, std::move(text)});
  }

private:
  std::vector<TranslationNote>& m_out;
  int m_line = 0;
};

// --- PubMed ---------------------------------------------------------------------------

class PubMedWriter
{
public:
  PubMedWriter(Notes& notes, const std::map<int, int>& numbers) : m_notes(notes), m_numbers(numbers) {}

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
  const std::map<int, int>& m_numbers;
};

// --- Ovid -----------------------------------------------------------------------------

class OvidWriter
{
public:
  OvidWriter(Notes& notes, const std::map<int, int>& numbers) : m_notes(notes), m_numbers(numbers) {}

  // One line of the history: `or/1-4` only at the top of a line.
  std::string write_line(const Node& n)
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
      out = "(" + util::join(parts, fmt::format(" adj{} ", n.proximity->max_words_between + 1)) + ")";
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
  const std::map<int, int>& m_numbers;
  const Node* m_root = nullptr;
};

std::string header_value(const QueryFile& q, const std::string& key)
{
  auto it = q.header.find(key);
  return it == q.header.end() ? std::string() : it->second;
}

} // namespace

std::vector<std::string> field_names(const FieldSet& fields)
{
  static const char* const names[] = {"title",
                                      "abstract",
                                      "keywords",
                                      "text_words",
                                      "all_fields",
                                      "heading",
                                      "subheading",
                                      "substance",
                                      "pharmacological_action",
                                      "author",
                                      "author_first",
                                      "author_last",
                                      "author_full",
                                      "author_identifier",
                                      "investigator",
                                      "corporate_author",
                                      "editor",
                                      "affiliation",
                                      "journal",
                                      "journal_identifier",
                                      "volume",
                                      "issue",
                                      "pages",
                                      "location_identifier",
                                      "article_identifier",
                                      "record_identifier",
                                      "isbn",
                                      "book",
                                      "language",
                                      "publication_type",
                                      "publisher",
                                      "place_of_publication",
                                      "secondary_source",
                                      "grant",
                                      "conflict_of_interest",
                                      "personal_name_subject",
                                      "transliterated_title",
                                      "filter",
                                      "date_publication",
                                      "date_entry",
                                      "date_create",
                                      "date_mesh",
                                      "date_completion",
                                      "date_modification",
                                      "heading_word"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<std::size_t>(Field::heading_word) + 1);
  std::vector<std::string> out;
  for (std::size_t b = 0; b < sizeof(names) / sizeof(names[0]); ++b) {
    if (fields.has(static_cast<Field>(b))) {
      out.emplace_back(names[b]);
    }
  }
  return out;
}

bool can_translate_to(Syntax target) { return target == Syntax::pubmed || target == Syntax::ovid; }

Translation translate_strategy(const QueryFile& query, const Strategy& strategy, Syntax target)
{
  if (!can_translate_to(target)) {
    throw Error(fmt::format("synth cannot write {} syntax yet: it writes pubmed and ovid", syntax_name(target)));
  }
  for (const auto& f : strategy.findings) {
    if (f.severity == Severity::error) {
      throw Error(error_text(query.path, f));
    }
  }
  if (!strategy.expression) {
    throw Error(fmt::format("{}: no search to translate", query.path));
  }
  Translation t;
  t.from = strategy.syntax;
  t.to = target;
  Notes notes(t.notes);
  // line n of the source is line n of the target, numbered 1, 2, 3 ... as both platforms
  // number their histories
  std::map<int, int> numbers;
  int next = 0;
  for (const auto& l : strategy.lines) {
    numbers[l.number] = ++next;
  }
  PubMedWriter pubmed(notes, numbers);
  OvidWriter ovid(notes, numbers);
  std::vector<std::string> body;
  next = 0;
  for (const auto& l : strategy.lines) {
    notes.at(++next);
    auto text = target == Syntax::pubmed ? pubmed.write(*l.expression) : ovid.write_line(*l.expression);
    t.lines.push_back(text);
    body.push_back(target == Syntax::pubmed ? fmt::format("#{} {}", next, text) : text);
  }
  if (target == Syntax::ovid && !query.limits.empty()) {
    notes.at(0);
    notes.add("the header's date window and language stay in the header, not in the lines: run the last line "
              "with Ovid's limits (limit N to yr=..., limit N to english language)");
  }
  std::string out;
  out += fmt::format("# Translated by synth from {} ({} syntax) to {} syntax.\n", query.path, syntax_name(t.from),
                     syntax_name(target));
  if (t.notes.empty()) {
    out += "# Nothing lost: every line says what the original says.\n";
  } else {
    out += fmt::format("# {} lossy step{}, by line of this history:\n", t.notes.size(), t.notes.size() == 1 ? "" : "s");
    for (const auto& n : t.notes) {
      out += n.line == 0 ? fmt::format("#   the file: {}\n", n.text)
                         : fmt::format("#   {}{}: {}\n", target == Syntax::pubmed ? "#" : "line ", n.line, n.text);
    }
  }
  out += fmt::format("database: {}\n", syntax_key(target));
  for (const char* key : {"name", "date-from", "date-to", "language"}) {
    if (auto v = header_value(query, key); !v.empty()) {
      out += fmt::format("{}: {}\n", key, v);
    }
  }
  for (const auto& [key, value] : query.header) {
    if (key.rfind("x-", 0) == 0 && key != "x-translated-from") {
      out += fmt::format("{}: {}\n", key, value);
    }
  }
  out += fmt::format("x-translated-from: {} ({})\n", query.path, syntax_key(t.from));
  out += "---\n";
  for (const auto& line : body) {
    out += line + "\n";
  }
  t.text = std::move(out);
  return t;
}

} // namespace synth::query
