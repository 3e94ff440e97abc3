#include "synth/store/raw_archive.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

namespace synth::store {

namespace {
constexpr std::size_t k_buffer = 1 << 20;

// Bytes appended to a file and not yet written.
std::size_t pending(const std::string& buffer, std::size_t taken_bytes) { return buffer.size() + taken_bytes; }

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what)
{
  throw Error(fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno)));
}
} // namespace

RawArchive::~RawArchive()
{
  for (auto& [id, file] : m_files) {
    if (file.fd >= 0) {
      if (pending(file.buffer, file.taken_bytes) > 0) {
        // Autocommit inserts only: a transaction has synced or rolled back by now.
        try {
          write_out(file);
        } catch (const std::exception&) {
          // Nothing to tell from a destructor; the bytes belong to no committed row then.
        }
      }
      ::close(file.fd);
    }
  }
}

std::filesystem::path RawArchive::path_of(std::int64_t search_id) const
{
  return m_dir / fmt::format("{}.txt", search_id);
}

RawArchive::File& RawArchive::open(std::int64_t search_id, bool create)
{
  auto it = m_files.find(search_id);
  if (it != m_files.end() && (it->second.fd >= 0 || !create)) {
    return it->second;
  }
  File& file = m_files[search_id];
  auto path = path_of(search_id);
  if (create) {
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
  }
  file.fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
  if (file.fd < 0) {
    if (!create && errno == ENOENT) {
      return file;
    }
    fail(path, "cannot open");
  }
  struct stat st
  {
  };
  if (::fstat(file.fd, &st) != 0) {
    fail(path, "cannot stat");
  }
  file.size = st.st_size;
  file.opened_size = st.st_size;
  return file;
}

void RawArchive::start(std::int64_t search_id)
{
  File& file = open(search_id, true);
  file.buffer.clear();
  file.taken.clear();
  file.taken_bytes = 0;
  if (file.size > 0 && ::ftruncate(file.fd, 0) != 0) {
    fail(path_of(search_id), "cannot truncate");
  }
  file.size = 0;
  file.opened_size = 0; // a rollback removes the file: nothing in it was ever committed
  file.dirty = true;
}

std::int64_t RawArchive::end(std::int64_t search_id)
{
  File& file = open(search_id, true);
  return file.size + static_cast<std::int64_t>(pending(file.buffer, file.taken_bytes));
}

std::int64_t RawArchive::append(std::int64_t search_id, std::string_view text)
{
  File& file = open(search_id, true);
  auto offset = file.size + static_cast<std::int64_t>(pending(file.buffer, file.taken_bytes));
  if (!file.taken.empty()) {
    write_out(file); // keep the order: what was taken goes first
  }
  file.buffer.append(text);
  if (file.buffer.size() >= k_buffer) {
    write_out(file);
  }
  return offset;
}

std::int64_t RawArchive::append(std::int64_t search_id, std::string&& text)
{
  File& file = open(search_id, true);
  auto offset = file.size + static_cast<std::int64_t>(pending(file.buffer, file.taken_bytes));
  if (!file.buffer.empty()) {
    write_out(file);
  }
  file.taken_bytes += text.size();
  file.taken.push_back(std::move(text));
  if (file.taken_bytes >= k_buffer || file.taken.size() >= 512) {
    write_out(file);
  }
  return offset;
}

void RawArchive::write_out(File& file)
{
  const std::int64_t start = file.size;
  if (!file.taken.empty()) {
    // Taken strings, gathered into one call each of up to 512 pieces.
    std::vector<iovec> io;
    io.reserve(file.taken.size());
    for (auto& t : file.taken) {
      if (!t.empty()) {
        io.push_back({t.data(), t.size()});
      }
    }
    std::size_t first = 0;
    while (first < io.size()) {
      auto n = ::pwritev(file.fd, io.data() + first, static_cast<int>(std::min<std::size_t>(io.size() - first, 512)),
                         static_cast<off_t>(file.size));
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        fail(m_dir, "cannot write the raw archive");
      }
      auto left = static_cast<std::size_t>(n);
      file.size += n;
      while (left > 0) { // a short write: skip what went out
        if (left >= io[first].iov_len) {
          left -= io[first].iov_len;
          ++first;
        } else {
          io[first].iov_base = static_cast<char*>(io[first].iov_base) + left;
          io[first].iov_len -= left;
          left = 0;
        }
      }
    }
    file.taken.clear();
    file.taken_bytes = 0;
    file.dirty = true;
  }
  std::size_t done = 0;
  while (done < file.buffer.size()) {
    // At the logical end, wherever the descriptor is: a rollback may have cut the file.
    auto n = ::pwrite(file.fd, file.buffer.data() + done, file.buffer.size() - done,
                      static_cast<off_t>(file.size + static_cast<std::int64_t>(done)));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail(m_dir, "cannot write the raw archive");
    }
    done += static_cast<std::size_t>(n);
  }
  // Start writing these pages to disk now, in the background, so that sync() at commit
  // waits for little (Linux; elsewhere the final sync does it all).
  file.size += static_cast<std::int64_t>(done);
#ifdef SYNC_FILE_RANGE_WRITE
  ::sync_file_range(file.fd, static_cast<off_t>(start), static_cast<off_t>(file.size - start), SYNC_FILE_RANGE_WRITE);
#endif
  file.buffer.clear();
  file.dirty = true;
}

std::string RawArchive::read(std::int64_t search_id, std::int64_t offset, std::int64_t size)
{
  File& file = open(search_id, false);
  if (file.fd < 0 || size <= 0) {
    return {};
  }
  if (pending(file.buffer, file.taken_bytes) > 0) {
    write_out(file);
  }
  if (offset + size > file.size) {
    return {};
  }
  std::string out(static_cast<std::size_t>(size), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    auto n = ::pread(file.fd, out.data() + done, out.size() - done,
                     static_cast<off_t>(offset + static_cast<std::int64_t>(done)));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      fail(path_of(search_id), "cannot read");
    }
    done += static_cast<std::size_t>(n);
  }
  return out;
}

RawArchive::Mark RawArchive::mark()
{
  Mark m;
  for (auto& [id, file] : m_files) {
    if (file.fd < 0) {
      continue;
    }
    if (pending(file.buffer, file.taken_bytes) == 0) {
      // Another process may have appended since (its transaction, between two of ours).
      struct stat st
      {
      };
      if (::fstat(file.fd, &st) == 0 && st.st_size != file.size) {
        file.size = st.st_size;
      }
    }
    m[id] = file.size + static_cast<std::int64_t>(pending(file.buffer, file.taken_bytes));
  }
  return m;
}

void RawArchive::flush()
{
  for (auto& [id, file] : m_files) {
    if (file.fd >= 0 && pending(file.buffer, file.taken_bytes) > 0) {
      write_out(file);
    }
  }
}

void RawArchive::sync()
{
  flush();
  for (auto& [id, file] : m_files) {
    if (file.fd >= 0 && file.dirty) {
      if (::fdatasync(file.fd) != 0) {
        fail(path_of(id), "cannot sync");
      }
      file.dirty = false;
    }
  }
}

void RawArchive::rollback(const Mark& mark)
{
  for (auto it = m_files.begin(); it != m_files.end();) {
    File& file = it->second;
    if (file.fd < 0) {
      ++it;
      continue;
    }
    // A file first opened after the mark goes back to the size it had when opened.
    auto keep_at = mark.find(it->first);
    const std::int64_t keep = keep_at != mark.end() ? keep_at->second : file.opened_size;
    if (keep == 0 && keep_at == mark.end()) {
      // Created since the mark.
      ::close(file.fd);
      ::unlink(path_of(it->first).c_str());
      it = m_files.erase(it);
      continue;
    }
    if (keep >= file.size) {
      // The mark is within what is still pending (taken strings or the buffer, never both):
      // drop only what came after it. Marks fall between appends.
      auto left = static_cast<std::size_t>(keep - file.size);
      file.buffer.resize(std::min(file.buffer.size(), left));
      std::size_t kept = 0;
      std::size_t n = 0;
      while (n < file.taken.size() && kept + file.taken[n].size() <= left) {
        kept += file.taken[n].size();
        ++n;
      }
      file.taken.resize(n);
      file.taken_bytes = kept;
      ++it;
      continue;
    }
    file.buffer.clear();
    file.taken.clear();
    file.taken_bytes = 0;
    if (file.size > keep) {
      if (::ftruncate(file.fd, static_cast<off_t>(keep)) != 0) {
        fail(path_of(it->first), "cannot truncate");
      }
      file.size = keep;
    }
    ++it;
  }
}

} // namespace synth::store
