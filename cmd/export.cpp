// synth export: writes the project's records as RIS, CSV or JSON lines.
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/project/exporter.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

namespace synth::cli {
namespace {

struct ExportFlags
{
  std::string format = "csv";
  std::string only = "all";
  std::string output;
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
    throw UsageError(fmt::format("--only: unknown selection '{}'", flags.only), "one of unique, included");
  }
  if (!flags.pending.empty()) {
    static const std::vector<std::string> stages{"title", "abstract", "title-abstract", "full-text"};
    if (std::find(stages.begin(), stages.end(), flags.pending) == stages.end()) {
      throw UsageError(fmt::format("--pending: unknown stage '{}'", flags.pending),
                       "one of title, abstract, title-abstract, full-text");
    }
    selection = project::ExportSelection::pending;
  }
  auto store = open_store(g);
  std::int64_t written = 0;
  if (flags.output.empty() || flags.output == "-") {
    std::ios::sync_with_stdio(false);
    written = project::export_records(*store, *format, *selection, std::cout, flags.pending);
    std::cout.flush();
  } else {
    auto tmp = flags.output + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary);
      if (!out) {
        throw Error(fmt::format("{}: cannot write", flags.output));
      }
      written = project::export_records(*store, *format, *selection, out, flags.pending);
      if (!out.flush()) {
        throw Error(fmt::format("{}: cannot write", flags.output));
      }
    }
    std::filesystem::rename(tmp, flags.output);
    note(g, fmt::format("wrote {} records to {}", thousands(written), flags.output));
  }
  return 0;
}

Runner setup_export(CLI::App& sub, const Globals& g)
{
  auto flags = std::make_shared<ExportFlags>();
  sub.add_option("--format", flags->format, "ris|csv|jsonl (default csv)");
  sub.add_option("--only", flags->only, "unique (no duplicates) or included (screening)");
  sub.add_option("-o,--output", flags->output, "Write to this file instead of stdout");
  sub.add_option("--pending", flags->pending, "Only records waiting for a decision at this stage (title|abstract|title-abstract|full-text): the next reviewer's batch");
  return [flags, &g] { return run_export(*flags, g); };
}

const Registration k_registration{{"export", "Export records as RIS, CSV or JSON lines", 80, setup_export}};

} // namespace
} // namespace synth::cli
