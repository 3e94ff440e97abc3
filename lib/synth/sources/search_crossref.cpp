// synth search, Crossref part: every page of the terms, the strategy evaluated locally.
#include "synth/query/evaluate.hpp"
#include "synth/query/translate.hpp"
#include "synth/sources/crossref.hpp"
#include "synth/sources/search_engines.hpp"

namespace synth::sources::detail {

namespace {

CrossrefOptions crossref_options(const SearchContext& ctx)
{
  CrossrefOptions co;
  co.base_url = ctx.options.crossref_url;
  co.mailto = ctx.options.email;
  co.rows = ctx.options.crossref_rows;
  return co;
}

} // namespace

std::int64_t crossref_count(SearchContext& ctx)
{
  auto cq = query::to_crossref(ctx.query);
  Crossref crossref(ctx.fetcher, crossref_options(ctx));
  return crossref.count(cq.bibliographic, cq.filter);
}

void crossref_fetch(SearchContext& ctx, const std::function<void(Record&&)>& keep)
{
  auto cq = query::to_crossref(ctx.query);
  auto co = crossref_options(ctx);
  Crossref crossref(ctx.fetcher, co);
  LocalMatch local(ctx, keep);
  auto res = crossref.works(
    cq.bibliographic, cq.filter, [&](Record&& r) { local(std::move(r)); },
    [&](std::int64_t done, std::int64_t total) { ctx.progress("Crossref records", done, total); });
  ctx.run.hits_reported = res.total_results;
  local.log();
  if (!res.warning.empty()) {
    ctx.warnings.push_back(res.warning);
  }
  auto& d = ctx.details;
  d["pages"] = res.pages;
  d["rows"] = co.rows;
  if (res.restarts) {
    d["cursor_restarts"] = res.restarts;
  }
  if (res.repeated) {
    d["repeated_works"] = res.repeated;
  }
  if (!res.rate_limit.empty()) {
    d["rate_limit"] = res.rate_limit;
  }
  if (!res.concurrency_limit.empty()) {
    d["concurrency_limit"] = res.concurrency_limit;
  }
}

} // namespace synth::sources::detail
