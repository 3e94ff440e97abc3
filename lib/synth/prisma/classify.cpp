// Which box a source counts in, and which full-text reasons mean "not retrieved".
#include "synth/prisma/compute.hpp"
#include "synth/screen/screen.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace synth::prisma {

namespace {

bool contains(std::string_view haystack, std::string_view needle)
{
  return haystack.find(needle) != std::string_view::npos;
}

// `word` as a whole word of `text` (both lower case): "ctri" names India's trial register,
// but is also inside "electrical".
bool has_word(std::string_view text, std::string_view word)
{
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    bool start = at == 0 || !alnum(text[at - 1]);
    bool end = at + word.size() == text.size() || !alnum(text[at + word.size()]);
    if (start && end) {
      return true;
    }
  }
  return false;
}

std::optional<SourceGroup> group_named_impl(std::string_view name)
{
  auto n = util::to_lower(util::trim(name));
  if (n == "database") {
    return SourceGroup::database;
  }
  if (n == "register" || n == "registers") {
    return SourceGroup::register_;
  }
  if (n == "website" || n == "websites") {
    return SourceGroup::website;
  }
  if (n == "organisation" || n == "organisations" || n == "organization" || n == "organizations") {
    return SourceGroup::organisation;
  }
  if (n == "citations" || n == "citation searching" || n == "other") {
    return SourceGroup::citations;
  }
  return std::nullopt;
}

} // namespace

std::optional<SourceGroup> source_group_named(std::string_view name) { return group_named_impl(name); }

SourceGroup classify_source(std::string_view source, std::string_view prisma_group)
{
  if (!prisma_group.empty()) {
    if (auto g = source_group_named(prisma_group)) {
      return *g;
    }
  }
  auto n = util::to_lower(util::trim(source));
  for (std::string_view r : {"clinicaltrials.gov", "ictrp", "isrctn", "eu ctr", "euctr", "anzctr", "ctri", "drks"}) {
    if (has_word(n, r)) {
      return SourceGroup::register_;
    }
  }
  // CENTRAL (the Cochrane Central Register of Controlled Trials) is a bibliographic
  // database in PRISMA's sense, despite its name.
  bool central = contains(n, "cochrane") || has_word(n, "central");
  if (!central && (contains(n, "register") || contains(n, "registry"))) {
    return SourceGroup::register_;
  }
  if (n.starts_with("website") || contains(n, "web search") || n.starts_with("google")) {
    return SourceGroup::website;
  }
  if (n.starts_with("organisation") || n.starts_with("organization")) {
    return SourceGroup::organisation;
  }
  if (n.starts_with("citation") || n.starts_with("reference list") || n.starts_with("snowball")
      || n.starts_with("hand search") || n.starts_with("handsearch") || n.starts_with("hand-search")) {
    return SourceGroup::citations;
  }
  return SourceGroup::database;
}

bool means_stopping_rule(std::string_view reason) { return reason.starts_with(screen::k_stopping_rule_reason); }

bool means_not_retrieved(std::string_view reason)
{
  auto r = util::to_lower(reason);
  std::replace(r.begin(), r.end(), '-', ' ');
  return contains(r, "not retrieved") || contains(r, "not retrievable") || contains(r, "could not be retrieved")
         || contains(r, "full text not available") || contains(r, "no full text") || contains(r, "not obtainable")
         || contains(r, "could not be obtained");
}

} // namespace synth::prisma
