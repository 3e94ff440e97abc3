#include "synth/query/translate.hpp"

#include "synth/core/error.hpp"
#include "synth/core/normalise.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include "synth/query/evaluate.hpp"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

namespace synth::query {

namespace {

std::string pubmed_date(const std::string& iso)
{
  std::string out = iso;
  std::replace(out.begin(), out.end(), '-', '/');
  return out;
}

// Terms Crossref can rank on: words of titles, abstracts, keywords, authors, journals.
bool bibliographic(const Node& term)
{
  if (term.tag_info == nullptr) {
    return true;
  }
  auto kind = term.tag_info->kind;
  return kind == TagKind::text || kind == TagKind::author || term.tag_info->tag == Tag::ta;
}

void collect_terms(const Node& node, std::vector<std::string>& terms, std::vector<std::string>& seen,
                   std::unordered_set<const Node*>& lines)
{
  switch (node.kind) {
  case Node::Kind::term: {
    if (!bibliographic(node)) {
      return;
    }
    std::string text = node.text;
    text.erase(std::remove(text.begin(), text.end(), '*'), text.end());
    text = util::collapse_space(text);
    auto key = util::fold(text);
    if (text.empty() || std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return;
    }
    seen.push_back(key);
    terms.push_back(text);
    return;
  }
  case Node::Kind::date_range:
    return;
  case Node::Kind::chain:
    // read left to right: an operand after NOT is excluded
    collect_terms(*node.children[0], terms, seen, lines);
    for (std::size_t i = 0; i < node.ops.size(); ++i) {
      if (node.ops[i].op != Op::op_not) {
        collect_terms(*node.children[i + 1], terms, seen, lines);
      }
    }
    return;
  case Node::Kind::reference:
    if (!lines.insert(node.children[0].get()).second) {
      return; // each line once
    }
    collect_terms(*node.children[0], terms, seen, lines);
    return;
  case Node::Kind::group:
    collect_terms(*node.children[0], terms, seen, lines);
    return;
  }
}

// Tags OpenAlex's title_and_abstract.search covers ("" untagged).
bool openalex_searchable(std::string_view tag)
{
  return tag.empty() || tag == "tiab" || tag == "ti" || tag == "ab" || tag == "tw" || tag == "all";
}

// The strategy as OpenAlex's search reads it: terms, AND and OR; `always` is a part that
// every work satisfies as far as the search can tell (a term it cannot search).
struct OaExpr
{
  enum class Kind { always, term, all_of, any_of } kind = Kind::always;
  std::string text;
  std::vector<OaExpr> parts;
};

OaExpr oa_term(const Node& term)
{
  OaExpr e;
  if (!openalex_searchable(tag_name(term))) {
    return e;
  }
  std::string text = term.text;
  for (char& c : text) {
    if (c == '*' || c == ',' || c == '|' || c == '"' || c == '(' || c == ')') {
      c = ' ';
    }
  }
  text = util::collapse_space(text);
  if (text.empty()) {
    return e;
  }
  e.kind = OaExpr::Kind::term;
  bool phrase = term.is_phrase && text.find(' ') != std::string::npos;
  e.text = phrase ? "\"" + text + "\"" : text;
  // a word that is one of the search's operators is quoted, so that it stays a word
  if (!phrase && (text == "AND" || text == "OR" || text == "NOT")) {
    e.text = "\"" + text + "\"";
  }
  return e;
}

OaExpr oa_join(OaExpr::Kind kind, OaExpr a, OaExpr b)
{
  using K = OaExpr::Kind;
  if (kind == K::all_of) {
    if (a.kind == K::always) {
      return b;
    }
    if (b.kind == K::always) {
      return a;
    }
  } else if (a.kind == K::always || b.kind == K::always) {
    return OaExpr{};
  }
  OaExpr out;
  out.kind = kind;
  for (auto* x : {&a, &b}) {
    if (x->kind == kind) {
      for (auto& p : x->parts) {
        out.parts.push_back(std::move(p));
      }
    } else {
      out.parts.push_back(std::move(*x));
    }
  }
  return out;
}

OaExpr oa_convert(const Node& node)
{
  switch (node.kind) {
  case Node::Kind::term:
    return oa_term(node);
  case Node::Kind::date_range:
    return OaExpr{};
  case Node::Kind::group:
  case Node::Kind::reference:
    return oa_convert(*node.children[0]);
  case Node::Kind::chain: {
    OaExpr acc = oa_convert(*node.children[0]);
    for (std::size_t i = 0; i < node.ops.size(); ++i) {
      if (node.ops[i].op == Op::op_not) {
        continue; // applied locally only
      }
      acc = oa_join(node.ops[i].op == Op::op_and ? OaExpr::Kind::all_of : OaExpr::Kind::any_of, std::move(acc),
                    oa_convert(*node.children[i + 1]));
    }
    return acc;
  }
  }
  return OaExpr{};
}

std::string oa_render(const OaExpr& e)
{
  if (e.kind == OaExpr::Kind::term || e.kind == OaExpr::Kind::always) {
    return e.text;
  }
  std::string out;
  for (const auto& p : e.parts) {
    if (!out.empty()) {
      out += e.kind == OaExpr::Kind::all_of ? " AND " : " OR ";
    }
    bool wrap = p.kind == OaExpr::Kind::all_of || p.kind == OaExpr::Kind::any_of;
    out += wrap ? "(" + oa_render(p) + ")" : oa_render(p);
  }
  return out;
}

// The path (indices of parts) to the largest OR list of `e` (by rendered size); false when
// it has none of two or more parts.
bool oa_largest_or(const OaExpr& e, std::vector<std::size_t>& path, std::size_t& best_size)
{
  bool found = false;
  if (e.kind == OaExpr::Kind::any_of && e.parts.size() > 1) {
    best_size = oa_render(e).size();
    path.clear();
    found = true;
  }
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    std::vector<std::size_t> sub;
    std::size_t size = 0;
    if (oa_largest_or(e.parts[i], sub, size) && (!found || size > best_size)) {
      path = {i};
      path.insert(path.end(), sub.begin(), sub.end());
      best_size = size;
      found = true;
    }
  }
  return found;
}

void oa_split(const OaExpr& e, std::size_t max_chars, std::vector<std::string>& out)
{
  auto text = oa_render(e);
  if (text.size() <= max_chars) {
    out.push_back(std::move(text));
    return;
  }
  std::vector<std::size_t> path;
  std::size_t size = 0;
  if (!oa_largest_or(e, path, size)) {
    throw Error(fmt::format("the OpenAlex search has a part of {} characters that cannot be split (more than {}): {}",
                            text.size(), max_chars, text.substr(0, 80)),
                "shorten the phrase, or split the strategy into several query files");
  }
  for (int side = 0; side < 2; ++side) {
    OaExpr piece = e;
    OaExpr* list = &piece;
    for (auto i : path) {
      list = &list->parts[i];
    }
    auto half = list->parts.size() / 2;
    std::vector<OaExpr> mine(side == 0 ? list->parts.begin() : list->parts.begin() + static_cast<long>(half),
                             side == 0 ? list->parts.begin() + static_cast<long>(half) : list->parts.end());
    if (mine.size() == 1) {
      OaExpr only = std::move(mine.front());
      *list = std::move(only);
    } else {
      list->parts = std::move(mine);
    }
    oa_split(piece, max_chars, out);
  }
}

// The last day a header date stands for ("2013" -> 2013-12-31, "2013-02" -> 2013-02-28).
std::string oa_last_day(const std::string& date)
{
  if (date.size() == 4) {
    return date + "-12-31";
  }
  if (date.size() == 7) {
    int y = std::atoi(date.substr(0, 4).c_str());
    int m = std::atoi(date.substr(5, 2).c_str());
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = (m >= 1 && m <= 12) ? days[m - 1] : 31;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
      d = 29;
    }
    return fmt::format("{}-{:02d}", date, d);
  }
  return date;
}

std::string oa_first_day(const std::string& date)
{
  return date.size() == 4 ? date + "-01-01" : date.size() == 7 ? date + "-01" : date;
}

} // namespace

OpenAlexQuery to_openalex(const QueryFile& query, std::size_t max_chars)
{
  OpenAlexQuery out;
  if (query.expression) {
    auto e = oa_convert(*query.expression);
    if (e.kind != OaExpr::Kind::always) {
      oa_split(e, std::max<std::size_t>(max_chars, 16), out.searches);
    }
  }
  std::vector<std::string> filters;
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::publication_date && !limit.from.empty()) {
      filters.push_back("from_publication_date:" + oa_first_day(limit.from));
    }
    if (limit.kind == Limit::Kind::publication_date && !limit.to.empty()) {
      filters.push_back("to_publication_date:" + oa_last_day(limit.to));
    }
  }
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::language) {
      std::vector<std::string> codes;
      for (const auto& lang : limit.languages) {
        if (auto code = language_alpha2(lang); !code.empty()) {
          codes.push_back(code);
        }
      }
      if (!codes.empty()) {
        filters.push_back("language:" + util::join(codes, "|"));
      }
    }
  }
  if (auto it = query.header.find("x-openalex-type"); it != query.header.end() && !util::trim(it->second).empty()) {
    std::string type(util::trim(it->second));
    std::replace(type.begin(), type.end(), ',', '|');
    type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
    filters.push_back("type:" + type);
  }
  out.filter = util::join(filters, ",");
  return out;
}

std::string to_pubmed(const QueryFile& query)
{
  if (!query.expression) {
    return {};
  }
  std::vector<std::string> limits;
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::language) {
      std::vector<std::string> langs;
      langs.reserve(limit.languages.size());
      for (const auto& lang : limit.languages) {
        langs.push_back(lang + "[la]");
      }
      limits.push_back(langs.size() == 1 ? langs.front() : "(" + util::join(langs, " OR ") + ")");
    }
  }
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::publication_date) {
      auto from = limit.from.empty() ? std::string("1000") : pubmed_date(limit.from);
      auto to = limit.to.empty() ? std::string("3000") : pubmed_date(limit.to);
      limits.push_back(fmt::format("(\"{}\"[dp] : \"{}\"[dp])", from, to));
    }
  }
  auto term = render(*query.expression);
  if (limits.empty()) {
    return term;
  }
  auto kind = query.expression->kind;
  bool single = kind == Node::Kind::term || kind == Node::Kind::group || kind == Node::Kind::reference;
  std::string out = single ? term : "(" + term + ")";
  for (const auto& limit : limits) {
    out += " AND ";
    out += limit;
  }
  return out;
}

CrossrefQuery to_crossref(const QueryFile& query)
{
  CrossrefQuery out;
  std::vector<std::string> terms;
  std::vector<std::string> seen;
  std::unordered_set<const Node*> lines;
  if (query.expression) {
    collect_terms(*query.expression, terms, seen, lines);
  }
  out.bibliographic = util::join(terms, " ");
  std::vector<std::string> filters;
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::publication_date && !limit.from.empty()) {
      filters.push_back("from-pub-date:" + limit.from);
    }
    if (limit.kind == Limit::Kind::publication_date && !limit.to.empty()) {
      filters.push_back("until-pub-date:" + limit.to);
    }
  }
  filters.emplace_back("type:journal-article");
  out.filter = util::join(filters, ",");
  return out;
}

std::vector<std::string> translation_notes(const QueryFile& query)
{
  std::vector<std::string> out;
  if (!query.expression) {
    return out;
  }
  if (engine(query) == Engine::openalex) {
    for (const auto& tag : tags_used(*query.expression)) {
      if (!tag.empty() && !openalex_searchable(tag)) {
        out.push_back(fmt::format("[{}] terms are not sent to OpenAlex (it searches titles and abstracts); they are "
                                  "evaluated on the works it returns{}",
                                  tag,
                                  evaluable_tag(tag) ? "" : ", where they are false: OpenAlex works lack that field"));
      }
    }
    return out;
  }
  if (engine(query) != Engine::crossref) {
    return out;
  }
  for (const auto& tag : tags_used(*query.expression)) {
    if (tag == "mh" || tag == "majr" || tag == "sh") {
      out.push_back(fmt::format("[{}] terms cannot match Crossref works (they have no MeSH): they are false for "
                                "every work",
                                tag));
    } else if (!tag.empty() && !evaluable_tag(tag)) {
      out.push_back(fmt::format("[{}] cannot be evaluated on Crossref works: its terms are false for every work", tag));
    }
  }
  return out;
}

} // namespace synth::query
