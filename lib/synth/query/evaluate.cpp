#include "synth/query/evaluate.hpp"

#include "synth/core/normalise.hpp"
#include "synth/query/dates.hpp"
#include "synth/query/text_pattern.hpp"
#include "synth/util/text.hpp"

#include <algorithm>
#include <optional>

namespace synth::query {

namespace {

struct Op
{
  enum class Kind { term, date, op_and, op_or, op_not };
  Kind kind = Kind::term;
  Field field = Field::none;
  int a = -1;
  int b = -1;
  std::optional<TextPattern> pattern;
  std::string folded; // [au]: the folded term, without '*'
  bool truncated = false;
  std::string language; // [la]: ISO 639-2/B
  DaySpan span;         // [dp]
};

struct AuthorKey
{
  std::string family;
  std::string given;
  std::string initials;
};

// A record's fields folded on first use, for one evaluation.
struct FoldedRecord
{
  const Record* record = nullptr;
  const std::string* text = nullptr; // matches_text(): the only text
  std::optional<std::string> title, abstract;
  std::optional<std::vector<std::string>> keywords, headings, major_headings, types, journals;
  std::optional<std::vector<std::string_view>> keyword_views;
  std::optional<std::vector<AuthorKey>> authors;
  std::optional<std::optional<DaySpan>> span;

  const std::string& get_title()
  {
    if (!title) {
      title = fold_text(record->title);
    }
    return *title;
  }
  const std::string& get_abstract()
  {
    if (!abstract) {
      abstract = fold_text(record->abstract);
    }
    return *abstract;
  }
  static std::vector<std::string> fold_all(const std::vector<std::string>& values)
  {
    std::vector<std::string> out;
    out.reserve(values.size());
    for (const auto& v : values) {
      out.push_back(fold_text(v));
    }
    return out;
  }
  void fold_mesh()
  {
    headings.emplace();
    major_headings.emplace();
    for (const auto& entry : record->mesh) {
      std::string_view heading = entry;
      auto slash = heading.find('/');
      auto folded = fold_text(heading.substr(0, slash));
      if (entry.find('*') != std::string::npos) {
        major_headings->push_back(folded);
      }
      headings->push_back(std::move(folded));
    }
  }
  const std::vector<std::string>& get_headings(bool major)
  {
    if (!headings) {
      fold_mesh();
    }
    return major ? *major_headings : *headings;
  }
  const std::vector<std::string>& get_keywords()
  {
    if (!keywords) {
      keywords = fold_all(record->keywords);
    }
    return *keywords;
  }
  const std::vector<std::string_view>& get_keyword_views()
  {
    if (!keyword_views) {
      const auto& all = get_keywords();
      keyword_views.emplace(all.begin(), all.end());
    }
    return *keyword_views;
  }
  const std::vector<std::string>& get_types()
  {
    if (!types) {
      types = fold_all(record->publication_types);
      if (!record->type.empty()) {
        types->push_back(fold_text(record->type));
      }
    }
    return *types;
  }
  const std::vector<std::string>& get_journals()
  {
    if (!journals) {
      journals = fold_all({record->journal, record->journal_abbrev});
    }
    return *journals;
  }
  const std::vector<AuthorKey>& get_authors()
  {
    if (!authors) {
      authors.emplace();
      for (const auto& a : record->authors) {
        AuthorKey key{fold_text(a.family), fold_text(a.given), {}};
        for (auto word : util::split(key.given, ' ')) {
          if (!word.empty()) {
            key.initials += word.front();
          }
        }
        // "J.P." folds to "j p"; "JP" as given initials folds to "jp": both give "jp"
        if (key.given.find(' ') == std::string::npos && a.given.size() <= 3
            && util::to_upper(a.given) == a.given) {
          key.initials = key.given;
        }
        authors->push_back(std::move(key));
      }
    }
    return *authors;
  }
  const std::optional<DaySpan>& get_span()
  {
    if (!span) {
      span = record_day_span(*record);
    }
    return *span;
  }
};

bool author_matches(const Op& op, const AuthorKey& a)
{
  const auto& t = op.folded;
  if (a.family.empty()) {
    return false;
  }
  if (t == a.family || (op.truncated && a.family.starts_with(t))) {
    return true;
  }
  if (t.size() > a.family.size() && t.starts_with(a.family) && t[a.family.size()] == ' ') {
    std::string_view rest = std::string_view(t).substr(a.family.size() + 1);
    if (rest.find(' ') == std::string_view::npos && a.initials.starts_with(rest)) {
      return true; // topor a, topor ab
    }
    if (!a.given.empty() && (a.given == rest || a.given.starts_with(std::string(rest) + " "))) {
      return true; // topor alain
    }
  }
  return !a.given.empty() && t == a.given + " " + a.family; // alain topor
}

bool any_equals(const std::vector<std::string>& values, const TextPattern& p)
{
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return p.equals_folded(v); });
}

bool overlaps(const DaySpan& a, const DaySpan& b)
{
  return a.first <= b.last && b.first <= a.last;
}

} // namespace

struct CompiledQuery::Impl
{
  std::vector<Op> ops;
  int root = -1;
  std::vector<Field> fields;
  std::optional<DaySpan> window;
  std::vector<std::string> languages;

  int compile(const Node& node)
  {
    Op op;
    switch (node.kind) {
    case Node::Kind::group:
    case Node::Kind::reference:
      return compile(*node.children[0]);
    case Node::Kind::op_and:
    case Node::Kind::op_or:
    case Node::Kind::op_not: {
      op.kind = node.kind == Node::Kind::op_and  ? Op::Kind::op_and
                : node.kind == Node::Kind::op_or ? Op::Kind::op_or
                                                 : Op::Kind::op_not;
      op.a = compile(*node.children[0]);
      op.b = compile(*node.children[1]);
      break;
    }
    case Node::Kind::date_range: {
      op.kind = Op::Kind::date;
      op.field = Field::dp;
      auto from = parse_day_span(node.children[0]->text);
      auto to = parse_day_span(node.children[1]->text);
      op.span = DaySpan{from ? from->first : 0, to ? to->last : 0};
      break;
    }
    case Node::Kind::term:
      op.field = node.field;
      op.truncated = node.truncated;
      if (node.field == Field::dp) {
        op.kind = Op::Kind::date;
        auto span = parse_day_span(node.text);
        op.span = span ? *span : DaySpan{};
      } else if (node.field == Field::la) {
        std::string text = node.text;
        text.erase(std::remove(text.begin(), text.end(), '*'), text.end());
        op.language = normalise_language(text);
      } else if (node.field == Field::au) {
        std::string text = node.text;
        text.erase(std::remove(text.begin(), text.end(), '*'), text.end());
        op.folded = fold_text(text);
      } else {
        op.pattern.emplace(node.text, node.is_phrase);
      }
      break;
    }
    ops.push_back(std::move(op));
    return static_cast<int>(ops.size()) - 1;
  }

  bool term(const Op& op, FoldedRecord& f) const
  {
    if (f.text != nullptr) {
      switch (op.field) {
      case Field::none:
      case Field::tiab:
      case Field::ti:
      case Field::ab:
      case Field::tw:
      case Field::all:
      case Field::ot:
        return op.pattern->matches_folded(*f.text);
      default:
        return false;
      }
    }
    switch (op.field) {
    case Field::none:
    case Field::tiab:
    case Field::tw:
    case Field::all:
    {
      const std::string_view texts[2] = {f.get_title(), f.get_abstract()};
      return op.pattern->matches_any_folded(texts);
    }
    case Field::ti:
      return op.pattern->matches_folded(f.get_title());
    case Field::ab:
      return op.pattern->matches_folded(f.get_abstract());
    case Field::ot:
      return op.pattern->matches_any_folded(f.get_keyword_views());
    case Field::mh:
    case Field::majr:
      return any_equals(f.get_headings(op.field == Field::majr), *op.pattern);
    case Field::pt:
      return any_equals(f.get_types(), *op.pattern);
    case Field::ta:
      return any_equals(f.get_journals(), *op.pattern);
    case Field::la:
      return !f.record->language.empty() && f.record->language == op.language;
    case Field::au: {
      const auto& authors = f.get_authors();
      return std::any_of(authors.begin(), authors.end(), [&](const AuthorKey& a) { return author_matches(op, a); });
    }
    case Field::dp:
      return false; // compiled as Op::Kind::date
    }
    return false;
  }

  bool eval(int index, FoldedRecord& f) const
  {
    const Op& op = ops[static_cast<std::size_t>(index)];
    switch (op.kind) {
    case Op::Kind::op_and:
      return eval(op.a, f) && eval(op.b, f);
    case Op::Kind::op_or:
      return eval(op.a, f) || eval(op.b, f);
    case Op::Kind::op_not:
      return eval(op.a, f) && !eval(op.b, f);
    case Op::Kind::date: {
      if (f.text != nullptr) {
        return false;
      }
      const auto& span = f.get_span();
      return span && overlaps(*span, op.span);
    }
    case Op::Kind::term:
      return term(op, f);
    }
    return false;
  }

  bool limits(FoldedRecord& f) const
  {
    if (window) {
      const auto& span = f.get_span();
      if (span && !overlaps(*span, *window)) {
        return false;
      }
    }
    if (!languages.empty() && !f.record->language.empty()) {
      return std::find(languages.begin(), languages.end(), f.record->language) != languages.end();
    }
    return true;
  }
};

CompiledQuery::CompiledQuery(const Node& expression)
  : m_impl(std::make_unique<Impl>())
{
  m_impl->root = m_impl->compile(expression);
  m_impl->fields = fields_used(expression);
}

CompiledQuery::CompiledQuery(const QueryFile& query)
  : CompiledQuery(*query.expression)
{
  if (!query.date_from.empty() || !query.date_to.empty()) {
    auto from = parse_day_span(query.date_from);
    auto to = parse_day_span(query.date_to);
    m_impl->window = DaySpan{from ? from->first : 0, to ? to->last : 99991231};
  }
  for (auto part : util::split(query.language, ',')) {
    for (auto piece : util::split(part, ';')) {
      auto code = normalise_language(piece);
      if (!code.empty()) {
        m_impl->languages.push_back(code);
      }
    }
  }
}

CompiledQuery::~CompiledQuery() = default;
CompiledQuery::CompiledQuery(CompiledQuery&&) noexcept = default;
CompiledQuery& CompiledQuery::operator=(CompiledQuery&&) noexcept = default;

bool CompiledQuery::matches(const Record& record) const
{
  FoldedRecord f;
  f.record = &record;
  return m_impl->limits(f) && m_impl->eval(m_impl->root, f);
}

bool CompiledQuery::matches_text(std::string_view text) const
{
  Record none;
  std::string folded = fold_text(text);
  FoldedRecord f;
  f.record = &none;
  f.text = &folded;
  return m_impl->eval(m_impl->root, f);
}

std::vector<std::string> CompiledQuery::unhonoured_tags(const Record& r) const
{
  std::vector<std::string> out;
  for (Field field : m_impl->fields) {
    bool has = true;
    switch (field) {
    case Field::none:
      continue;
    case Field::tiab:
    case Field::tw:
    case Field::all:
      has = !r.title.empty() || !r.abstract.empty();
      break;
    case Field::ti:
      has = !r.title.empty();
      break;
    case Field::ab:
      has = !r.abstract.empty();
      break;
    case Field::au:
      has = !r.authors.empty();
      break;
    case Field::mh:
    case Field::majr:
      has = !r.mesh.empty();
      break;
    case Field::pt:
      has = !r.publication_types.empty() || !r.type.empty();
      break;
    case Field::la:
      has = !r.language.empty();
      break;
    case Field::dp:
      has = record_day_span(r).has_value();
      break;
    case Field::ta:
      has = !r.journal.empty() || !r.journal_abbrev.empty();
      break;
    case Field::ot:
      has = !r.keywords.empty();
      break;
    }
    if (!has) {
      out.emplace_back(field_name(field));
    }
  }
  return out;
}

const std::vector<Field>& CompiledQuery::fields() const
{
  return m_impl->fields;
}

bool matches(const QueryFile& query, const Record& record)
{
  return CompiledQuery(query).matches(record);
}

bool matches(const Node& expression, const Record& record)
{
  return CompiledQuery(expression).matches(record);
}

std::vector<std::string> unhonoured_tags(const QueryFile& query, const Record& record)
{
  return CompiledQuery(query).unhonoured_tags(record);
}

} // namespace synth::query
