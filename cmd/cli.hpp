#pragma once
// The synth command line as a library (synth_cli): the CLI11 app built from the command table
// (command.hpp), its help texts, `synth help COMMAND`, the man pages and the dispatch that maps
// an outcome to an exit code. main.cpp only calls run().
#include "command.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace synth::cli {

struct Cli
{
  CLI::App app{"synth: reproducible literature searches for systematic reviews", "synth"};
  Globals globals;
  std::string project;
  std::string help_topic; // synth help [COMMAND]
  std::vector<std::pair<CLI::App*, Runner>> runners;
};

// The app with every command of the table (and `help`), argument names, epilogs.
std::unique_ptr<Cli> make_cli();

// The help page of one command ("synth help import"), or of synth itself when command is "".
// Throws UsageError for an unknown command.
std::string help_page(Cli& cli, const std::string& command);

// The man page (roff) of one command (synth-import.1), or of synth (synth.1) when command is "".
std::string man_page(Cli& cli, const std::string& command);

// Parses, runs and returns the exit code: 0 success, 1 failure, 2 usage error (DESIGN.md 3).
int run(int argc, char** argv);

} // namespace synth::cli
