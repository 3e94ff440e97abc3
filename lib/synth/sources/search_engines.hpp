#pragma once
// Internal to sources/search.cpp: how one query file runs against PubMed or Crossref.
// run_search() (search.cpp) owns the store transaction; the functions here fetch, fill
// the searches row and the details of the search log, and hand each record to `keep`.
#include "synth/core/record.hpp"
#include "synth/net/cache.hpp"
#include "synth/query/evaluate.hpp"
#include "synth/query/query_file.hpp"
#include "synth/sources/search.hpp"
#include "synth/store/store.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace synth::sources::detail {

struct SearchContext
{
  const query::QueryFile& query;
  const SearchOptions& options;
  net::Fetcher& fetcher;
  store::SearchRun& run;
  nlohmann::json& details;
  std::vector<std::string>& warnings;
  // Progress of a phase ("PubMed records"), done and total.
  std::function<void(const std::string&, std::int64_t, std::int64_t)> progress;
};

// PubMed's result set for the run: resumed from the store, or from esearch (then saved,
// committed at once, so that an interrupted search resumes with the same PMIDs).
struct PubMedPlan
{
  std::vector<std::string> ids;
  std::int64_t result_set_id = 0; // the search_result_sets row to mark as completed
};

// The local evaluation shared by the engines whose own search is broader than the strategy
// (Crossref, OpenAlex): each work retrieved is counted (run.records_retrieved), so are works
// without an abstract and, per tag, the strategy's fields a work lacks; the works the
// strategy matches go to `keep`. log() writes without_abstract and unhonoured_tags into the
// details and records_matched into the run.
class LocalMatch
{
public:
  LocalMatch(SearchContext& ctx, const std::function<void(Record&&)>& keep);
  void operator()(Record&& record);
  std::int64_t matched() const { return m_matched; }
  void log() const;

private:
  SearchContext& m_ctx;
  const std::function<void(Record&&)>& m_keep;
  query::CompiledQuery m_compiled;
  std::int64_t m_matched = 0;
  std::int64_t m_no_abstract = 0;
  std::map<std::string, std::int64_t> m_unhonoured; // tag -> works lacking that field
};

std::int64_t pubmed_count(SearchContext& ctx);
PubMedPlan pubmed_plan(SearchContext& ctx, store::Store& store);
void pubmed_fetch(SearchContext& ctx, const PubMedPlan& plan, const std::function<void(Record&&)>& keep);
// Marks the plan's result set as completed by the run (inside the run's transaction).
void pubmed_complete(store::Store& store, const PubMedPlan& plan, const store::SearchRun& run);

std::int64_t crossref_count(SearchContext& ctx);
// Fetches every page and keeps the works that match the strategy (local evaluation).
void crossref_fetch(SearchContext& ctx, const std::function<void(Record&&)>& keep);

// OpenAlex: the filter of each search (title_and_abstract.search plus the header's filters;
// several when a long OR list is split to stay under `max_chars`).
std::vector<std::string> openalex_filters(const query::QueryFile& query, std::size_t max_chars);
std::int64_t openalex_count(SearchContext& ctx);
// Fetches every page of every search and keeps the works the strategy matches.
void openalex_fetch(SearchContext& ctx, const std::function<void(Record&&)>& keep);

} // namespace synth::sources::detail
