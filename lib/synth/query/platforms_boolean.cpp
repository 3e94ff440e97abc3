// The writer shared by EBSCOhost, ProQuest, Web of Science, Scopus and Cochrane
// (platforms_boolean.hpp).
#include "synth/query/platforms_boolean.hpp"

#include "synth/core/error.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query::platforms_detail {

namespace {

using F = Field;

void add_once(std::vector<Std>& out, Std f)
{
  if (std::find(out.begin(), out.end(), f) == out.end()) {
    out.push_back(f);
  }
}

} // namespace

std::string BooleanWriter::std_name(Std f)
{
  switch (f) {
  case Std::title:
    return "title";
  case Std::abstract:
    return "abstract";
  case Std::keywords:
    return "author keywords";
  case Std::subject:
    return "subject terms";
  case Std::author:
    return "author";
  case Std::journal:
    return "journal";
  case Std::language:
    return "language";
  case Std::publication_type:
    return "publication type";
  case Std::all:
    return "all fields";
  }
  return "";
}

bool BooleanWriter::title_abstract_keywords(const std::vector<Std>& fields)
{
  auto has = [&](Std f) { return std::find(fields.begin(), fields.end(), f) != fields.end(); };
  return has(Std::title) && has(Std::abstract) && (has(Std::keywords) || has(Std::subject));
}

std::vector<std::string> BooleanWriter::codes_of(const std::vector<Std>& fields, std::string_view topic_code) const
{
  std::vector<std::string> codes;
  const bool topic = !topic_code.empty() && title_abstract_keywords(fields);
  if (topic) {
    codes.emplace_back(topic_code);
  }
  for (auto f : fields) {
    if (topic && (f == Std::title || f == Std::abstract || f == Std::keywords || f == Std::subject)) {
      continue;
    }
    std::string code(code_of(m_table, f));
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      codes.push_back(code);
    }
  }
  return codes;
}

Piece BooleanWriter::ored(const std::vector<std::string>& codes, std::string_view open, std::string_view close,
                          const std::string& inner)
{
  std::vector<std::string> parts;
  for (const auto& c : codes) {
    parts.push_back(fmt::format("{}{}{}{}", c, open, inner, close));
  }
  return {util::join(parts, " OR "), parts.size() > 1, "OR"};
}

int BooleanWriter::number(int n) const
{
  auto it = m_numbers.find(n);
  return it == m_numbers.end() ? n : it->second;
}

std::string BooleanWriter::write_line(const Node& n) { return write(n, false).text; }

Piece BooleanWriter::reference(int n, const Node& /*line*/)
{
  return {fmt::format("{}{}", m_table.line_prefix, n), false};
}

std::string BooleanWriter::near(const Proximity& p)
{
  const auto& spellings = m_table.near;
  if (p.ordered && p.max_words_between == 0) {
    for (const auto& s : spellings) {
      if (s.ordered && !s.number && s.fixed == 0) {
        return std::string(s.prefix); // NEXT
      }
    }
  }
  bool has_fixed_ordered = false;
  for (const auto& s : spellings) {
    has_fixed_ordered = has_fixed_ordered || (s.ordered && !s.number);
    if (s.number && s.ordered == p.ordered) {
      return fmt::format("{}{}", s.prefix, p.max_words_between);
    }
  }
  // an ordered proximity where the platform has none: either order
  auto any =
    std::find_if(spellings.begin(), spellings.end(), [](const NearSpelling& s) { return s.number && !s.ordered; });
  auto text = fmt::format("{}{}", any == spellings.end() ? "NEAR/" : any->prefix, p.max_words_between);
  if (p.max_words_between == 0 && !has_fixed_ordered) {
    m_notes.add(fmt::format("words next to each other in that order written {} (either order): {} has no ordered "
                            "proximity, widened",
                            text, platform()));
  } else {
    m_notes.add(fmt::format("an ordered proximity written {} (either order): {} {}, widened", text, platform(),
                            has_fixed_ordered ? "orders only NEXT" : "has no ordered proximity"));
  }
  return text;
}

std::string BooleanWriter::wildcard(const Wildcard& w, const std::string& term)
{
  switch (w.kind) {
  case Wildcard::Kind::one_character:
    return std::string(1, m_table.one);
  case Wildcard::Kind::optional_character:
    if (m_table.optional != 0) {
      return std::string(1, m_table.optional);
    }
    m_notes.add(fmt::format("'{}': {} has no zero-or-one-character wildcard: written {} (any number), widened", term,
                            platform(), m_table.any));
    return std::string(1, m_table.any);
  case Wildcard::Kind::any_characters:
    if (w.max_characters > 0) {
      if (m_table.limited_truncation) {
        return fmt::format("[{}{}]", m_table.any, w.max_characters);
      }
      m_notes.add(fmt::format("'{}': limited truncation (at most {} characters) written {} (any number): widened", term,
                              w.max_characters, m_table.any));
    }
    return std::string(1, m_table.any);
  }
  return std::string(1, m_table.any);
}

std::optional<std::string> BooleanWriter::limit(const Limit& l)
{
  switch (l.kind) {
  case Limit::Kind::language: {
    if (m_table.language.empty()) {
      m_notes.add(fmt::format("the language limit left out: {} has no language field, widened", platform()));
      return std::nullopt;
    }
    auto spell = [&](const std::string& inner) { return fmt::format(fmt::runtime(m_table.language), inner); };
    if (!m_table.per_language) {
      return spell(util::join(l.languages, " OR "));
    }
    std::vector<std::string> parts;
    for (const auto& lang : l.languages) {
      parts.push_back(spell(lang));
    }
    return parts.size() == 1 ? parts.front() : "(" + util::join(parts, " OR ") + ")";
  }
  case Limit::Kind::publication_date:
    return date_limit(l);
  case Limit::Kind::other:
    m_notes.add(fmt::format("limit to \"{}\" has no {} field in synth's table: left out, widened", l.text, platform()));
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<Std> BooleanWriter::standard(const FieldSet& fields)
{
  std::vector<Std> out;
  if (fields.empty()) {
    auto d = default_fields();
    std::vector<std::string> names;
    for (auto f : d) {
      names.push_back(std_name(f));
    }
    m_notes.add(fmt::format("an untagged PubMed term (automatic term mapping) searched in {} on {}",
                            util::join(names, " and "), platform()));
    return d;
  }
  if (fields == fields_of("mp")) {
    m_notes.add(fmt::format("Ovid's .mp. (title, abstract, original title, substance names, heading words, keyword "
                            "headings, identifier) searched as title, abstract, author keywords and subject terms "
                            "on {}: not the same fields",
                            platform()));
    return {Std::title, Std::abstract, Std::keywords, Std::subject};
  }
  if (fields.has(F::text_words)) {
    m_notes.add(fmt::format("PubMed's [tw] (text words) searched as title, abstract, author keywords and subject terms "
                            "on {}: not the same fields",
                            platform()));
    return {Std::title, Std::abstract, Std::keywords, Std::subject};
  }
  std::vector<std::string> dropped;
  struct One
  {
    Field field;
    Std to;
  };
  static const One ones[] = {
    {F::title, Std::title},          {F::abstract, Std::abstract},
    {F::keywords, Std::keywords},    {F::heading, Std::subject},
    {F::heading_word, Std::subject}, {F::subheading, Std::subject},
    {F::substance, Std::subject},    {F::author, Std::author},
    {F::author_first, Std::author},  {F::author_last, Std::author},
    {F::author_full, Std::author},   {F::journal, Std::journal},
    {F::language, Std::language},    {F::publication_type, Std::publication_type},
    {F::all_fields, Std::all},
  };
  for (const auto& o : ones) {
    if (fields.has(o.field)) {
      add_once(out, o.to);
    }
  }
  for (const auto& name : field_names(fields)) {
    static const char* const known[] = {"title",       "abstract",  "keywords", "heading",          "heading_word",
                                        "subheading",  "substance", "author",   "author_first",     "author_last",
                                        "author_full", "journal",   "language", "publication_type", "all_fields"};
    if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return name == k; })) {
      dropped.push_back(name);
    }
  }
  if (fields.has(F::heading) || fields.has(F::heading_word) || fields.has(F::substance)) {
    m_notes.add(
      fmt::format("heading and substance words searched as {}'s subject terms: not the same vocabulary", platform()));
  }
  if (!dropped.empty()) {
    m_notes.add(fmt::format("{} has no field in synth's table for {}: left out{}", platform(),
                            util::join(dropped, ", "), out.empty() ? ", title and abstract stand in" : ""));
  }
  if (out.empty()) {
    out = {Std::title, Std::abstract};
  }
  return out;
}

std::string BooleanWriter::word_text(const Node& n)
{
  std::string out;
  std::size_t k = 0;
  bool pubmed = n.tag_info != nullptr;
  for (char c : n.text) {
    bool wild = c == '*' || (!pubmed && (c == '?' || c == '#'));
    if (wild) {
      Wildcard w = k < n.wildcards.size() ? n.wildcards[k] : Wildcard{};
      if (c == '?') {
        w.kind = Wildcard::Kind::optional_character;
      } else if (c == '#') {
        w.kind = Wildcard::Kind::one_character;
      }
      ++k;
      out += wildcard(w, n.text);
    } else if (c == '"') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return util::collapse_space(out);
}

Piece BooleanWriter::term(const Node& n, bool fields_outside)
{
  auto t = word_text(n);
  Piece inner;
  if (n.proximity) {
    std::vector<std::string> parts;
    for (auto w : util::split(t, ' ')) {
      if (!w.empty()) {
        parts.emplace_back(w);
      }
    }
    inner.text = util::join(parts, " " + near(*n.proximity) + " ");
    inner.compound = parts.size() > 1;
    inner.top = near(*n.proximity);
  } else if (n.is_phrase || t.find(' ') != std::string::npos) {
    inner.text = phrase(t);
  } else {
    inner.text = t;
  }
  if (fields_outside) {
    return inner;
  }
  return fielded(standard(n.fields), inner.text, inner.compound);
}

Piece BooleanWriter::heading_or_phrase(const Node& n)
{
  if (auto h = heading(n)) {
    return *h;
  }
  auto name = heading_name(n);
  m_notes.add(fmt::format("{} heading \"{}\": {} has no {} and synth invents no mapping between vocabularies: kept "
                          "as the phrase \"{}\" in title and abstract",
                          vocabulary_name(n.heading->vocabulary), name, platform(),
                          vocabulary_name(n.heading->vocabulary), name));
  return fielded({Std::title, Std::abstract}, phrase(name), false);
}

Piece BooleanWriter::write(const Node& n, bool fields_outside)
{
  switch (n.kind) {
  case Node::Kind::term:
    if (n.tag_info != nullptr && n.tag_info->kind == TagKind::subheading) {
      m_notes.add(fmt::format("PubMed's floating subheading \"{}\"[sh]: {} has none, searched as words in subject "
                              "terms",
                              n.text, platform()));
      return fielded({Std::subject}, phrase(n.text), false);
    }
    if (is_heading(n)) {
      return heading_or_phrase(n);
    }
    return term(n, fields_outside);
  case Node::Kind::date_range:
    return date_range(n);
  case Node::Kind::group: {
    if (!n.limits.empty()) {
      return limited(n);
    }
    auto common = common_fields(*n.children[0]);
    if (common && !fields_outside) {
      auto inner = write(*n.children[0], true);
      auto out = fielded(standard(*common), inner.text, inner.compound);
      // TI=(a AND b) OR AB=(a AND b) is not a AND b each in title or abstract: fields
      // written as several codes are gathered over OR and proximity alone (a proximity
      // holds within one field: TI=(a N2 b) OR AB=(a N2 b))
      if (!out.compound || over_fields(*n.children[0])) {
        return out;
      }
    }
    auto inner = write(*n.children[0], fields_outside);
    return {"(" + inner.text + ")", false};
  }
  case Node::Kind::reference:
    return reference(number(n.reference), *n.children[0]);
  case Node::Kind::chain:
    return chain(n, fields_outside);
  }
  return {};
}

Piece BooleanWriter::chain(const Node& n, bool fields_outside)
{
  auto word = [&](const Operator& o) { return o.near ? near(*o.near) : op_word(o.op); };
  bool mixed = false;
  auto first = word(n.ops[0]);
  for (const auto& o : n.ops) {
    mixed = mixed || word(o) != first;
  }
  // an operand joined by the chain's own operator (a OR b inside an OR chain) needs no
  // parentheses, whatever the precedence
  bool associative = !mixed && (first == op_word(Op::op_or) || first == op_word(Op::op_and));
  auto operand = [&](const Node& c) {
    auto p = write(c, fields_outside);
    bool bare = !p.compound || (associative && p.top == first);
    return bare ? p.text : "(" + p.text + ")";
  };
  std::string out = operand(*n.children[0]);
  for (std::size_t i = 0; i < n.ops.size(); ++i) {
    if (mixed && i > 0) {
      out = "(" + out + ")";
    }
    out += " " + word(n.ops[i]) + " " + operand(*n.children[i + 1]);
  }
  return {out, true, mixed ? std::string() : first};
}

Piece BooleanWriter::limited(const Node& n)
{
  auto base = write(*n.children[0], false);
  std::string out = base.compound ? "(" + base.text + ")" : base.text;
  for (const auto& l : n.limits) {
    if (auto clause = limit(l)) {
      out += " " + op_word(Op::op_and) + " " + *clause;
    }
  }
  return {out, true, op_word(Op::op_and)};
}

Piece BooleanWriter::date_range(const Node& n)
{
  Limit l;
  l.kind = Limit::Kind::publication_date;
  auto year = [](const std::string& s) { return s.substr(0, std::min<std::size_t>(4, s.size())); };
  if (n.children.size() == 2) {
    l.from = year(n.children[0]->text);
    l.to = year(n.children[1]->text);
  } else {
    auto colon = n.text.find(':');
    l.from = year(n.text.substr(0, colon));
    l.to = colon == std::string::npos ? l.from : year(n.text.substr(colon + 1));
  }
  if (l.from == "1000") {
    l.from.clear();
  }
  if (l.to == "3000") {
    l.to.clear();
  }
  if (n.tag_info != nullptr && n.tag_info->tag != Tag::dp) {
    m_notes.add(fmt::format("the date range on [{}] written as a publication-year limit", n.tag));
  }
  if (auto clause = limit(l)) {
    return {*clause, true};
  }
  throw Error(fmt::format("{} has no publication-date search that synth writes in a search line: give the dates as "
                          "date-from and date-to in the header",
                          platform()));
}

bool BooleanWriter::over_fields(const Node& n)
{
  if (n.kind == Node::Kind::term) {
    return true;
  }
  if (n.kind != Node::Kind::chain && n.kind != Node::Kind::group) {
    return false;
  }
  for (const auto& o : n.ops) {
    if (!o.near && (o.op != Op::op_or || o.implicit)) {
      return false;
    }
  }
  return std::all_of(n.children.begin(), n.children.end(), [](const NodePtr& c) { return over_fields(*c); });
}

std::optional<FieldSet> BooleanWriter::common_fields(const Node& n)
{
  std::optional<FieldSet> out;
  bool ok = true;
  std::vector<const Node*> stack{&n};
  while (!stack.empty() && ok) {
    const Node* c = stack.back();
    stack.pop_back();
    switch (c->kind) {
    case Node::Kind::term:
      if (c->heading || c->proximity || c->fields.empty() || (out && !(*out == c->fields))
          || (c->tag_info != nullptr && c->tag_info->kind == TagKind::subheading)) {
        ok = false;
      }
      out = c->fields;
      break;
    case Node::Kind::group:
      if (!c->limits.empty()) {
        ok = false;
      }
      [[fallthrough]];
    case Node::Kind::chain:
      for (const auto& k : c->children) {
        stack.push_back(k.get());
      }
      break;
    default:
      ok = false;
    }
  }
  if (!ok || !out) {
    return std::nullopt;
  }
  return out;
}

} // namespace synth::query::platforms_detail
