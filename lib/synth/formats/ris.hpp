#pragma once
// RIS: the tagged format every reference manager and most databases export
// ("TY  - JOUR" ... "ER  - "). Vendor dialects differ: Ovid numbers records ("1."),
// EBSCO/ProQuest put the database in DB, Web of Science and Scopus use T2/JO/JA
// differently, EndNote writes A1/Y1, Zotero writes AU/PY/DA; CRLF, CR-only and BOMs occur.
#include "synth/formats/reader.hpp"

#include <ostream>
#include <string_view>

namespace synth::formats {

// Reads RIS text. A record runs from its first tag to its ER line; lines that are not
// tags continue the previous tag's value; text between records ("1.", blank lines) is
// ignored. A record without TY, or a file ending inside a record, is a bad record.
// Record.source is the DB tag when present (else empty: the caller names the source);
// source_id is AN when present.
void read_ris(std::string_view text, ReadContext& ctx, const RecordSink& sink);

// Writes records as RIS such that read_ris gives the same fields back (round trip):
// DB source, AN source_id, PM pmid, MH MeSH headings (the last two are synth's own tags,
// ignored by other readers).
void write_ris(std::ostream& out, const Record& record);

// The RIS TY code for a normalised type (journal-article -> JOUR ...).
std::string_view ris_type_code(std::string_view type);

} // namespace synth::formats
