#pragma once
// Does the raw archive (synth.raw/, raw_archive.hpp) agree with the store? Every byte of
// every archive file must belong to exactly one record of the file's search, and every
// record's text must be in its file. What breaks it: a command killed before its commit
// (its bytes stay, belonging to no record, until the next search or import cuts them off),
// a store copied without its archive, a file edited or cut by hand.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace synth::store {

class Store;

struct ArchiveProblem
{
  std::filesystem::path file; // synth.raw/<id>.txt
  std::string what;           // "4,096 bytes after the last record (left by an interrupted command)"
  bool repairable = false;    // bytes that belong to no record: cutting them off loses nothing
};

struct ArchiveCheck
{
  std::int64_t files = 0;   // archive files looked at
  std::int64_t records = 0; // records whose text is in the archive
  std::int64_t bytes = 0;   // bytes of those records
  std::vector<ArchiveProblem> problems;
};

// Reads the store (in a read transaction) and the archive's files; changes nothing.
ArchiveCheck check_archive(Store& store);

// Cuts off what belongs to no record (bytes after a search's last record, files of searches
// that do not exist), in a write transaction. Returns what it did; problems that are not
// repairable (records whose text is missing or overlaps) are left and stay in check_archive.
std::vector<ArchiveProblem> repair_archive(Store& store);

} // namespace synth::store
