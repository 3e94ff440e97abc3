#pragma once
// Writing a strategy in another platform's syntax (`synth translate`, docs/translate.md).
//
// The translation is line for line: line n of the source history is line n of the
// target's (PubMed: #n; Ovid: the n-th line, as Ovid numbers its history), so that line
// references keep their numbers. Where the target can say exactly what the source says,
// it does; where it cannot, the nearest it can say is written and a note says what was
// lost, on which line: a heading of a vocabulary synth has no mapping table for kept as a
// phrase of the same words; an explosion or a major-topic flag the target lacks;
// proximity widened (to AND) or narrowed by the platforms' off-by-one rules (Ovid's adjN
// allows N-1 words between, PubMed's [tiab:~N] N words); a wildcard the target spells
// differently or not at all; a field the target lacks and the field that stands in.
// A heading mapping is never invented: MeSH on Ovid MEDLINE is MeSH in PubMed (the same
// vocabulary); any other vocabulary keeps its words.
#include "synth/query/ovid.hpp"

#include <string>
#include <vector>

namespace synth::query {

struct TranslationNote
{
  int line = 0; // the line of the target history (its #n); 0 for the file as a whole
  std::string text;
};

struct Translation
{
  Syntax from = Syntax::pubmed;
  Syntax to = Syntax::pubmed;
  std::vector<std::string> lines;     // each search line of the target, in order, as written
  std::vector<TranslationNote> notes; // every lossy step, by line
  std::string text;                   // the query file for the target: header, notes, lines
};

// The fields of a set by name ("title", "abstract", "heading" ...), in Field order.
std::vector<std::string> field_names(const FieldSet& fields);

// A vocabulary's name as notes and `synth translate --json` give it ("MeSH", "CINAHL Headings").
std::string vocabulary_name(Vocabulary vocabulary);

// The thesaurus `target` writes headings in for a strategy read in `source`: Ovid hosts
// MEDLINE (MeSH), Embase (Emtree), PsycINFO (APA Thesaurus), CINAHL and ERIC, so a strategy
// of one of those stays on its database there; EBSCOhost hosts CINAHL and PsycINFO; every
// other target MeSH (PubMed, the Cochrane Library; the others write no MeSH heading). A
// heading in another vocabulary is kept as its words, with a note.
Vocabulary target_vocabulary(Syntax target, Vocabulary source);

// The targets synth writes: pubmed and ovid.
bool can_translate_to(Syntax target);

// Translates a strategy read without errors (read_strategy); `query` gives the header
// (name, dates, language) and the file name. Throws synth::Error for a strategy with
// errors or a target synth does not write.
Translation translate_strategy(const QueryFile& query, const Strategy& strategy, Syntax target);

// The strategy with every OR of one term under different fields written once, for
// `target` (EBSCOhost's `TI x OR AB x OR KW x` is x in title, abstract and keywords:
// PubMed's x[tiab], Ovid's x.ti,ab,kf.). Only a chain of OR alone is gathered, and only
// terms with the same words (as written), phrase, truncation and wildcards and fields of
// their own (no heading, proximity or untagged term). An operand whose fields hold the
// other's is kept as written (x[ti] OR x[tiab] is x[tiab]); title, abstract and keyword
// fields are united into one term when the target searches no more for the union than
// for the operands apart (PubMed's x[ti] OR x[ot] stays: [tiab] would add abstracts).
// translate_strategy writes the merged strategy; lines shared by references stay shared.
Strategy merge_same_terms(const Strategy& strategy, Syntax target);

} // namespace synth::query
