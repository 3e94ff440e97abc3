#pragma once
// The file and store side of `synth screen --interactive` (docs/screen.md): what a session
// screens and the reviewer's decision file. The logic is screening_session.hpp.
#include "synth/core/project.hpp"
#include "synth/core/record.hpp"
#include "synth/project/screening_session.hpp"
#include "synth/screen/screen.hpp"
#include "synth/util/wall_clock.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace synth::store {
class Store;
}

namespace synth::project {

struct InteractiveData
{
  std::filesystem::path file; // decisions/<stage>-<reviewer>.csv
  std::string file_label;     // relative to the project
  // The candidates: unique records (one per duplicate cluster) that reached the stage in
  // the screening just run, in synth-id order, and their ranking texts (title, abstract).
  std::vector<Record> records;
  std::vector<std::string> texts;
  std::vector<SessionDecision> prior; // the reviewer's decisions at the stage, file order
  std::vector<std::string> reasons;   // the stage's reasons in the criteria, file order
  std::vector<Term> terms;            // to highlight: criteria `matches` and query files
  std::size_t today = 0;              // rows of the file stamped today (UTC)
  rank::StoppingOptions stopping;
};

// Checks the reviewer's name (letters, digits, '.', '_', '-': it names a file), runs
// screening as `synth screen` does (`inputs`; errors as synth::Error, nothing written) and
// reads what the session needs. Reads no other reviewer's decisions into the session.
InteractiveData load_interactive(store::Store& store, const Project& project, screen::Stage stage,
                                 const std::string& reviewer, const screen::Inputs& inputs,
                                 const util::WallClock& clock = util::system_wall_clock());

// The reviewer's decision file. Every change is on disk before the call returns: a row is
// appended and fsynced (the header first when the file is new); undo rewrites the file
// without its last row atomically (util::write_file_atomically: temporary file, fsync,
// rename), so a crash leaves either the old or the new file, never a part of one.
class DecisionFile
{
public:
  explicit DecisionFile(std::filesystem::path path);
  void append(std::string_view row);
  void undo();
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

} // namespace synth::project
