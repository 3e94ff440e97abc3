#pragma once
// OpenAlex works (docs/openalex.md): a /works list ({"meta", "results": [...]}), one work
// (/works/W...), or a bare array of works.
#include "synth/formats/reader.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::formats {

// One work as read, with what citation chasing needs beside the record.
struct OpenAlexWork
{
  Record record;
  std::vector<std::string> referenced_works; // short ids ("W2741809807"), as listed
  std::int64_t referenced_works_count = -1;  // as OpenAlex counts them; -1 when absent
};

// What a /works page says about the list.
struct OpenAlexPage
{
  std::int64_t count = 0;   // meta.count (1 for a single work)
  std::string next_cursor;  // meta.next_cursor; "" when null or absent (the last page)
  std::int64_t results = 0; // works on the page (read or not)
};

// "https://openalex.org/W123" or "W123" (any case) -> "W123"; "" when it is not a work id.
std::string openalex_work_id(std::string_view text);

// The abstract from OpenAlex's abstract_inverted_index ({"word": [positions]}): the words
// in position order, one space between them. Positions beyond 1,000,000 or negative are
// ignored (a hostile index cannot make synth allocate gigabytes).
std::string rebuild_abstract(const nlohmann::json& inverted_index);

// Reads a page, calling `sink` once per work with source "OpenAlex" and source_id the
// short work id. Fields: id, doi, ids.pmid, title (else display_name), the abstract rebuilt
// from abstract_inverted_index, authorships[].author.display_name (family = the last word,
// given = the rest; raw_author_name when there is no author), publication_date (else
// publication_year), primary_location.source display_name / issn_l, biblio volume, issue,
// first_page-last_page, language (ISO 639-1, normalised), type, keywords[].display_name,
// mesh[].descriptor_name, primary_location.landing_page_url (else the DOI's URL); raw =
// the work's JSON. Text that is not JSON fails with ctx.fail() naming line and column;
// JSON that is not an OpenAlex answer fails ("not an OpenAlex works answer"); a work
// without an OpenAlex id goes to ctx.bad_record().
OpenAlexPage read_openalex_page(std::string_view text, ReadContext& ctx,
                                const std::function<void(OpenAlexWork&&)>& sink);

// The same as a reader of the Format table (`synth import --format openalex-json`).
void read_openalex_json(std::string_view text, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
