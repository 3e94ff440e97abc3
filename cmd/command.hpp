#pragma once
// The command table. Each cmd/<name>.cpp registers one subcommand with a static
// Registration: a setup function binds its flags onto the CLI11 subcommand (no I/O) and
// returns the function that runs it. main.cpp builds the app from this one list, so help,
// docs and the --help test of every command come from it.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
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

struct Command
{
  std::string name;
  std::string description;
  int order; // position in --help
  std::function<Runner(CLI::App& sub, const Globals& globals)> setup;
};

std::vector<Command>& commands();

struct Registration
{
  explicit Registration(Command command) { commands().push_back(std::move(command)); }
};

} // namespace synth::cli
