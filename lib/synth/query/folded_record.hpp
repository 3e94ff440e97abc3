#pragma once
// A record's fields as the local evaluator compares them (internal to evaluate.cpp):
// each folded (util::fold) on first use only, once per record and evaluation, so that a
// strategy that never looks at the authors never folds them.
#include "synth/core/record.hpp"
#include "synth/query/dates.hpp"
#include "synth/query/text_pattern.hpp"
#include "synth/util/text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synth::query::detail {

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
  std::optional<std::vector<std::string>> keywords, headings, major_headings, subheadings, types, journals;
  std::optional<std::vector<std::pair<std::string, std::string>>> heading_pairs; // (heading, "sub sub")
  std::optional<std::vector<std::string_view>> keyword_views;
  std::optional<std::vector<AuthorKey>> authors;
  std::optional<std::optional<DaySpan>> span;
  std::vector<std::int8_t> memo; // results of lines referenced more than once: -1 unknown

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
    subheadings.emplace();
    heading_pairs.emplace();
    for (const auto& entry : record->mesh) {
      std::string_view heading = entry;
      auto slash = heading.find('/');
      auto folded = fold_text(heading.substr(0, slash));
      std::string subs;
      if (slash != std::string_view::npos) {
        for (auto sub : util::split(heading.substr(slash + 1), '/')) {
          auto f = fold_text(sub);
          subheadings->push_back(f);
          subs += (subs.empty() ? "" : "|") + f;
        }
      }
      if (entry.find('*') != std::string::npos) {
        major_headings->push_back(folded);
      }
      heading_pairs->emplace_back(folded, subs);
      headings->push_back(std::move(folded));
    }
  }
  const std::vector<std::pair<std::string, std::string>>& get_heading_pairs()
  {
    if (!heading_pairs) {
      fold_mesh();
    }
    return *heading_pairs;
  }
  const std::vector<std::string>& get_subheadings()
  {
    if (!subheadings) {
      fold_mesh();
    }
    return *subheadings;
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
        if (key.given.find(' ') == std::string::npos && a.given.size() <= 3 && util::to_upper(a.given) == a.given) {
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

} // namespace synth::query::detail
