#include "synth/query/translate.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

#include "synth/query/evaluate.hpp"

#include <algorithm>
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

} // namespace

std::string to_pubmed(const QueryFile& query)
{
  if (!query.expression) {
    return {};
  }
  std::vector<std::string> limits;
  for (const auto& limit : query.limits) {
    if (limit.kind == Limit::Kind::language) {
      std::vector<std::string> langs;
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
      limits.push_back("(\"" + from + "\"[dp] : \"" + to + "\"[dp])");
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
