#pragma once
// searches.details, typed (issue 14): what a search or import logged beyond the counts of its
// row, with one JSON codec. The column holds one flat JSON object:
//   warnings      [text]       every run: the warnings it printed (always a list; rows of
//                              synth before 0.x kept a number here, read as one warning)
//   prisma_group  text         imports: the PRISMA box chosen by --prisma-group
//   skipped, deleted, repeated imports: records skipped as bad (--lenient), records marked
//                              deleted by the database, records repeated in the file
//   requests, cache_hits       searches: network requests made and answers read from the cache
//   findings      [{code, severity, line, col, message, fix}]: searches: the linter's
//                              findings on the strategy as run
//   anything else              what a search engine logs of its own (PubMed: slices,
//                              query_translation, batch_size, resumed; Crossref: pages, rows,
//                              without_abstract, unhonoured_tags, cursor_restarts,
//                              repeated_works, rate_limit, concurrency_limit), kept as given
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {

struct LoggedFinding
{
  std::string code;
  std::string severity;
  int line = 0;
  int col = 0;
  std::string message;
  std::string fix;
};

struct SearchDetails
{
  std::vector<std::string> warnings;
  std::string prisma_group;
  std::optional<std::int64_t> skipped, deleted, repeated;
  std::optional<std::int64_t> requests, cache_hits;
  std::vector<LoggedFinding> findings;
  nlohmann::json engine = nlohmann::json::object(); // the engine's own keys (above)
};

nlohmann::json details_to_json(const SearchDetails& d);
// Reads what any version of synth wrote; a text that is not a JSON object gives empty details
// with the text kept as one warning, so that nothing logged is lost.
SearchDetails details_from_json(std::string_view text);
inline SearchDetails details_from_json(const std::string& text) { return details_from_json(std::string_view(text)); }
inline SearchDetails details_from_json(const char* text) { return details_from_json(std::string_view(text)); }
// The same from a JSON value already built (a search engine's details): no text round trip.
SearchDetails details_from_json(const nlohmann::json& value);
std::string encode_details(const SearchDetails& d);

} // namespace synth::store
