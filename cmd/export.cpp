// synth export: writes the project's records as RIS, CSV or JSON lines.
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/project/exporter.hpp"
#include "synth/screen/summary.hpp"
#include "synth/util/file_write.hpp"

#include <algorithm>
#include <iostream>

namespace synth::cli {
namespace {

struct ExportFlags
{
  std::string format = "csv";
  std::string only = "all";
  std::string output;
  std::string stage;
  std::string pending;
};

int run_export(const ExportFlags& flags, const Globals& g)
{
  auto format = project::parse_export_format(flags.format);
  if (!format) {
    throw UsageError(fmt::format("--format: unknown export format '{}'", flags.format), "one of ris, csv, jsonl");
  }
  auto selection = project::parse_export_selection(flags.only);
  if (!selection) {
    throw UsageError(fmt::format("--only: unknown selection '{}'", flags.only),
                     "one of all, unique, included, excluded, pending, sought");
  }
  std::string stage = flags.stage;
  if (!flags.pending.empty()) {
    if (*selection != project::ExportSelection::all && *selection != project::ExportSelection::pending) {
      throw UsageError(fmt::format("--pending {} with --only {}", flags.pending, flags.only),
                       "--pending STAGE alone (it means --only pending --stage STAGE)");
    }
    if (!stage.empty() && stage != flags.pending) {
      throw UsageError("--pending and --stage name different stages", "one of them");
    }
    selection = project::ExportSelection::pending;
    stage = flags.pending;
  }
  if (!stage.empty() && !project::is_screening_stage(stage)) {
    throw UsageError(fmt::format("unknown stage '{}'", stage),
                     "one of automatic, title, abstract, title-abstract, full-text");
  }
  bool to_file = !flags.output.empty() && flags.output != "-";
  if (to_file) {
    refuse_project_output(g, flags.output);
  }
  auto store = open_store(g);
  bool by_screening = !stage.empty() || *selection == project::ExportSelection::included
                      || *selection == project::ExportSelection::excluded
                      || *selection == project::ExportSelection::pending
                      || *selection == project::ExportSelection::sought;
  if (by_screening && !screen::ran(*store)) {
    throw Error("no screening result in this project yet", "run synth screen first");
  }
  std::int64_t written = 0;
  if (!to_file) {
    std::ios::sync_with_stdio(false);
    written = project::export_records(*store, *format, *selection, std::cout, stage);
    finish_stdout();
  } else {
    util::write_file_atomically(flags.output, [&](std::ostream& out) {
      written = project::export_records(*store, *format, *selection, out, stage);
    });
    note(g, fmt::format("wrote {} records to {}", thousands(written), flags.output));
  }
  return 0;
}

} // namespace

Runner setup_export(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<ExportFlags>();
  sub.add_option("--format", flags->format, "ris|csv|jsonl (default csv)");
  sub.add_option("--only", flags->only,
                 "all (default), unique (no duplicates), or by the last synth screen: included, excluded, pending, "
                 "sought (the retrieval list, with synth fulltext's Unpaywall columns)");
  sub.add_option("--stage", flags->stage,
                 "Only records whose screening stage is this one (automatic|title|abstract|title-abstract|full-text)");
  sub.add_option("--pending", flags->pending,
                 "STAGE: the records waiting for a decision at this stage, the next reviewer's batch, "
                 "most likely relevant first (ranked as synth screen --interactive ranks them)");
  sub.add_option("-o,--output", flags->output, "Write to this file instead of stdout");
  return [flags, &g] { return run_export(*flags, g); };
}

} // namespace synth::cli
