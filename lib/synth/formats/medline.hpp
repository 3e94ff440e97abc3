#pragma once
// MEDLINE tagged text: PubMed's "Send to: Citation manager" (.nbib) and efetch
// rettype=medline. A line is a tag of up to four letters padded to four columns, "- ",
// and a value ("PMID- 30514039", "TI  - Feasibility ..."); a value goes on on lines
// indented by six spaces; records are separated by blank lines.
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::formats {

// Reads MEDLINE text, calling `sink` once per record with source "PubMed"
// (ctx.default_source is set to "PubMed"). Fields: PMID (pmid, source_id), TI (BTI for
// books), AB, FAU (else AU; CN as a collective author), DP, JT, TA, IS (first ISSN), VI,
// IP, PG, LA, PT, MH (descriptor names), OT (keywords), AID/LID "... [doi]". raw is the
// record's text. Inside a record, a line that is neither a tag line, an indented
// continuation nor blank is a bad record: ctx.bad_record(line, "line is not a MEDLINE tag
// line: ..."). Text between records (after a blank line) is left out with ctx.warn(); a
// text with no record at all fails ("no MEDLINE record found").
void read_medline(std::string_view text, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
