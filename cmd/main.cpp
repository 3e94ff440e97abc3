// synth: the executable. Builds the CLI from the command table, dispatches, and maps
// the outcome to an exit code: 0 success, 1 failure, 2 usage error (DESIGN.md section 3).
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/core/version.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace {

int print_error(const std::string& message, const std::string& hint)
{
  fmt::print(stderr, "synth: error: {}\n", message);
  if (!hint.empty()) {
    fmt::print(stderr, "hint: {}\n", hint);
  }
  return 0;
}

} // namespace

int main(int argc, char** argv)
{
  using namespace synth::cli;
  CLI::App app{"synth: reproducible literature searches for systematic reviews", "synth"};
  app.set_version_flag("--version", std::string("synth ") + synth::k_version);
  app.require_subcommand(1);
  app.fallthrough();

  Globals globals;
  std::string project;
  app.add_option("--project", project, "Review project folder (default: current directory)");
  app.add_flag("--json", globals.json, "Print one JSON document on stdout");
  auto* verbose = app.add_flag("-v,--verbose", globals.verbose, "More diagnostics on stderr (repeat for more)");
  auto* quiet = app.add_flag("-q,--quiet", globals.quiet, "Only errors on stderr");
  verbose->excludes(quiet);

  auto& list = commands();
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  Runner runner;
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (auto& command : list) {
    auto* sub = app.add_subcommand(command.name, command.description);
    runners.emplace_back(sub, command.setup(*sub, globals));
  }

  // "synth serch": CLI11 would say only that a subcommand is required.
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--project") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') {
      continue;
    }
    auto known = std::find_if(list.begin(), list.end(), [&](const auto& c) { return c.name == arg; });
    if (known == list.end()) {
      std::string names;
      for (const auto& c : list) {
        names += (names.empty() ? "" : ", ") + c.name;
      }
      print_error(fmt::format("unknown command '{}'", arg), fmt::format("one of {}; see synth --help", names));
      return 2;
    }
    break;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors speak like every other error: "synth: error: ...", a hint, exit 2.
    std::string where = "synth";
    for (const auto* sub : app.get_subcommands()) {
      where += " " + sub->get_name();
    }
    print_error(e.what(), fmt::format("see {} --help", where));
    return e.get_exit_code() == 0 ? 0 : 2;
  }
  if (!project.empty()) {
    globals.project = project;
  }

  if (globals.quiet) {
    silence_warnings();
  }
  auto logger = spdlog::stderr_color_mt("synth");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("synth: %l: %v");
  spdlog::set_level(globals.quiet       ? spdlog::level::err
                    : globals.verbose > 1 ? spdlog::level::debug
                    : globals.verbose     ? spdlog::level::info
                                          : spdlog::level::warn);

  for (auto& [sub, run] : runners) {
    if (sub->parsed()) {
      try {
        int rc = run();
        finish_stdout();
        return rc;
      } catch (const synth::UsageError& e) {
        print_error(e.what(), e.hint());
        return 2;
      } catch (const synth::Error& e) {
        print_error(e.what(), e.hint());
        return 1;
      } catch (const std::exception& e) {
        print_error(e.what(), {});
        return 1;
      }
    }
  }
  return 2;
}
