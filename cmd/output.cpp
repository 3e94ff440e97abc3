#include "output.hpp"

#include <CLI/CLI.hpp>

#include "synth/core/project.hpp"
#include "synth/store/store.hpp"

#include "synth/core/error.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <ranges>
#include <unistd.h>

namespace synth::cli {

void print_json(const nlohmann::json& doc)
{
  std::fputs(doc.dump(2).c_str(), stdout);
  std::fputc('\n', stdout);
}

void note(const Globals& g, std::string_view text)
{
  if (!g.quiet) {
    fmt::print(stderr, "synth: {}\n", text);
  }
}

namespace {
bool g_warnings_silenced = false;
}

void silence_warnings() { g_warnings_silenced = true; }

void warn(std::string_view text)
{
  if (!g_warnings_silenced) {
    fmt::print(stderr, "synth: warning: {}\n", text);
  }
}

bool stderr_is_tty() { return isatty(STDERR_FILENO) != 0; }

Progress::Progress(const Globals& g, std::string label) : m_label(std::move(label)), m_on(!g.quiet && stderr_is_tty())
{
  m_next = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
}

std::function<void(std::int64_t)> Progress::callback()
{
  if (!m_on) {
    return {};
  }
  return [this](std::int64_t n) {
    if ((n & 1023) != 0) {
      return; // the clock is read once per 1,024 records
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= m_next) {
      m_next = now + std::chrono::milliseconds(200);
      fmt::print(stderr, "\r{}: {} records", m_label, thousands(n));
      std::fflush(stderr);
      m_shown = true;
    }
  };
}

void Progress::done()
{
  if (m_shown) {
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    m_shown = false;
  }
}

void refuse_project_output(const Globals& g, const std::filesystem::path& output)
{
  std::optional<synth::Project> project;
  try {
    project = synth::find_project(g.project);
  } catch (const synth::UsageError&) {
    return; // not in a project: no project files to protect
  }
  synth::refuse_project_file(*project, output);
}

void finish_stdout()
{
  // errno of a failed write is read before anything else can reset it.
  std::cout.flush();
  bool lost = !std::cout;
  int saved = lost ? errno : 0;
  if (!lost) {
    errno = 0;
    lost = std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
    saved = errno;
  }
  if (lost) {
    std::clearerr(stdout);
    std::cout.clear();
    throw synth::Error(fmt::format("cannot write to standard output: {}", saved ? std::strerror(saved) : "write error"),
                       "check the disk space or the program reading synth's output");
  }
}

std::unique_ptr<synth::store::Store> open_store(const Globals& g)
{
  auto project = synth::find_project(g.project);
  return std::make_unique<synth::store::Store>(project.db(), synth::store::Store::Mode::open_existing);
}

void add_cache_flags(CLI::App& sub, CacheFlags& flags)
{
  sub.add_flag("--offline", flags.offline, "Replay answers from the project's cache/ only; a miss is an error");
  sub.add_flag("--refresh", flags.refresh, "Ignore cached answers and fetch everything again");
}

net::CacheMode cache_mode(const CacheFlags& flags)
{
  if (flags.offline && flags.refresh) {
    throw UsageError("--offline and --refresh cannot be used together");
  }
  return flags.offline ? net::CacheMode::offline : flags.refresh ? net::CacheMode::refresh : net::CacheMode::normal;
}

NetworkTrace network_trace(const Globals& g, std::function<void()> before)
{
  NetworkTrace t;
  if (!g.verbose) {
    return t;
  }
  t.on_request = [before = std::move(before)](const std::string& request, bool from_cache) {
    if (before) {
      before();
    }
    fmt::print(stderr, "synth: {} {}\n", from_cache ? "cached" : "fetch ", request);
  };
  t.on_retry = [](int attempt, std::chrono::milliseconds delay, const std::string& why) {
    fmt::print(stderr, "synth: retry {} in {} ms: {}\n", attempt, delay.count(), why);
  };
  return t;
}

std::string thousands(std::int64_t n)
{
  auto digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  int count = 0;
  for (char c : std::views::reverse(digits)) {
    if (count && count % 3 == 0) {
      out += ',';
    }
    out += c;
    ++count;
  }
  if (n < 0) {
    out += '-';
  }
  return {out.rbegin(), out.rend()};
}

std::string plural(std::int64_t n, std::string_view singular, std::string_view plural_form)
{
  if (n == 1) {
    return fmt::format("1 {}", singular);
  }
  if (plural_form.empty()) {
    return fmt::format("{} {}s", thousands(n), singular);
  }
  return fmt::format("{} {}", thousands(n), plural_form);
}

} // namespace synth::cli
