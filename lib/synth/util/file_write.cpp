#include "synth/util/file_write.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <unistd.h>

namespace synth::util {

namespace fs = std::filesystem;

namespace {

std::string failure(const fs::path& target, std::string_view what, std::string_view reason)
{
  return fmt::format("{}: cannot write{}{}: {}", target.string(), what.empty() ? "" : " ", what, reason);
}

// fsync of a file (or a directory) by path; false with errno set when it fails.
bool sync_path(const fs::path& path, bool directory)
{
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_WRONLY) | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  bool ok = ::fsync(fd) == 0 || (directory && errno == EINVAL);
  int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

// Opens `path` with `mode`, writes it through `write` and closes it, every step checked; a
// failure throws naming `target` (the file the user asked for, when `path` is its temporary).
void write_stream(const fs::path& path, std::ios::openmode mode, const fs::path& target, std::string_view what,
                  const std::function<void(std::ostream&)>& write)
{
  std::ofstream out(path, mode);
  if (!out) {
    throw Error(failure(target, what, std::strerror(errno)));
  }
  errno = 0;
  write(out);
  out.flush();
  out.close();
  if (!out) {
    throw Error(failure(target, what, errno ? std::strerror(errno) : "write error"));
  }
}

} // namespace

void write_file_atomically(const fs::path& target, const std::function<void(std::ostream&)>& write,
                           std::string_view what)
{
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    throw Error(failure(target, what, "it is a directory; name a file"));
  }
  auto status = fs::status(target, ec);
  if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
    // A device, FIFO or socket (/dev/stdout, a named pipe): there is nothing to replace, and a
    // temporary file renamed over it would destroy it. Written in place, every write checked.
    write_stream(target, std::ios::binary, target, what, write);
    return;
  }
  static std::mt19937_64 rng(std::random_device{}());
  fs::path tmp = target;
  tmp += fmt::format(".tmp{}.{:x}", ::getpid(), rng());
  auto discard = [&] {
    std::error_code ignored;
    fs::remove(tmp, ignored);
  };
  try {
    write_stream(tmp, std::ios::binary | std::ios::trunc, target, what, write);
    if (!sync_path(tmp, false)) {
      throw Error(failure(target, what, std::strerror(errno)));
    }
  } catch (...) {
    discard();
    throw;
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    discard();
    throw Error(failure(target, what, ec.message()));
  }
  auto dir = target.parent_path();
  sync_path(dir.empty() ? fs::path(".") : dir, true); // the rename itself; best effort
}

void write_file_atomically(const fs::path& target, std::string_view data, std::string_view what)
{
  write_file_atomically(
    target, [&](std::ostream& out) { out.write(data.data(), static_cast<std::streamsize>(data.size())); }, what);
}

void append_file_synced(const fs::path& target, std::string_view data, std::string_view what)
{
  std::error_code ec;
  bool created = !fs::exists(target, ec);
  int fd = ::open(target.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error(failure(target, what, std::strerror(errno)));
  }
  std::size_t done = 0;
  while (done < data.size()) {
    auto n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      throw Error(failure(target, what, std::strerror(saved)));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    throw Error(failure(target, what, std::strerror(saved)));
  }
  ::close(fd);
  if (created) {
    auto dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (!sync_path(dir, true)) {
      throw Error(failure(target, what, std::strerror(errno)));
    }
  }
}

} // namespace synth::util
