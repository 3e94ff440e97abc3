#pragma once
// Writing the project's records out: RIS (for reference managers and the next reviewer),
// CSV (DESIGN.md section 5 columns) and JSON lines.
#include "synth/store/store.hpp"
#include "synth/util/csv.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace synth::project {

enum class ExportFormat { ris, csv, jsonl };
// Which records: all; unique (no duplicates: the kept record of each cluster); and, from
// the last `synth screen`, included, excluded or pending (waiting for a decision); sought:
// the retrieval list, the unique records sought for retrieval (screening outcome at full
// text), with what synth fulltext found in Unpaywall (docs/fulltext.md).
enum class ExportSelection { all, unique, included, excluded, pending, sought };

std::optional<ExportFormat> parse_export_format(std::string_view name);
std::optional<ExportSelection> parse_export_selection(std::string_view name);
// A screening stage as stored: automatic, title, abstract, title-abstract, full-text.
bool is_screening_stage(std::string_view name);

// The CSV header: record_id,cluster_id,source,source_record_id,doi,pmid,title,year,journal,
// authors,language,publication_types,stage,decision,reason,type,abstract,flags
extern const char* const k_csv_header;
// With --only sought, these columns follow: fulltext ("found", "not found" in Unpaywall,
// "not checked": no DOI, or synth fulltext not run), is_oa (yes|no), oa_status, best_url,
// pdf_url, license, host_type, checked_at.
extern const char* const k_csv_fulltext_columns;

// Writes the selected records in synth-id order and returns how many were written; pending
// records of one human stage (synth export --pending STAGE) in ranked order instead, the
// order of synth screen --interactive (rank::Ranker trained on the outcomes at that stage:
// records that passed it relevant, records excluded there irrelevant; seed 1).
// cluster_id is the record's duplicate cluster (its own id when it has none). A non-empty
// `stage` keeps only the records whose screening stage is that one: with pending, the
// records waiting at that stage (the next reviewer's batch); with excluded, those excluded
// there; with all or unique, any outcome there.
// RIS: each screened record gets N1 notes with its synth id (for the decision file), its
// screening outcome and its flags, so that a reviewer reading it in a reference manager
// sees them.
std::int64_t export_records(store::Store& store, ExportFormat format, ExportSelection selection, std::ostream& out,
                            std::string_view stage = {});

// The CSV writer (util/csv.hpp), for callers that know it by its old place.
using util::append_csv_field;

} // namespace synth::project
