// The decision file of synth screen --interactive: rows appended (header first), undo by an
// atomic rewrite, a hand-written file without a last line end (lib/synth/project/interactive.hpp).
#include "synth/project/interactive.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace synth::project;
using synth::screen::Stage;
using synth::screen::Verdict;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p)
{
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct TempDir
{
  fs::path path = fs::temp_directory_path() / ("synth-decision-file-" + std::to_string(::getpid()));
  TempDir() { fs::remove_all(path); }
  ~TempDir() { fs::remove_all(path); }
};

} // namespace

TEST_CASE("a new decision file gets the header, then one row per decision: undo drops the last", "[project][session]")
{
  TempDir dir;
  DecisionFile f(dir.path / "decisions" / "title-abstract-AT.csv");
  auto one = session_row(1, Stage::title_abstract, Verdict::include, "", "AT", "", "2026-12-03T10:00:00Z");
  auto two = session_row(2, Stage::title_abstract, Verdict::exclude, "Animal study", "AT", "", "2026-12-03T10:00:05Z");
  f.append(one);
  f.append(two);
  std::string header = std::string(k_session_header) + "\n";
  CHECK(slurp(f.path()) == header + one + two);
  f.undo();
  CHECK(slurp(f.path()) == header + one);
  f.undo();
  f.undo(); // nothing left to take back: the header stays
  CHECK(slurp(f.path()) == header);
  f.append(two);
  CHECK(slurp(f.path()) == header + two);
}

TEST_CASE("appending to a hand-written file without a last line end starts a new line", "[project][session]")
{
  TempDir dir;
  fs::create_directories(dir.path);
  auto p = dir.path / "title-AT.csv";
  {
    std::ofstream out(p, std::ios::binary);
    out << "record,stage,decision,reason,reviewer\npmid:1,title,include,,AT";
  }
  DecisionFile f(p);
  auto row = session_row(5, Stage::title, Verdict::maybe, "", "AT", "", "t");
  f.append(row);
  CHECK(slurp(p) == "record,stage,decision,reason,reviewer\npmid:1,title,include,,AT\n" + row);
}
