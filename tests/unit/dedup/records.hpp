#pragma once
// Small record builders for the dedup tests.
#include "synth/core/record.hpp"

#include <string>

namespace synth::test {

inline Record article(std::int64_t id, std::string title, std::string first_author, int year, std::string journal = {},
                      std::string volume = {}, std::string pages = {}, std::string doi = {})
{
  Record r;
  r.id = id;
  r.source = "test";
  r.source_id = std::to_string(id);
  r.title = std::move(title);
  if (!first_author.empty()) {
    r.authors.push_back(Author{std::move(first_author), "A"});
  }
  r.year = year;
  r.journal = std::move(journal);
  r.volume = std::move(volume);
  r.pages = std::move(pages);
  r.doi = std::move(doi);
  r.type = "journal-article";
  return r;
}

} // namespace synth::test
