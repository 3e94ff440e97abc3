#pragma once
// BibTeX (.bib) as Zotero, JabRef, Web of Science, Scopus and Crossref write it:
// @type{key, field = {value} | "value" | 123 | macro # "text", ...}, also with ( ).
// @string macros are expanded, @comment and @preamble are skipped; the month macros
// jan ... dec are known. Values lose their grouping braces and their LaTeX: accents
// ({\"o}, \'e, \c{c} ...), special letters (\ss, \o, \ae ...), escapes (\& \% \_ \$ \#),
// \textless and friends; other commands keep their argument (\emph{x} -> x).
#include "synth/formats/reader.hpp"

#include <string>
#include <string_view>

namespace synth::formats {

// The entry type becomes publication_types ("article"); the key becomes source_id unless a
// better id exists: Web of Science "Unique-ID" (ISI:000... -> WOS:000..., source Web of
// Science) or a Scopus EID (from the url of entries with source = {Scopus}). An entry whose
// braces do not balance is a bad record at the line where it starts ("@article{key: ...").
void read_bibtex(std::string_view text, ReadContext& ctx, const RecordSink& sink);

// The text of a BibTeX value without grouping braces and LaTeX markup, in NFC UTF-8:
// "{\"O}sterreich {and} M{\'e}xico" -> "Österreich and México".
std::string decode_latex(std::string_view value);

} // namespace synth::formats
