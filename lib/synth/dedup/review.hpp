#pragma once
// The review file of uncertain pairs: a CSV that a person fills in.
//
//   pair_id,decision,score,evidence,a_id,a_source,a_title,a_authors,a_year,a_journal,
//   a_volume,a_pages,a_doi,b_id,b_source,...,b_doi
//
// pair_id is "<a>-<b>" (the two synth ids). decision is empty (undecided), "same" or
// "different" (case and surrounding space ignored). The file is rewritten by every
// `synth dedup --review FILE`: rows already decided keep their decision, new uncertain
// pairs are added with an empty decision.
#include "synth/core/record.hpp"
#include "synth/dedup/dedup.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace synth::dedup {

struct ReviewRow
{
  std::int64_t a = 0;
  std::int64_t b = 0;
  std::string decision; // "", "same" or "different"
  double score = 0;
  std::string evidence;
  std::int64_t line = 0; // line of the row in the file it was read from (0: not read)
};

// Parses a review file's text. Throws synth::Error("FILE:LINE: ...") on a bad row (unknown
// decision, bad pair id, missing column, a pair decided 'same' on one row and 'different'
// on another): a file with one bad row yields nothing.
std::vector<ReviewRow> parse_review(std::string_view text, const std::string& file_label);

// The decisions among `rows` (rows with an empty decision are left out).
std::vector<ReviewDecision> decisions_of(const std::vector<ReviewRow>& rows);

// Writes the review CSV: `rows` side by side with their two records (looked up in
// `records` by id; a record that is gone leaves its columns empty).
std::string render_review(const std::vector<ReviewRow>& rows, const std::vector<Record>& records);

} // namespace synth::dedup
