// refuse_project_file: which output paths are the project's own files (issue 15).
#include "synth/core/error.hpp"
#include "synth/core/project.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string refusal(const synth::Project& p, const fs::path& out)
{
  try {
    synth::refuse_project_file(p, out);
  } catch (const synth::Error& e) {
    return e.what();
  }
  return {};
}

} // namespace

TEST_CASE("refuse_project_file: the store, its side files and the project's folders by any spelling")
{
  synth::Project p{fs::path("/reviews/r1")};
  CHECK(refusal(p, "/reviews/r1/synth.db")
        == "/reviews/r1/synth.db is this project's store; choose another output file");
  CHECK(refusal(p, "/reviews/r1/./queries/../synth.db")
        == "/reviews/r1/./queries/../synth.db is this project's store; choose another output file");
  CHECK(refusal(p, "/reviews/r1/synth.db-wal").find("its write-ahead log") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/synth.db-shm").find("its shared-memory file") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/synth.db-journal").find("its journal") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/criteria.txt")
        == "/reviews/r1/criteria.txt is this project's criteria file; choose another output file");
  CHECK(refusal(p, "/reviews/r1/synth.raw/3.txt").find("is in this project's raw archive (synth.raw/)")
        != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/synth.raw").find("raw archive") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/cache/ab/cd.json").find("response cache (cache/)") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/decisions/title.csv").find("decisions folder (decisions/)") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/extraction/x.csv").find("extraction folder (extraction/)") != std::string::npos);
  CHECK(refusal(p, "/reviews/r1/queries/medline.query").find("queries folder (queries/)") != std::string::npos);
}

TEST_CASE("refuse_project_file: every other file is allowed, also beside the store and with similar names")
{
  synth::Project p{fs::path("/reviews/r1")};
  CHECK(refusal(p, "/reviews/r1/records.csv").empty());
  CHECK(refusal(p, "/reviews/r1/synth.db.csv").empty());
  CHECK(refusal(p, "/reviews/r1/cache.csv").empty());
  CHECK(refusal(p, "/reviews/r1/decisions-old/title.csv").empty());
  CHECK(refusal(p, "/reviews/r1/out/prisma.svg").empty());
  CHECK(refusal(p, "/reviews/r2/synth.db").empty()); // another project's store is not this one's
  CHECK(refusal(p, "/dev/stdout").empty());
}
