#pragma once
// PubMed XML: efetch answers and "Send to: File > XML" exports (PubmedArticleSet), NLM's
// baseline files, PubmedBookArticleSet, and the old MedlineCitationSet (medsamp2014).
//
// Streaming: each <PubmedArticle>, <PubmedBookArticle>, <MedlineCitation> (of a
// MedlineCitationSet) and <DeleteCitation> is cut out of the input and parsed alone, so
// memory does not grow with the size of the file.
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::util {
class InputStream;
}

namespace synth::formats {

// Reads PubMed XML from a stream (plain or gzip), calling `sink` once per article with
// source "PubMed" (ctx.default_source is set to "PubMed"), source_id = pmid, raw = the
// element's XML, provenance line/index. DeleteCitation PMIDs are counted in ctx.deleted
// and yield no record. Malformed elements, an article without PMID and a file cut short
// go to ctx.bad_record() with their line ("malformed XML in PubmedArticle: ...",
// "PubmedArticle has no PMID", "unexpected end of file inside PubmedArticle ...");
// a file that is not PubMed XML fails with ctx.fail() ("not a PubMed XML file: ...").
void read_pubmed_xml(util::InputStream& in, ReadContext& ctx, const RecordSink& sink);

// The same for a text in memory (a cached efetch answer, tests).
void read_pubmed_xml_text(std::string_view text, ReadContext& ctx, const RecordSink& sink);

} // namespace synth::formats
