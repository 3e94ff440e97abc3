// synth prisma: the PRISMA 2020 flow of the review (DESIGN.md section 8), computed from the
// store or read from a PRISMA2020 CSV (--counts), checked, and rendered as text, JSON, the
// PRISMA2020 CSV template or an SVG diagram. --expect compares with expected counts.
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/prisma/compute.hpp"
#include "synth/prisma/csv.hpp"
#include "synth/prisma/render.hpp"
#include "synth/prisma/svg.hpp"
#include "synth/store/store.hpp"
#include "synth/util/file_write.hpp"

namespace synth::cli {

namespace {

struct PrismaOptions
{
  std::string format = "text";
  std::string output;
  std::string counts;
  std::string expect;
};

std::string render(const prisma::Flow& flow, const std::string& format)
{
  if (format == "json") {
    return to_json(flow).dump(2) + "\n";
  }
  if (format == "csv") {
    return prisma::write_counts_csv(flow);
  }
  if (format == "svg") {
    return prisma::render_svg(flow);
  }
  return prisma::render_text(flow);
}

int run_prisma(const PrismaOptions& o, const Globals& g)
{
  if (!o.output.empty() && o.output != "-") {
    refuse_project_output(g, o.output);
  }
  prisma::Flow flow;
  if (!o.counts.empty()) {
    flow = prisma::read_counts_csv(o.counts);
    prisma::require_consistent(flow, o.counts);
  } else {
    auto store = open_store(g);
    flow = prisma::compute_flow(*store);
    prisma::require_consistent(flow, store->path().string());
  }
  auto format = g.json ? std::string("json") : o.format;
  auto text = render(flow, format);
  if (o.output.empty() || o.output == "-") {
    std::fputs(text.c_str(), stdout);
    finish_stdout();
  } else {
    util::write_file_atomically(o.output, text);
    note(g, fmt::format("wrote {} ({})", o.output, format));
  }
  if (!o.expect.empty()) {
    auto expected = prisma::read_expected(o.expect);
    auto differences = prisma::compare(expected.flow, flow, &expected.keys);
    if (!differences.empty()) {
      auto listing = prisma::format_differences(differences);
      listing.pop_back(); // trailing newline
      throw Error(fmt::format("{}: the flow differs in {} box{}:\n{}", o.expect, differences.size(),
                              differences.size() == 1 ? "" : "es", listing));
    }
    note(g, fmt::format("flow matches {}", o.expect));
  }
  return 0;
}

} // namespace

Runner setup_prisma(CLI::App& sub, const Globals& g)
{
  auto o = std::make_shared<PrismaOptions>();
  sub.add_option("--format", o->format, "Output: text, json, csv (PRISMA2020 template) or svg (diagram)")
    ->check(CLI::IsMember({"text", "json", "csv", "svg"}))
    ->capture_default_str();
  sub.add_option("-o,--output", o->output, "Write to FILE instead of stdout");
  sub.add_option("--counts", o->counts, "Read the flow from a PRISMA2020 CSV instead of the store")
    ->check(CLI::ExistingFile);
  sub.add_option("--expect", o->expect, "Exit 1 listing the boxes that differ from FILE (JSON or PRISMA2020 CSV)")
    ->check(CLI::ExistingFile);
  return [o, &g] { return run_prisma(*o, g); };
}

} // namespace synth::cli
