#pragma once
// synth screen --interactive (screen_interactive.cpp).
#include "synth/core/project.hpp"
#include "synth/screen/screen.hpp"

#include <string>

namespace synth::store {
class Store;
}

namespace synth::cli {

// Refuses a terminal it cannot drive (synth::Error, exit 1), then runs the session.
int run_interactive(store::Store& store, const Project& project, screen::Stage stage, const std::string& reviewer,
                    const screen::Inputs& inputs);

} // namespace synth::cli
