#pragma once
// One reader of the Format table run over a text or a fixture in a test: the records it
// passed on and what the context kept (skipped records, warnings, the source it found).
#include "support.hpp"

#include "synth/formats/reader.hpp"
#include "synth/util/input.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synth::test {

using TextReader = void (*)(std::string_view, formats::ReadContext&, const formats::RecordSink&);

struct ReadResult
{
  std::vector<Record> records;
  std::vector<formats::Skipped> skipped;
  std::vector<formats::Skipped> warnings;
  std::string default_source;
};

// `text` read by `reader`, errors and skipped records labelled `label`.
inline ReadResult read_with(TextReader reader, std::string_view text, bool lenient, const std::string& label)
{
  formats::ReadContext ctx(label, lenient);
  ReadResult out;
  reader(text, ctx, [&](Record&& r) { out.records.push_back(std::move(r)); });
  out.skipped = ctx.skipped();
  out.warnings = ctx.warnings();
  out.default_source = ctx.default_source;
  return out;
}

// The fixture `rel` (under the fixtures folder) read by `reader`, labelled `label` (else `rel`).
inline ReadResult read_fixture_with(TextReader reader, const std::string& rel, bool lenient = false,
                                    const std::string& label = {})
{
  return read_with(reader, util::read_file(fixture(rel)), lenient, label.empty() ? rel : label);
}

} // namespace synth::test
