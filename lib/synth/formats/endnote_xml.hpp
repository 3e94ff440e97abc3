#pragma once
// EndNote XML (<xml><records><record>...), as written by EndNote, Zotero, Mendeley and
// Bookends. Field text sits in <style> children (or directly in the field element).
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::util {
class InputStream;
}

namespace synth::formats {

// Reads EndNote XML one <record> at a time, calling `sink` once per record. Fields:
// ref-type name (publication_types), contributors/authors/author, titles/title,
// titles/secondary-title or periodical/full-title (journal), periodical/abbr-1,
// dates/year and pub-dates/date, volume, number (issue), pages, electronic-resource-num
// (DOI), isbn (ISSN of a serial), abstract, language, keywords, urls (first related or
// web URL), accession-num (source_id; also pmid when it is a PMID), rec-number (source_id
// when there is no accession number), remote-database-name (source: its first line, e.g.
// "Embase"; empty when absent). raw is the <record> element's XML (captions, labels and
// custom fields stay there). Malformed records go to ctx.bad_record() with their line;
// a file whose root is not <xml> fails ("not an EndNote XML file: ...").
void read_endnote_xml(std::string_view text, ReadContext& ctx, const RecordSink& sink);
// The same from a stream (a file of any size: one <record> in memory at a time).
void read_endnote_xml(util::InputStream& in, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
