#pragma once
// Helpers shared by the unit tests: where the real-world fixtures are, and a temporary
// directory that cleans up after itself. (support_net.hpp: a fake HTTP transport.)
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace synth::test {

// The shared fixtures folder: SYNTH_FIXTURES, or ../shared/fixtures beside the checkout.
inline std::filesystem::path fixtures()
{
  if (const char* env = std::getenv("SYNTH_FIXTURES"); env && *env) {
    return env;
  }
  return SYNTH_FIXTURES_DEFAULT;
}

inline bool have_fixtures() { return std::filesystem::is_directory(fixtures()); }

inline std::filesystem::path fixture(const std::string& rel) { return fixtures() / rel; }

// A new, empty directory under the system's temp folder (unique: mkdtemp), removed with
// everything in it when the object goes.
class TempDir
{
public:
  explicit TempDir(std::string_view prefix = "synth-test")
  {
    std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed for " + tmpl);
    }
    m_path = tmpl;
  }
  ~TempDir()
  {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& rel) const { return m_path / rel; }

  // Writes `text` to `rel` (its folders created), byte for byte; returns the full path.
  std::filesystem::path write(const std::string& rel, std::string_view text) const
  {
    auto to = m_path / rel;
    std::filesystem::create_directories(to.parent_path());
    std::ofstream(to, std::ios::binary) << text;
    return to;
  }

  // The whole content of `rel` (or of an absolute path).
  std::string read(const std::filesystem::path& rel) const
  {
    std::ifstream in(rel.is_absolute() ? rel : m_path / rel, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

private:
  std::filesystem::path m_path;
};

} // namespace synth::test

// Skips the rest of a test case, saying so, when the fixtures folder is absent.
#define SYNTH_REQUIRE_FIXTURES()                                                                                       \
  do {                                                                                                                 \
    if (!synth::test::have_fixtures()) {                                                                               \
      WARN("skipped: fixtures folder absent (" << synth::test::fixtures().string() << ")");                            \
      return;                                                                                                          \
    }                                                                                                                  \
  } while (false)
