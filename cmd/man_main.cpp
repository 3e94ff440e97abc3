// synth-man DIR: writes the man pages synth.1 and synth-COMMAND.1 of every command of the
// table into DIR (run at build time by CMake; no external tool).
#include "cli.hpp"

#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <fstream>

int main(int argc, char** argv)
{
  if (argc != 2) {
    fmt::print(stderr, "usage: synth-man DIR\n");
    return 2;
  }
  try {
    std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    auto cli = synth::cli::make_cli();
    auto write = [&](const std::string& file, const std::string& command) {
      std::ofstream out(dir / file, std::ios::binary);
      out << synth::cli::man_page(*cli, command);
      if (!out.flush()) {
        throw std::runtime_error("cannot write " + (dir / file).string());
      }
    };
    write("synth.1", "");
    for (const auto& c : synth::cli::commands()) {
      write(fmt::format("synth-{}.1", c.name), std::string(c.name));
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "synth-man: error: {}\n", e.what());
    return 1;
  }
  return 0;
}
