#pragma once
// Candidate pairs for comparison: records that share a blocking key. Pure, no I/O.
#include "synth/core/record.hpp"
#include "synth/dedup/features.hpp"

#include <cstdint>
#include <vector>

namespace synth::dedup {

// Pairs (i, j), i < j, of indexes into `records`, each once, sorted. Records share a block
// when they have the same DOI, PMID, copy fingerprint, first three or last three
// significant words of a title form (the title or a translation given beside it), first
// author (last word of the family name) and year, or volume and first page. Copies have a
// key of their own so that a large block of one title still pairs them. A block larger
// than `max_block` is sorted by title and each record is paired with its `window` next
// neighbours only.
std::vector<std::uint64_t> candidate_pairs(const std::vector<Record>& records, const std::vector<Features>& features,
                                           std::size_t max_block, std::size_t window);

inline std::uint32_t pair_first(std::uint64_t p) { return static_cast<std::uint32_t>(p >> 32); }
inline std::uint32_t pair_second(std::uint64_t p) { return static_cast<std::uint32_t>(p); }

} // namespace synth::dedup
