#pragma once
// Renderers of a flow: text for a terminal, JSON, and reading a flow back from JSON.
// The CSV template is in csv.hpp, the SVG diagram in svg.hpp.
#include "synth/prisma/flow.hpp"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace synth::prisma {

// One JSON object with the flat PRISMA2020 keys (numbers), the list keys as arrays of
// {"label": ..., "n": ...} (n null for a database whose count is unknown), and synth's keys: title_excluded,
// abstract_screened and abstract_excluded only when title and abstract were screened separately, records_pending and
// reports_pending always. List keys also get a total: dbr_excluded_total, other_excluded_total.
nlohmann::json to_json(const Flow& flow);

// Reads such an object. Keys it does not know are an error naming the key (so a typo in
// an --expect file is not silently ignored); keys ending in _total are ignored (derived);
// a list may also be given as {"label": n, ...} or as one number (its total).
// `keys`, when given, receives the data keys the document holds.
Flow from_json(const nlohmann::json& doc, std::string_view name, std::vector<std::string>* keys = nullptr);

// The flow as aligned text: one line per box, phases as headings, numbers right-aligned
// with thousands separators, reasons indented under their box. Ends with a newline.
std::string render_text(const Flow& flow);

// --- comparison for --expect ---------------------------------------------------------------
struct Difference
{
  std::string key;
  std::string expected; // as shown: "5,587" or "Reason, 12; Other, 3"
  std::string actual;
};

// An expected flow and the keys its file gives: a box the file does not mention is not a
// claim, so an expectation may name only the boxes a CI script cares about.
struct Expected
{
  Flow flow;
  std::vector<std::string> keys;
};

// The boxes whose values differ (lists compare entry by entry, order ignored; a list given
// as one entry labelled "Total" compares by its sum), in template order. With `only`, just
// those keys are compared.
std::vector<Difference> compare(const Flow& expected, const Flow& actual,
                                const std::vector<std::string>* only = nullptr);

// Reads an expected flow: JSON (first non-blank character '{') or a PRISMA2020 CSV.
Expected read_expected(const std::filesystem::path& path);

// "records_screened: expected 5,587, got 5,577" one per line.
std::string format_differences(const std::vector<Difference>& differences);

} // namespace synth::prisma
