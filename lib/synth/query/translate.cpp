#include "synth/query/translate.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query {

namespace {

std::string pubmed_date(const std::string& iso)
{
  std::string out = iso;
  std::replace(out.begin(), out.end(), '-', '/');
  return out;
}

bool bibliographic_field(Field field)
{
  switch (field) {
  case Field::mh:
  case Field::majr:
  case Field::pt:
  case Field::la:
  case Field::dp:
    return false;
  default:
    return true;
  }
}

void collect_terms(const Node& node, std::vector<std::string>& terms, std::vector<std::string>& seen)
{
  switch (node.kind) {
  case Node::Kind::term: {
    if (!bibliographic_field(node.field)) {
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
  case Node::Kind::op_not:
    collect_terms(*node.children[0], terms, seen); // the right side is excluded
    return;
  default:
    for (const auto& child : node.children) {
      collect_terms(*child, terms, seen);
    }
  }
}

} // namespace

std::string to_pubmed(const QueryFile& query)
{
  std::vector<std::string> limits;
  if (!query.language.empty()) {
    std::vector<std::string> langs;
    for (auto part : util::split(query.language, ',')) {
      for (auto piece : util::split(part, ';')) {
        auto lang = util::to_lower(util::trim(piece));
        if (!lang.empty()) {
          langs.push_back(lang + "[la]");
        }
      }
    }
    if (langs.size() == 1) {
      limits.push_back(langs.front());
    } else if (!langs.empty()) {
      limits.push_back("(" + util::join(langs, " OR ") + ")");
    }
  }
  if (!query.date_from.empty() || !query.date_to.empty()) {
    auto from = query.date_from.empty() ? std::string("1000") : pubmed_date(query.date_from);
    auto to = query.date_to.empty() ? std::string("3000") : pubmed_date(query.date_to);
    limits.push_back("(\"" + from + "\"[dp] : \"" + to + "\"[dp])");
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
  collect_terms(*query.expression, terms, seen);
  out.bibliographic = util::join(terms, " ");
  std::vector<std::string> filters;
  if (!query.date_from.empty()) {
    filters.push_back("from-pub-date:" + query.date_from);
  }
  if (!query.date_to.empty()) {
    filters.push_back("until-pub-date:" + query.date_to);
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
  auto fields = fields_used(*query.expression);
  auto uses = [&](Field f) { return std::find(fields.begin(), fields.end(), f) != fields.end(); };
  switch (engine(query)) {
  case Engine::pubmed:
    if (uses(Field::ab)) {
      out.emplace_back("[ab] is not a PubMed field tag: PubMed does not search the abstract alone (use [tiab])");
    }
    break;
  case Engine::crossref:
    for (Field f : {Field::mh, Field::majr}) {
      if (uses(f)) {
        out.push_back(fmt::format("[{}] terms cannot match Crossref works (they have no MeSH): they are false for "
                                  "every work",
                                  field_name(f)));
      }
    }
    break;
  case Engine::manual:
    break;
  }
  return out;
}

} // namespace synth::query
