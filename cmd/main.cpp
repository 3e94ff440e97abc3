// synth: the executable. Everything else is the synth_cli library (cli.hpp).
#include "cli.hpp"

int main(int argc, char** argv) { return synth::cli::run(argc, argv); }
