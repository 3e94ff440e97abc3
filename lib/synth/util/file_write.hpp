#pragma once
// Writing a whole file so that a reader never sees half of it: the text goes to a temporary
// file beside the target, is flushed and fsynced, and only then renamed over the target. On
// any failure the target is untouched and the temporary file removed.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

namespace synth::util {

// Writes what `write` puts into the stream to `target` atomically. Throws synth::Error
// "TARGET: cannot write[ WHAT]: REASON" (`what` names the file's role, e.g. "the review file").
// A target that is a directory is refused before anything is written; an existing target that
// is not a regular file (a device such as /dev/full, a FIFO) is written in place, checked.
void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write,
                           std::string_view what = {});
void write_file_atomically(const std::filesystem::path& target, std::string_view data, std::string_view what = {});

// Appends `data` to `target` (created when missing, with its directory entry synced) and
// fsyncs it before returning: a log whose rows must survive a crash (the decision file of
// synth screen --interactive). Errors as write_file_atomically.
void append_file_synced(const std::filesystem::path& target, std::string_view data, std::string_view what = {});

} // namespace synth::util
