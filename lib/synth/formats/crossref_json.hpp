#pragma once
// Crossref REST answers (/works lists, a single /works/{doi}, or a bare array of items).
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::formats {

// Reads `message.items[]` (a work list), `message` (one work) or a top-level array of
// works, calling `sink` once per work with source "Crossref" and source_id = the DOI
// (lower case). Fields: DOI, title[0], abstract (JATS markup and its "Abstract" title
// removed), author family/given (or name), issued date-parts (else published-print,
// published-online, published), container-title[0], short-container-title[0], ISSN[0],
// volume, issue, page, language (left empty when absent: never guessed), type, subject
// (as keywords), URL; raw = the item's JSON. ctx.default_source is set to "Crossref".
// Text that is not JSON fails with ctx.fail() naming the line ("malformed JSON: ...");
// a JSON document that is not a Crossref answer fails ("not a Crossref works answer");
// a work without DOI goes to ctx.bad_record() ("work N has no DOI").
void read_crossref_json(std::string_view text, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
