#pragma once
// PubMed through E-utilities (DESIGN.md section 6): esearch for the count and the PMIDs of
// a search (date-sliced above 10,000 hits), efetch of the records by POSTed id batches.
// Every answer goes through a net::Fetcher, so it is cached before it is parsed.
//
// esearch asks usehistory=y (the set is also kept on NCBI's history server), but efetch
// POSTs id batches taken from the PMIDs esearch returned, not WebEnv/query_key ranges:
// a WebEnv expires within hours, the recorded list does not, and the same list always
// makes the same requests, which is what lets a resumed or offline search replay the
// cache exactly (DESIGN.md section 6).
#include "synth/core/record.hpp"
#include "synth/net/cache.hpp"
#include "synth/util/wall_clock.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace synth::sources {

struct PubMedOptions
{
  std::string base_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"; // SYNTH_PUBMED_URL
  std::string api_key;                                                     // NCBI_API_KEY: sent, never logged or cached
  std::string email;             // SYNTH_EMAIL: sent as email, with tool=synth
  int batch_size = 500;          // ids per efetch POST
  int max_ids = 10000;           // esearch's ceiling per result set (SYNTH_ESEARCH_RETMAX, tests only)
  std::size_t post_above = 1800; // terms longer than this (encoded) are POSTed
  // The limiter to use; nullptr: the process-wide one (3/s, 10/s with an API key).
  net::RateLimiter* limiter = nullptr;
  // "Today" for the open end of date slicing; nullptr: the system's clock.
  const util::WallClock* clock = nullptr;
};

// A search's result set: the count PubMed reported and its PMIDs in PubMed's order.
struct ResultSet
{
  std::int64_t count = 0;
  std::vector<std::string> ids;
  int slices = 1;                    // esearch result sets it took (date slicing)
  std::string warning;               // e.g. the union of the slices differs from the total
  std::string translation;           // PubMed's QueryTranslation of the term
  std::vector<std::string> messages; // PubMed's errors and warnings ("phrase not found: x")
};

// What one esearch answer says.
struct EsearchAnswer
{
  std::int64_t count = 0;
  std::vector<std::string> ids;
  std::string translation;           // QueryTranslation
  std::vector<std::string> messages; // ErrorList and WarningList entries, e.g.
                                     // "phrase not found: abcXYZ", "no items found."
};

class PubMed
{
public:
  PubMed(net::Fetcher& fetcher, PubMedOptions options);

  // The hit count of a term (esearch rettype=count).
  std::int64_t count(const std::string& term);
  // The count and every PMID of a term. Above max_ids hits, the term is ANDed with
  // publication-date slices ("YYYY/MM/DD"[dp] : "YYYY/MM/DD"[dp]) split recursively
  // until each slice is under max_ids; the union is checked against the total.
  // date_from/date_to (YYYY[-MM[-DD]], may be empty) bound the slicing.
  ResultSet search(const std::string& term, const std::string& date_from, const std::string& date_to);
  // Fetches the records of `ids` in batches, calling `sink` per record (source PubMed).
  // A batch whose answer does not parse is dropped from the cache and fetched again once;
  // `on_batch(done, total)` reports progress.
  void fetch(const std::vector<std::string>& ids, const std::function<void(Record&&)>& sink,
             const std::function<void(std::size_t, std::size_t)>& on_batch = {});

  net::RateLimiter& limiter() { return *m_limiter; }

private:
  net::Request request(const std::string& tool, net::Params params) const;
  EsearchAnswer esearch(const std::string& term, bool count_only);
  // Adds the PMIDs of term within [from_day, to_day]; `count` is the range's hit count
  // when already known (-1: ask).
  void search_range(const std::string& term, long from_day, long to_day, std::int64_t count, ResultSet& out);

  net::Fetcher& m_fetcher;
  PubMedOptions m_options;
  net::RateLimiter* m_limiter;
};

// Parses an esearch XML answer. Throws synth::Error naming `label` when it is not one, or
// when it holds an ERROR element (a failed search, as opposed to ErrorList's notes).
EsearchAnswer parse_esearch(std::string_view xml, const std::string& label);
// The same, Count and IdList only.
void parse_esearch(std::string_view xml, const std::string& label, std::int64_t& count, std::vector<std::string>* ids);

} // namespace synth::sources
