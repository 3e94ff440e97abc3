#pragma once
// Reading an export of any size with memory bounded by its largest record, not by the file:
// the file is read in blocks, cut into pieces of whole records (about 4 MB each) where the
// format allows a cut, and each piece is given to the format's reader in turn. The reader's
// context carries what runs on from one piece to the next (line numbers, record numbers,
// the source the file names, BibTeX @string values); CSV and tab-delimited files get their
// header row again before each later piece.
//
// Limits (docs/import.md), each an error naming the file and line:
//   k_max_line    a line longer than 16 MB (no export writes one: a binary or damaged file)
//   k_max_record  a record, or text between two places where a piece may end, over 64 MB
//   a NUL byte anywhere (a binary file, /dev/zero, a UTF-16 file without its byte order mark)
//   k_max_json    a Crossref JSON file over 512 MB (JSON is parsed whole)
// Gzip data has its own limits (util/input.hpp). PubMed XML and EndNote XML are streamed
// element by element (xml_text.hpp), with the same record limit.
#include "synth/formats/reader.hpp"

#include <cstddef>
#include <string_view>

namespace synth::util {
class InputStream;
}

namespace synth::formats {

inline constexpr std::size_t k_max_line = std::size_t{16} << 20;
inline constexpr std::size_t k_max_record = std::size_t{64} << 20;
inline constexpr std::size_t k_max_json = std::size_t{512} << 20;

// Reads the input of `in` (a file, gzip, a pipe or stdin) in `format` (automatic: detected
// from its first bytes), calling `sink` per record. Errors: synth::Error naming the file
// (ctx.file()) and line, with a hint where the user can act.
void read_stream(util::InputStream& in, Format format, ReadContext& ctx, const RecordSink& sink);

// Where a piece of `text` may end for `format`: the offset just after the last whole record
// (and what follows it up to where the next may start), or 0 when there is none yet. `text`
// starts where a record may start. Exposed for the tests.
std::size_t piece_end(Format format, std::string_view text);

} // namespace synth::formats
