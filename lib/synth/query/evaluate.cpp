#include "synth/query/evaluate.hpp"

#include "synth/core/normalise.hpp"
#include "synth/query/dates.hpp"
#include "synth/query/folded_record.hpp"
#include "synth/query/text_pattern.hpp"
#include "synth/util/text.hpp"
#include "synth/util/wall_clock.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>

namespace synth::query {

namespace {

using detail::AuthorKey;
using detail::FoldedRecord;

// Where a term is looked for on a Record (see evaluate.hpp).
enum class Place {
  title_abstract,
  title,
  abstract,
  keywords,
  author,
  first_author,
  last_author,
  heading,
  subheading,
  type,
  language,
  date,
  journal,
  none,
};

Place place_of(const TagInfo* tag)
{
  if (tag == nullptr) {
    return Place::title_abstract;
  }
  switch (tag->tag) {
  case Tag::tiab:
  case Tag::tw:
  case Tag::all:
    return Place::title_abstract;
  case Tag::ti:
    return Place::title;
  case Tag::ab:
    return Place::abstract;
  case Tag::ot:
    return Place::keywords;
  case Tag::au:
  case Tag::fau:
    return Place::author;
  case Tag::first_au:
    return Place::first_author;
  case Tag::lastau:
    return Place::last_author;
  case Tag::mh:
  case Tag::majr:
    return Place::heading;
  case Tag::sh:
    return Place::subheading;
  case Tag::pt:
    return Place::type;
  case Tag::la:
    return Place::language;
  case Tag::dp:
    return Place::date;
  case Tag::ta:
    return Place::journal;
  default:
    return Place::none;
  }
}

struct Step
{
  enum class Kind { term, date, chain };
  Kind kind = Kind::term;
  Place place = Place::none;
  bool major = false;         // [majr]
  std::vector<int> operands;  // chain
  std::vector<query::Op> ops; // chain: ops[i] joins operands[i] and operands[i + 1]
  std::optional<TextPattern> pattern;
  std::optional<TextPattern> subheading; // Heading/sub[mh]
  int near = -1;                         // proximity: at most this many words between; -1: none
  std::string folded;                    // [au]: the folded term, without '*'
  bool truncated = false;
  std::string language; // [la]: ISO 639-2/B
  DaySpan span;         // [dp]
};

bool author_matches(const Step& op, const AuthorKey& a)
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

bool overlaps(const DaySpan& a, const DaySpan& b) { return a.first <= b.last && b.first <= a.last; }

// Words of `text` (folded) as views, for proximity.
std::vector<std::string_view> words_of(std::string_view folded)
{
  std::vector<std::string_view> out;
  for (auto w : util::split(folded, ' ')) {
    if (!w.empty()) {
      out.push_back(w);
    }
  }
  return out;
}

int today_yyyymmdd()
{
  auto ymd = util::utc_today();
  return static_cast<int>(ymd.year()) * 10000 + static_cast<int>(static_cast<unsigned>(ymd.month())) * 100
         + static_cast<int>(static_cast<unsigned>(ymd.day()));
}

} // namespace

bool evaluable_tag(std::string_view tag)
{
  if (tag.empty()) {
    return true;
  }
  auto m = match_tag(tag);
  return m && place_of(m->info) != Place::none;
}

struct CompiledQuery::Impl
{
  std::vector<Step> ops;
  int root = -1;
  std::vector<std::string> tags;
  std::optional<DaySpan> window;
  std::vector<std::string> languages;
  std::unordered_map<const Node*, int> compiled_lines; // a line referenced twice is compiled once
  std::vector<bool> shared; // ops of lines referenced more than once: their result is kept per record
  int today = today_yyyymmdd();

  int add(Step op)
  {
    ops.push_back(std::move(op));
    return static_cast<int>(ops.size()) - 1;
  }

  static DaySpan date_span(std::string_view text, int today)
  {
    if (auto rel = relative_day_span(text, today)) {
      return *rel;
    }
    auto span = parse_day_span(text, DateDigits::one_or_two);
    return span ? *span : DaySpan{};
  }

  int compile(const Node& node)
  {
    switch (node.kind) {
    case Node::Kind::group:
      return compile(*node.children[0]);
    case Node::Kind::reference: {
      const Node* line = node.children[0].get();
      if (auto it = compiled_lines.find(line); it != compiled_lines.end()) {
        shared.resize(ops.size(), false);
        shared[static_cast<std::size_t>(it->second)] = true;
        return it->second;
      }
      int index = compile(*line);
      compiled_lines.emplace(line, index);
      return index;
    }
    case Node::Kind::chain: {
      Step op;
      op.kind = Step::Kind::chain;
      for (const auto& child : node.children) {
        op.operands.push_back(compile(*child));
      }
      for (const auto& o : node.ops) {
        op.ops.push_back(o.op);
      }
      return add(std::move(op));
    }
    case Node::Kind::date_range: {
      Step op;
      op.kind = Step::Kind::date;
      op.place = place_of(node.tag_info);
      auto from = parse_day_span(node.children[0]->text, DateDigits::one_or_two);
      auto to = parse_day_span(node.children[1]->text, DateDigits::one_or_two);
      op.span = DaySpan{from ? from->first : 0, to ? to->last : 0};
      return add(std::move(op));
    }
    case Node::Kind::term:
      break;
    }
    Step op;
    op.place = place_of(node.tag_info);
    op.truncated = node.truncated;
    std::string text = node.text;
    std::string stripped = text;
    stripped.erase(std::remove(stripped.begin(), stripped.end(), '*'), stripped.end());
    switch (op.place) {
    case Place::date:
      op.kind = Step::Kind::date;
      op.span = date_span(node.text, today);
      break;
    case Place::language:
      op.language = normalise_language(stripped);
      break;
    case Place::author:
    case Place::first_author:
    case Place::last_author:
      op.folded = fold_text(stripped);
      break;
    case Place::heading:
      op.major = node.heading && node.heading->major;
      if (node.heading && !node.heading->subheading.empty()) {
        text = text.substr(0, text.rfind('/'));
        op.subheading.emplace(node.heading->subheading, true);
      }
      op.pattern.emplace(text, node.is_phrase);
      break;
    default:
      op.pattern.emplace(text, node.is_phrase);
      if (node.proximity) {
        op.near = node.proximity->max_words_between;
      }
      break;
    }
    return add(std::move(op));
  }

  bool text_match(const Step& op, std::string_view folded) const
  {
    if (op.near >= 0) {
      return op.pattern->near_folded(words_of(folded), op.near);
    }
    return op.pattern->matches_folded(folded);
  }

  bool title_abstract(const Step& op, FoldedRecord& f) const
  {
    if (op.near >= 0) {
      return text_match(op, f.get_title()) || text_match(op, f.get_abstract());
    }
    const std::string_view texts[2] = {f.get_title(), f.get_abstract()};
    return op.pattern->matches_any_folded(texts);
  }

  bool heading(const Step& op, FoldedRecord& f) const
  {
    if (!op.subheading) {
      return any_equals(f.get_headings(op.major), *op.pattern);
    }
    for (const auto& [h, subs] : f.get_heading_pairs()) {
      if (op.pattern->equals_folded(h)) {
        for (auto sub : util::split(subs, '|')) {
          if (op.subheading->equals_folded(sub)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  bool term(const Step& op, FoldedRecord& f) const
  {
    if (f.text != nullptr) {
      switch (op.place) {
      case Place::title_abstract:
      case Place::title:
      case Place::abstract:
      case Place::keywords:
        return text_match(op, *f.text);
      default:
        return false;
      }
    }
    switch (op.place) {
    case Place::title_abstract:
      return title_abstract(op, f);
    case Place::title:
      return text_match(op, f.get_title());
    case Place::abstract:
      return text_match(op, f.get_abstract());
    case Place::keywords:
      return op.pattern->matches_any_folded(f.get_keyword_views());
    case Place::heading:
      return heading(op, f);
    case Place::subheading:
      return any_equals(f.get_subheadings(), *op.pattern);
    case Place::type:
      return any_equals(f.get_types(), *op.pattern);
    case Place::journal:
      return any_equals(f.get_journals(), *op.pattern);
    case Place::language:
      return !f.record->language.empty() && f.record->language == op.language;
    case Place::author: {
      const auto& authors = f.get_authors();
      return std::any_of(authors.begin(), authors.end(), [&](const AuthorKey& a) { return author_matches(op, a); });
    }
    case Place::first_author:
      return !f.get_authors().empty() && author_matches(op, f.get_authors().front());
    case Place::last_author:
      return !f.get_authors().empty() && author_matches(op, f.get_authors().back());
    case Place::date:
    case Place::none:
      return false;
    }
    return false;
  }

  // Operands are evaluated left to right, each only when it can change the result; a
  // line used several times is evaluated once per record.
  bool eval(int index, FoldedRecord& f) const
  {
    auto i = static_cast<std::size_t>(index);
    if (i < shared.size() && shared[i]) {
      if (f.memo.empty()) {
        f.memo.assign(ops.size(), -1);
      }
      if (f.memo[i] < 0) {
        f.memo[i] = eval_op(ops[i], f) ? 1 : 0;
      }
      return f.memo[i] == 1;
    }
    return eval_op(ops[i], f);
  }

  bool eval_op(const Step& op, FoldedRecord& f) const
  {
    switch (op.kind) {
    case Step::Kind::chain: {
      bool acc = eval(op.operands[0], f);
      for (std::size_t i = 0; i < op.ops.size(); ++i) {
        switch (op.ops[i]) {
        case query::Op::op_and:
          acc = acc && eval(op.operands[i + 1], f);
          break;
        case query::Op::op_or:
          acc = acc || eval(op.operands[i + 1], f);
          break;
        case query::Op::op_not:
          acc = acc && !eval(op.operands[i + 1], f);
          break;
        }
      }
      return acc;
    }
    case Step::Kind::date: {
      if (f.text != nullptr || op.place != Place::date) {
        return false;
      }
      const auto& span = f.get_span();
      return span && overlaps(*span, op.span);
    }
    case Step::Kind::term:
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

CompiledQuery::CompiledQuery(const Node& expression) : m_impl(std::make_unique<Impl>())
{
  m_impl->root = m_impl->compile(expression);
  m_impl->tags = tags_used(expression);
}

CompiledQuery::CompiledQuery(const QueryFile& query) : CompiledQuery(*query.expression)
{
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::publication_date) {
      auto from = parse_day_span(limit.from);
      auto to = parse_day_span(limit.to);
      m_impl->window = DaySpan{from ? from->first : 0, to ? to->last : 99991231};
    } else {
      for (const auto& lang : limit.languages) {
        auto code = normalise_language(lang);
        if (!code.empty()) {
          m_impl->languages.push_back(code);
        }
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
  for (const auto& tag : m_impl->tags) {
    if (tag.empty()) {
      continue;
    }
    auto m = match_tag(tag);
    bool has = true;
    switch (m ? place_of(m->info) : Place::none) {
    case Place::title_abstract:
      has = !r.title.empty() || !r.abstract.empty();
      break;
    case Place::title:
      has = !r.title.empty();
      break;
    case Place::abstract:
      has = !r.abstract.empty();
      break;
    case Place::keywords:
      has = !r.keywords.empty();
      break;
    case Place::author:
    case Place::first_author:
    case Place::last_author:
      has = !r.authors.empty();
      break;
    case Place::heading:
    case Place::subheading:
      has = !r.mesh.empty();
      break;
    case Place::type:
      has = !r.publication_types.empty() || !r.type.empty();
      break;
    case Place::language:
      has = !r.language.empty();
      break;
    case Place::date:
      has = record_day_span(r).has_value();
      break;
    case Place::journal:
      has = !r.journal.empty() || !r.journal_abbrev.empty();
      break;
    case Place::none:
      has = false;
      break;
    }
    if (!has) {
      out.push_back(tag);
    }
  }
  return out;
}

const std::vector<std::string>& CompiledQuery::tags() const { return m_impl->tags; }

bool matches(const QueryFile& query, const Record& record) { return CompiledQuery(query).matches(record); }

bool matches(const Node& expression, const Record& record) { return CompiledQuery(expression).matches(record); }

std::vector<std::string> unhonoured_tags(const QueryFile& query, const Record& record)
{
  return CompiledQuery(query).unhonoured_tags(record);
}

} // namespace synth::query
