#pragma once
// Comparison of two records: the evidence that they are the same item, the reasons that
// they cannot be (a veto), and a verdict. Pure, no I/O.
#include "synth/core/record.hpp"
#include "synth/dedup/features.hpp"
#include "synth/dedup/match.hpp"

#include <string>

namespace synth::dedup {

struct Options
{
  // Merge a conference abstract with a journal article of the same title (default: no:
  // the abstract and the later full paper are different reports).
  bool merge_conference_with_article = false;
  // Blocks larger than this are compared by sorted neighbourhood (each record against its
  // `window` neighbours in title order) so that cost stays near-linear.
  std::size_t max_block = 64;
  std::size_t window = 6;
};

enum class Verdict { different, uncertain, same };

struct Comparison
{
  Verdict verdict = Verdict::different;
  bool veto = false;    // the two records must never end in one cluster
  double score = 0;     // 0..1, higher is more alike; orders merges and the review list
  std::string evidence; // "doi", "pmid", "fields: title 0.97, year, first author, pages";
                        // for a veto its reason ("erratum vs article", "different pages")
};

// The reason two records can never be one item, or "" when none: different kinds
// (erratum/retraction/comment/conference vs article), different parts of a multi-part
// study, different DOIs (unless every other field of the citation is the same: long identical
// title, first author, journal, year and first page) or PMIDs, years more than one apart (unless the same identifier
// and title), different volume or pages. Volume and pages are no veto when the records
// share an identifier and their titles agree (a page count or article number in the pages
// field, a volume typo), nor is the volume when the citation is otherwise identical (same
// long title, first author, journal, year and first page: a supplement's volume lost by
// one export). Symmetric.
std::string veto_reason(const Record& a, const Features& fa, const Record& b, const Features& fb,
                        const Options& options);

// Whether veto_reason() would give a reason, without making its text (the hot path).
bool vetoed(const Features& fa, const Features& fb, const Options& options);

// What a veto rests on. volume and pages are field conflicts; the others are about what
// the records are (kind, part, identifiers, years).
// label: the kinds differ by the databases' publication types only (no kind from the
// records' own titles): it keeps the pair out of a cluster but compare() still weighs the
// fields, and a pair they would merge goes to review.
enum class Veto : std::uint8_t { none, kind, part, doi, pmid, years, volume, pages, label };
Veto veto_kind(const Features& fa, const Features& fb, const Options& options);

// Whether two records disagree on the field a volume, pages or label veto rests on (false
// for every other kind of veto). label: kinds that only publication types give differ.
bool disagree_on(Veto field, const Features& fa, const Features& fb);

// Whether compare() weighs a pair with veto `v` for review rather than leaving it apart
// silently: a label conflict, or a notice (by its title) and a record of another kind that
// share a DOI or PMID and a title.
bool reviewable(Veto v, const Features& fa, const Features& fb);

// Compares two records. Symmetric in its verdict and score.
Comparison compare(const Record& a, const Features& fa, const Record& b, const Features& fb, const Options& options);

} // namespace synth::dedup
