#pragma once
// Web of Science exports: the tagged plain text (.ciw, .isi, "savedrecs.txt": FN/VR header,
// two-letter tags, continuation lines indented by three spaces, ER after each record, EF at
// the end) and the tab-delimited text (a header row of the same tags). Both also come from
// the other databases of the WoS platform (MEDLINE, BIOSIS, Zoological Record, Current
// Contents, Inspec): the UT prefix names the database and becomes Record::source.
#include "synth/formats/reader.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace synth::formats {

// Reads either layout (chosen from the first line: a tab-separated header starting with a
// tag, or tagged text). UTF-16 with a byte order mark (some WoS saves) is converted.
// Malformed input: a record without ER, a tag line outside a record, a row whose field
// count exceeds the header -> ReadContext::bad_record / fail with the line.
void read_wos(std::string_view text, ReadContext& ctx, const RecordSink& sink);

// One tag of a record with its value lines (tagged: one entry per line; tab-delimited and
// CSV: the whole cell as one entry).
struct WosField
{
  std::string tag;
  std::vector<std::string> lines;
};

// Builds a record from WoS fields (not finished: the caller sets provenance and raw and
// calls finish_record). Shared with the CSV reader, which meets BIOSIS exports saved as
// CSV with tags as column names.
Record wos_record(const std::vector<WosField>& fields);

// Database name of a WoS accession number (UT): "WOS:..." -> "Web of Science",
// "MEDLINE:..." -> "MEDLINE", "BCI:..." / "BIOSIS:..." -> "BIOSIS Previews",
// "ZOOREC:..." -> "Zoological Record", "CCC:..." -> "Current Contents Connect",
// "INSPEC:..." -> "Inspec"; other prefixes -> "Web of Science".
std::string wos_database(std::string_view ut);

// True when `s` is a tag of two upper-case letters or digits starting with a letter ("PT", "C1").
bool is_wos_tag(std::string_view s);

} // namespace synth::formats
