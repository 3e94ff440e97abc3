// synth search, OpenAlex part: each search string of the strategy (one, or several when a
// long OR list was split) paged through, the works unioned by id, the strategy evaluated
// locally on each (as for Crossref).
#include "synth/query/evaluate.hpp"
#include "synth/query/translate.hpp"
#include "synth/sources/openalex.hpp"
#include "synth/sources/search_engines.hpp"

#include <cstdlib>
#include <set>

namespace synth::sources::detail {

namespace {

OpenAlexOptions openalex_options(const SearchContext& ctx)
{
  OpenAlexOptions o;
  o.base_url = ctx.options.openalex_url;
  o.api_key = ctx.options.openalex_api_key;
  o.mailto = ctx.options.email;
  o.per_page = ctx.options.openalex_per_page;
  return o;
}

} // namespace

std::vector<std::string> openalex_filters(const query::QueryFile& query, std::size_t max_chars)
{
  auto oq = query::to_openalex(query, max_chars);
  std::vector<std::string> out;
  out.reserve(oq.searches.size());
  for (const auto& s : oq.searches) {
    out.push_back("title_and_abstract.search:" + s + (oq.filter.empty() ? "" : "," + oq.filter));
  }
  return out;
}

std::int64_t openalex_count(SearchContext& ctx)
{
  OpenAlex oa(ctx.fetcher, openalex_options(ctx));
  std::int64_t total = 0;
  for (const auto& f : openalex_filters(ctx.query, ctx.options.openalex_max_search)) {
    total += oa.count(f);
  }
  return total;
}

void openalex_fetch(SearchContext& ctx, const std::function<void(Record&&)>& keep)
{
  OpenAlex oa(ctx.fetcher, openalex_options(ctx));
  auto filters = openalex_filters(ctx.query, ctx.options.openalex_max_search);
  std::set<std::string> seen;
  std::int64_t reported = 0;
  std::int64_t repeated = 0;
  int pages = 0;
  LocalMatch local(ctx, keep);
  for (const auto& filter : filters) {
    auto res = oa.works(
      filter, seen, [&](formats::OpenAlexWork&& w) { local(std::move(w.record)); },
      [&](std::int64_t done, std::int64_t total) { ctx.progress("OpenAlex works", done, total); });
    reported += res.count;
    repeated += res.repeated;
    pages += res.pages;
  }
  // OpenAlex's own count: of one search, its meta.count; of a split one, the sum of the
  // parts' counts (works in two parts counted twice) - the union retrieved is exact.
  ctx.run.hits_reported = reported;
  local.log();
  auto& d = ctx.details;
  d["searches"] = filters.size();
  d["openalex_matched"] = ctx.run.records_retrieved; // what OpenAlex's search matched (word forms)
  d["strategy_matched"] = local.matched();           // what the strategy matches on title and abstract
  d["pages"] = pages;
  d["per_page"] = ctx.options.openalex_per_page;
  if (repeated) {
    d["repeated_works"] = repeated;
  }
  if (!oa.rate_limit().empty()) {
    d["rate_limit"] = oa.rate_limit();
  }
}

} // namespace synth::sources::detail
