#include "synth/query/tags.hpp"

#include "synth/util/text.hpp"

#include <unordered_map>

namespace synth::query {

FieldSet::FieldSet(std::initializer_list<Field> fields)
{
  for (Field f : fields) {
    add(f);
  }
}

namespace {

using F = Field;
using K = TagKind;

// One row per tag: its info, then every other spelling PubMed accepts (lower case).
struct Row
{
  TagInfo info;
  std::vector<std::string_view> aliases;
};

const std::vector<Row>& rows()
{
  static const std::vector<Row> table = {
    {{Tag::ad, "ad", "Affiliation", K::text, {F::affiliation}, true}, {"affiliation", "affl"}},
    {{Tag::all, "all", "All Fields", K::text, {F::all_fields}}, {"all fields"}},
    {{Tag::aid, "aid", "Article Identifier", K::identifier, {F::article_identifier}}, {"article identifier"}},
    {{Tag::au, "au", "Author", K::author, {F::author}}, {"author", "auth"}},
    {{Tag::auid, "auid", "Author Identifier", K::identifier, {F::author_identifier}}, {"author identifier"}},
    {{Tag::book, "book", "Book", K::value, {F::book}}, {}},
    {{Tag::dcom, "dcom", "Date - Completion", K::date, {F::date_completion}}, {"completion date"}},
    {{Tag::cois, "cois", "Conflict of Interest Statements", K::text, {F::conflict_of_interest}},
     {"conflict of interest statement", "conflict of interest statements"}},
    {{Tag::cn, "cn", "Corporate Author", K::author, {F::corporate_author}}, {"corporate author"}},
    {{Tag::crdt, "crdt", "Date - Create", K::date, {F::date_create}}, {"create date"}},
    {{Tag::rn, "rn", "EC/RN Number", K::identifier, {F::substance}}, {"ec/rn number"}},
    {{Tag::ed, "ed", "Editor", K::author, {F::editor}}, {"editor"}},
    {{Tag::edat, "edat", "Date - Entry", K::date, {F::date_entry}}, {"entry date", "entrez date"}},
    {{Tag::filter, "filter", "Filter", K::value, {F::filter}}, {"sb", "subset"}},
    {{Tag::first_au, "1au", "Author - First", K::author, {F::author_first}}, {"first author name", "first author"}},
    {{Tag::fau, "fau", "Author - Full", K::author, {F::author_full}}, {"full author name"}},
    {{Tag::fir, "fir", "Investigator - Full", K::author, {F::investigator}}, {"full investigator name"}},
    {{Tag::gr, "gr", "Grants and Funding", K::identifier, {F::grant}}, {"grants and funding", "grant number"}},
    {{Tag::ir, "ir", "Investigator", K::author, {F::investigator}}, {"investigator"}},
    {{Tag::isbn, "isbn", "ISBN", K::identifier, {F::isbn}}, {}},
    {{Tag::ip, "ip", "Issue", K::identifier, {F::issue}}, {"issue"}},
    {{Tag::ta, "ta", "Journal", K::value, {F::journal}}, {"journal", "jour", "journal title"}},
    {{Tag::la, "la", "Language", K::value, {F::language}}, {"language", "lang"}},
    {{Tag::lastau, "lastau", "Author - Last", K::author, {F::author_last}}, {"last author name", "last author"}},
    {{Tag::lid, "lid", "Location ID", K::identifier, {F::location_identifier}}, {"location id"}},
    {{Tag::mhda, "mhda", "Date - MeSH", K::date, {F::date_mesh}}, {"mesh date"}},
    {{Tag::majr, "majr", "MeSH Major Topic", K::heading, {F::heading}, false, true}, {"mesh major topic"}},
    {{Tag::sh, "sh", "MeSH Subheading", K::subheading, {F::subheading}, false, true},
     {"mesh subheading", "subheading", "mesh subheadings"}},
    {{Tag::mh, "mh", "MeSH Terms", K::heading, {F::heading}, false, true}, {"mesh terms", "mesh"}},
    {{Tag::lr, "lr", "Date - Modification", K::date, {F::date_modification}},
     {"modification date", "date - last revision"}},
    {{Tag::jid, "jid", "NLM Unique ID", K::identifier, {F::journal_identifier}}, {"nlm unique id"}},
    {{Tag::ot, "ot", "Other Term", K::text, {F::keywords}}, {"other term", "other terms"}},
    {{Tag::pg, "pg", "Pagination", K::identifier, {F::pages}}, {"pagination", "page"}},
    {{Tag::ps, "ps", "Personal Name as Subject", K::author, {F::personal_name_subject}}, {"personal name as subject"}},
    {{Tag::pa, "pa", "Pharmacological Action", K::value, {F::pharmacological_action}}, {"pharmacological action"}},
    {{Tag::pl, "pl", "Place of Publication", K::value, {F::place_of_publication}}, {"place of publication"}},
    {{Tag::pmid, "pmid", "PMID", K::identifier, {F::record_identifier}}, {"uid"}},
    {{Tag::dp, "dp", "Date - Publication", K::date, {F::date_publication}}, {"pdat", "publication date"}},
    {{Tag::pt, "pt", "Publication Type", K::value, {F::publication_type}}, {"publication type", "ptyp"}},
    {{Tag::pubn, "pubn", "Publisher", K::value, {F::publisher}}, {"publisher"}},
    {{Tag::si, "si", "Secondary Source ID", K::identifier, {F::secondary_source}}, {"secondary source id"}},
    {{Tag::nm, "nm", "Supplementary Concept", K::value, {F::substance}}, {"supplementary concept", "substance name"}},
    {{Tag::tw, "tw", "Text Word", K::text, {F::text_words}}, {"text word", "text words"}},
    {{Tag::ti, "ti", "Title", K::text, {F::title}, true}, {"title"}},
    {{Tag::tiab, "tiab", "Title/Abstract", K::text, {F::title, F::abstract, F::keywords}, true}, {"title/abstract"}},
    {{Tag::tt, "tt", "Transliterated Title", K::text, {F::transliterated_title}}, {"transliterated title"}},
    {{Tag::vi, "vi", "Volume", K::identifier, {F::volume}}, {"volume"}},
    // Not a PubMed tag: kept so that the linter can say so, and for Crossref's local
    // evaluation, where the abstract alone can be searched.
    {{Tag::ab, "ab", "Abstract", K::text, {F::abstract}, false, false, false}, {"abstract"}},
  };
  return table;
}

const TagInfo* find(const std::string& key)
{
  static const std::unordered_map<std::string, const TagInfo*> index = [] {
    std::unordered_map<std::string, const TagInfo*> m;
    for (const auto& row : rows()) {
      m.emplace(std::string(row.info.name), &row.info);
      m.emplace(util::to_lower(row.info.long_name), &row.info);
      for (auto alias : row.aliases) {
        m.emplace(std::string(alias), &row.info);
      }
    }
    return m;
  }();
  auto it = index.find(key);
  return it == index.end() ? nullptr : it->second;
}

} // namespace

std::optional<TagMatch> match_tag(std::string_view written)
{
  auto key = util::to_lower(util::collapse_space(written));
  TagMatch m;
  auto colon = key.rfind(':');
  std::string base = key;
  if (colon != std::string::npos) {
    auto suffix = std::string(util::trim(std::string_view(key).substr(colon + 1)));
    base = std::string(util::trim(std::string_view(key).substr(0, colon)));
    if (suffix == "noexp") {
      m.noexp = true;
    } else if (!suffix.empty() && suffix[0] == '~') {
      m.proximity = true;
      m.distance = std::string(util::trim(std::string_view(suffix).substr(1)));
    } else {
      return std::nullopt;
    }
  }
  m.info = find(base);
  if (m.info == nullptr || (m.noexp && !m.info->noexp)) {
    return std::nullopt;
  }
  return m;
}

const std::vector<TagInfo>& all_tags()
{
  static const std::vector<TagInfo> tags = [] {
    std::vector<TagInfo> v;
    for (const auto& row : rows()) {
      v.push_back(row.info);
    }
    return v;
  }();
  return tags;
}

const TagInfo& tag_info(Tag tag)
{
  for (const auto& row : rows()) {
    if (row.info.tag == tag) {
      return row.info;
    }
  }
  return rows().front().info; // every Tag has a row
}

} // namespace synth::query
