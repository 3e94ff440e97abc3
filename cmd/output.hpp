#pragma once
// Output helpers for commands: results to stdout (text or one JSON document), notes to
// stderr unless -q.
#include "command.hpp"

#include "synth/net/cache.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}
namespace synth::store {
class Store;
}

namespace synth::cli {

// Prints one JSON document (pretty, newline-terminated) on stdout.
void print_json(const nlohmann::json& doc);

// A note on stderr ("synth: ..."), suppressed by -q.
void note(const Globals& g, std::string_view text);
// A warning on stderr ("synth: warning: ..."), shown unless -q ("only errors").
void warn(std::string_view text);
// Called once by main with -q: warn() prints nothing from then on.
void silence_warnings();

// True when stderr is a terminal (progress lines are shown only then).
bool stderr_is_tty();

// "FILE: 12,345 records" on stderr, rewritten in place a few times a second, while a long
// import runs; only when stderr is a terminal and not -q. done() clears the line.
class Progress
{
public:
  Progress(const Globals& g, std::string label);
  ~Progress() { done(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  std::function<void(std::int64_t)> callback(); // empty when no progress is shown
  void done();

private:
  std::string m_label;
  bool m_on = false;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_next;
};

// Refuses an output file (-o, --review) that is one of the project's own files (the store,
// synth.raw/, cache/, criteria, decisions ...): core/project.hpp refuse_project_file. Outside a
// project there is nothing to protect.
void refuse_project_output(const Globals& g, const std::filesystem::path& output);

// Flushes stdout (C and C++ streams) and throws synth::Error when anything written to it
// was lost: a full disk, /dev/full, a closed pipe.
void finish_stdout();

// Opens the project's store (project from --project or the current directory).
std::unique_ptr<synth::store::Store> open_store(const Globals& g);

// --offline and --refresh, for every command that fetches (search, chase ...).
struct CacheFlags
{
  bool offline = false;
  bool refresh = false;
};
void add_cache_flags(CLI::App& sub, CacheFlags& flags);
// The cache mode the flags ask for; a UsageError when both are given.
net::CacheMode cache_mode(const CacheFlags& flags);

// With -v, each request ("fetch " or "cached") and each retry on stderr; without -v, empty
// functions. `before` runs before each request line (a command ends its progress line there).
struct NetworkTrace
{
  std::function<void(const std::string& request, bool from_cache)> on_request;
  std::function<void(int attempt, std::chrono::milliseconds delay, const std::string& why)> on_retry;
};
NetworkTrace network_trace(const Globals& g, std::function<void()> before = {});

// Thousands separators: 5587 -> "5,587".
std::string thousands(std::int64_t n);

// "1 record", "5,587 records"; `plural_form` defaults to singular + "s".
std::string plural(std::int64_t n, std::string_view singular, std::string_view plural_form = {});

} // namespace synth::cli
