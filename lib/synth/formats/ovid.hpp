#pragma once
// Ovid citation export in its plain "Citation (Title, Author, Source ...)" text layout:
// each record starts with a marker line "<n>", then field names on lines of their own
// ("Title", "Author", "Source", "Abstract", "Accession Number", "Publication Type",
// "Language", "Year of Publication" ...), each followed by its value on lines indented by
// spaces.
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::formats {

// Authors lose Ovid's degree and affiliation marks ("Verbeek, Jan MD *" -> Verbeek, Jan);
// "Source" gives journal, volume, issue, pages and date ("Ecohydrology.   8(6):1048-1064,
// September 2015."); a "[Article]" tag at the end of the title becomes a publication type.
// A field before the first "<n>" marker fails at its line ("field 'Score' before the first
// record marker <n>"); an indented value line with no field name before it in the record
// is a bad record.
void read_ovid(std::string_view text, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
