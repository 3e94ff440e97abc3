#include "synth/store/archive_check.hpp"

#include "synth/store/store.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace synth::store {

namespace {

std::string bytes_text(std::int64_t n)
{
  auto digits = std::to_string(n);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits + (n == 1 ? " byte" : " bytes");
}

// What the records of one search need of its file.
struct Extent
{
  std::int64_t end = 0; // where its last record's text ends
  std::int64_t records = 0;
  std::int64_t bytes = 0;
  std::string overlap; // the first gap or overlap between two records, if any
};

struct Found
{
  std::map<std::int64_t, Extent> extents;                            // by search id, for every search
  std::vector<std::pair<std::int64_t, std::filesystem::path>> files; // <id>.txt in the archive
};

Found look(Store& store)
{
  Found f;
  {
    auto st = store.prepare("SELECT id FROM searches");
    while (st.step()) {
      f.extents[st.column_int(0)];
    }
  }
  auto st = store.prepare("SELECT search_id, raw_offset, raw_size FROM records WHERE raw_offset IS NOT NULL "
                          "ORDER BY search_id, raw_offset");
  while (st.step()) {
    Extent& e = f.extents[st.column_int(0)];
    const std::int64_t offset = st.column_int(1);
    const std::int64_t size = st.column_int(2);
    if (offset != e.end && e.overlap.empty()) {
      e.overlap = offset < e.end ? fmt::format("records overlap at byte {}", offset)
                                 : fmt::format("bytes {} to {} belong to no record", e.end, offset);
    }
    e.end = std::max(e.end, offset + size);
    ++e.records;
    e.bytes += size;
  }
  std::error_code ec;
  const auto& dir = store.raw_archive().dir();
  if (std::filesystem::is_directory(dir, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      auto name = entry.path().filename().string();
      if (entry.path().extension() != ".txt" || name.size() < 5) {
        continue;
      }
      auto stem = name.substr(0, name.size() - 4);
      if (stem.find_first_not_of("0123456789") != std::string::npos || stem.size() > 18) {
        continue;
      }
      f.files.emplace_back(std::stoll(stem), entry.path());
    }
  }
  return f;
}

} // namespace

ArchiveCheck check_archive(Store& store)
{
  // Under the write lock (then rolled back): no other command is between appending to the
  // archive and committing, so what the files hold past the records is truly left over.
  Store::Transaction lock(store);
  ArchiveCheck out;
  Found f = look(store);
  auto& archive = store.raw_archive();
  std::set<std::int64_t> with_file;
  for (const auto& [id, path] : f.files) {
    ++out.files;
    with_file.insert(id);
    auto it = f.extents.find(id);
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    if (it == f.extents.end()) {
      out.problems.push_back({path,
                              fmt::format("{} of a search that is not in the store (left by an interrupted "
                                          "command)",
                                          bytes_text(size)),
                              true});
      continue;
    }
    const Extent& e = it->second;
    out.records += e.records;
    out.bytes += e.bytes;
    if (!e.overlap.empty()) {
      out.problems.push_back({path, e.overlap, false});
    }
    if (size < e.end) {
      out.problems.push_back(
        {path,
         fmt::format("holds {}, its records need {}: their raw text is lost", bytes_text(size), bytes_text(e.end)),
         false});
    } else if (size > e.end) {
      out.problems.push_back(
        {path, fmt::format("{} after the last record (left by an interrupted command)", bytes_text(size - e.end)),
         true});
    }
  }
  for (const auto& [id, e] : f.extents) {
    if (e.records > 0 && !with_file.count(id)) {
      out.problems.push_back(
        {archive.path_of(id),
         fmt::format("missing: the raw text of {} {} is lost", e.records, e.records == 1 ? "record" : "records"),
         false});
    }
  }
  return out; // `lock` rolls back: nothing was written
}

std::vector<ArchiveProblem> repair_archive(Store& store)
{
  std::vector<ArchiveProblem> done;
  Store::Transaction tx(store); // no other command writes meanwhile
  Found f = look(store);
  for (const auto& [id, path] : f.files) {
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    auto it = f.extents.find(id);
    if (it == f.extents.end()) {
      std::filesystem::remove(path, ec);
      done.push_back({path, fmt::format("removed ({} of a search that is not in the store)", bytes_text(size)), true});
    } else if (size > it->second.end && it->second.overlap.empty()) {
      std::filesystem::resize_file(path, static_cast<std::uintmax_t>(it->second.end), ec);
      if (!ec) {
        done.push_back({path, fmt::format("cut {} after the last record", bytes_text(size - it->second.end)), true});
      }
    }
  }
  tx.commit();
  return done;
}

} // namespace synth::store
