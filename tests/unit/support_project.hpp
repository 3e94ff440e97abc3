#pragma once
// A throwaway synth project for the unit tests: a temporary directory with decisions/ and
// extraction/ and a new store (synth.db) open on it; closed before the directory goes.
#include "support.hpp"
#include "synth/store/store.hpp"

#include <memory>
#include <string_view>

namespace synth::test {

class TempProject : public TempDir
{
public:
  explicit TempProject(std::string_view prefix = "synth-project") : TempDir(prefix)
  {
    std::filesystem::create_directories(path() / "decisions");
    std::filesystem::create_directories(path() / "extraction");
    store = std::make_unique<store::Store>(path() / "synth.db", store::Store::Mode::create);
  }

  std::unique_ptr<store::Store> store; // destroyed (closed) before TempDir removes the files
};

} // namespace synth::test
