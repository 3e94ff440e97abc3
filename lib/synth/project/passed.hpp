#pragma once
// `synth screen --passed FILE --stage STAGE --reviewer NAME`: a stage list (the records a
// team kept at a stage, in any format synth imports, or a screening tool's labelled
// export) turned into a decisions CSV (docs/criteria.md, "Stage lists as decisions").
//
// Every unique record of the project gets one row at STAGE: `include` when a record of
// the list (labelled passed, or unlabelled) matches its cluster (stage_list.hpp),
// `exclude` with the reason otherwise. Records of the list labelled undecided leave their
// cluster without a row (pending at STAGE). Rows for records that never reached STAGE are
// ignored by synth screen, so the file depends only on the list and the store's clusters.
#include "synth/core/project.hpp"
#include "synth/project/stage_list.hpp"
#include "synth/screen/stage.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace synth::store {
class Store;
}

namespace synth::project {

struct PassedOptions
{
  std::filesystem::path file; // the stage list
  std::string label;          // its name in messages
  screen::Stage stage = screen::Stage::title_abstract;
  std::string reviewer;
  std::optional<std::string> reason;           // required at full-text
  bool strict = false;                         // records of the list that match nothing are an error
  std::optional<std::filesystem::path> output; // default: decisions/passed-<stage>-<reviewer>.csv
};

struct PassedResult
{
  std::filesystem::path output;       // where the decisions go
  std::string output_label;           // its name in messages (relative to the project)
  std::string csv;                    // the decisions file's text (written by write_passed)
  std::string format;                 // of the list ("ris", "csv" ...)
  std::string label_column;           // "" when the list carries no labels
  std::string reason;                 // of the exclusions
  std::int64_t list_records = 0;      // records read from the list
  std::int64_t list_passed = 0;       // of them labelled passed (all when unlabelled)
  std::int64_t list_excluded = 0;     // labelled excluded
  std::int64_t list_undecided = 0;    // labelled undecided
  std::int64_t matched = 0;           // list records (passed or undecided) that matched a cluster
  std::int64_t unique_records = 0;    // unique records of the store
  std::int64_t include_rows = 0;      // clusters passed
  std::int64_t exclude_rows = 0;      // clusters excluded
  std::int64_t pending = 0;           // clusters left without a row (undecided)
  std::vector<std::string> unmatched; // "<file>:<line>: <title> (<year>)": matched nothing
  std::vector<std::string> how;       // one per step that matched: "doi 20", "fields 3" ...
  screen::Stage stage = screen::Stage::title_abstract;
  std::vector<std::int64_t> passed_ids; // the kept records of the clusters passed
};

// Reads the list and the store and builds the decisions. Throws synth::Error, naming the
// list's file and line, when a record matches two or more clusters (the candidates
// listed), when a label cell is not a label, with `strict` when a record matches nothing,
// and without a reason at full-text. Writes nothing.
PassedResult build_passed(store::Store& store, const Project& project, const PassedOptions& options);

// The default reason of exclusions at a title or abstract stage: "not in <file name>", or
// for a list with labels "not included in <file name>".
std::string default_passed_reason(const std::filesystem::path& file, bool labelled);

// After screening with the decisions: the records the list passed that were excluded at an
// earlier stage (their decisions at result.stage are ignored, as the list says they went on):
// "<source:id> 'title' (year): excluded at title-abstract (not in screened_128.ris)".
std::vector<std::string> passed_but_excluded_before(store::Store& store, const PassedResult& result);

// Writes result.csv to result.output (through a temporary file and a rename).
void write_passed(const PassedResult& result);

} // namespace synth::project
