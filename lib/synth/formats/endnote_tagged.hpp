#pragma once
// EndNote / refer tagged text (.enw, .ref, .txt "EndNote" exports): one field a line,
// "%0 Journal Article", "%A" author (one per line), "%T" title, "%J" journal, "%B" book or
// secondary title, "%D" year, "%8" date, "%V" volume, "%N" issue, "%P" pages, "%R" DOI,
// "%X" abstract, "%K" keywords, "%G" language, "%U" url, "%M" accession number, "%@"
// ISSN, "%~" name of the database. Lines without a tag continue the field before them.
// A record ends at a blank line or at the next "%0".
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::formats {

// "%0" lines with nothing after them but another "%0" only change the pending type (so
// "%0\n%0 Book\n%T x" is one book). Text that is not a tag outside any record is a bad
// record at its line ("text outside a record: '...'").
void read_endnote_tagged(std::string_view text, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
