#pragma once
// The command table. commands.cpp lists every subcommand once, in --help order: its name,
// one-line summary, setup function, help page text (argument names, examples). A setup
// function (cmd/<name>.cpp) binds the command's flags onto its CLI11 subcommand (no I/O) and
// returns the function that runs it. cli.cpp builds the app from this one table, so
// `synth --help`, `synth help COMMAND`, the man pages (synth-man) and the e2e test that runs
// `--help` and `synth help` for every command (tests/e2e/test_help.py) all come from it.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::cli {

struct Globals
{
  std::optional<std::filesystem::path> project; // --project DIR
  bool json = false;                            // --json
  int verbose = 0;                              // -v (repeatable)
  bool quiet = false;                           // -q
};

// Runs the command; returns the exit code (0 ok, 1 failure). Errors may also be thrown
// as synth::Error (exit 1) or synth::UsageError (exit 2); main prints them.
using Runner = std::function<int()>;
using Setup = Runner (*)(CLI::App& sub, const Globals& globals);

// The name shown for an option's or positional's value in help and man pages:
// {"--output", "FILE"}, {"files", "FILE"} (a repeatable positional gets "..." added).
struct ArgName
{
  std::string_view option;
  std::string_view text;
};

struct Example
{
  std::string_view command; // synth import refs.ris --source Embase
  std::string_view what;    // one line: what it does
};

struct Command
{
  std::string_view name;
  std::string_view summary; // one line, in the command list of `synth --help`
  Setup setup;
  std::string_view description; // the help page's paragraph(s); lines of at most 90 columns
  std::vector<ArgName> args;
  std::vector<Example> examples; // 1 to 3
};

// Every command, in --help order (commands.cpp).
const std::vector<Command>& commands();

Runner setup_init(CLI::App& sub, const Globals& g);
Runner setup_search(CLI::App& sub, const Globals& g);
Runner setup_import(CLI::App& sub, const Globals& g);
Runner setup_dedup(CLI::App& sub, const Globals& g);
Runner setup_screen(CLI::App& sub, const Globals& g);
Runner setup_prisma(CLI::App& sub, const Globals& g);
Runner setup_log(CLI::App& sub, const Globals& g);
Runner setup_export(CLI::App& sub, const Globals& g);
Runner setup_status(CLI::App& sub, const Globals& g);
Runner setup_check(CLI::App& sub, const Globals& g);
Runner setup_chase(CLI::App& sub, const Globals& g);
Runner setup_fulltext(CLI::App& sub, const Globals& g);
Runner setup_translate(CLI::App& sub, const Globals& g);
Runner setup_simulate(CLI::App& sub, const Globals& g);

} // namespace synth::cli
