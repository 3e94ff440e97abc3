#pragma once
// The one-pass scanner of OpenAlex pages, internal to formats/openalex_json.cpp: it splits a
// {"meta": ..., "results": [...]} page into its works and cuts each work down to the keys a
// Record (and chasing) reads, so that only those are parsed (most of a work's bytes are lists
// synth does not read), and rebuilds abstracts straight from the text.
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synth::formats::detail {

// Positions of an abstract_inverted_index beyond this (or negative) are ignored: a hostile
// index cannot make synth allocate gigabytes.
constexpr std::int64_t k_max_abstract_position = 1'000'000;

// A work's abstract_inverted_index as the scanner met it: rebuilt (`text`), or its text for
// the JSON parser (`inverted`, when the scanner gave up on it).
struct WorkAbstract
{
  bool seen = false;
  std::string text;
  std::string_view inverted;
  std::vector<std::pair<std::int64_t, std::string_view>> words; // scratch, reused
  std::deque<std::string> decoded;                              // the words with escapes, decoded
};

// One work of a page as the scanner cut it: `text`, the work as it stands on the page;
// `reduced`, the JSON text of the work with only the keys read (abstract_inverted_index left
// out); `abstract`, that index. False: give up the page.
using ScannedWork = std::function<bool(std::string_view text, std::string_view reduced, WorkAbstract& abstract)>;

// Reads a {"meta": ..., "results": [...]} page in one pass, calling `work` for each element of
// "results" in order; returns the text of "meta". nullopt when the page is not that, anything
// does not add up or `work` gave up: the caller then parses the page as a whole (and names
// any error's place).
std::optional<std::string_view> scan_page(std::string_view t, const ScannedWork& work);

// The texts of the elements of the top-level "results" array of a page; false when the
// text is not such a page (then works are re-written from the parsed document).
bool result_texts(std::string_view t, std::vector<std::string_view>& out);

} // namespace synth::formats::detail
