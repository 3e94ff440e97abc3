#pragma once
// Writing the project's records out: RIS (for reference managers and the next reviewer),
// CSV (DESIGN.md section 5 columns) and JSON lines.
#include "synth/store/store.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace synth::project {

enum class ExportFormat { ris, csv, jsonl };
enum class ExportSelection { all, unique, included, pending };

std::optional<ExportFormat> parse_export_format(std::string_view name);
std::optional<ExportSelection> parse_export_selection(std::string_view name);

// The CSV header: record_id,cluster_id,source,source_record_id,doi,pmid,title,year,journal,
// authors,language,publication_types,stage,decision,reason,type,abstract,flags
extern const char* const k_csv_header;

// Writes the selected records in synth-id order and returns how many were written.
// cluster_id is the record's duplicate cluster (its own id when it has none); unique =
// records that are not duplicates of another (the kept record of each cluster);
// included = records whose screening decision is include.
// pending = records waiting for a decision at `stage` (the next reviewer's batch).
std::int64_t export_records(store::Store& store, ExportFormat format, ExportSelection selection,
                            std::ostream& out, std::string_view stage = {});

// Appends one CSV field, quoted when needed (RFC 4180).
void append_csv_field(std::string& line, std::string_view value);

} // namespace synth::project
