// synth search, PubMed part: the result set (resumed or from esearch) and the records.
#include "synth/sources/pubmed.hpp"
#include "synth/sources/search_engines.hpp"
#include "synth/store/result_sets.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::sources::detail {

namespace {

PubMed make_pubmed(SearchContext& ctx)
{
  PubMedOptions po;
  po.base_url = ctx.options.pubmed_url;
  po.api_key = ctx.options.api_key;
  po.email = ctx.options.email;
  po.batch_size = ctx.options.batch_size;
  po.max_ids = ctx.options.esearch_max;
  return PubMed(ctx.fetcher, po);
}

} // namespace

std::int64_t pubmed_count(SearchContext& ctx) { return make_pubmed(ctx).count(ctx.run.query_sent); }

PubMedPlan pubmed_plan(SearchContext& ctx, store::Store& store)
{
  PubMedPlan plan;
  if (ctx.options.cache_mode != net::CacheMode::refresh) {
    if (auto pending = store::pending_result_set(store, "PubMed", ctx.run.query_sent)) {
      ctx.details["resumed"] = true;
      ctx.run.hits_reported = pending->count;
      plan.result_set_id = pending->id;
      plan.ids = std::move(pending->ids);
      return plan;
    }
  }
  auto rs = make_pubmed(ctx).search(ctx.run.query_sent, ctx.query.date_from, ctx.query.date_to);
  if (!rs.warning.empty()) {
    ctx.warnings.push_back(rs.warning);
  }
  for (const auto& m : rs.messages) {
    ctx.warnings.push_back("PubMed: " + m);
  }
  ctx.details["slices"] = rs.slices;
  if (!rs.translation.empty()) {
    ctx.details["query_translation"] = rs.translation;
  }
  ctx.run.hits_reported = rs.count;
  plan.result_set_id = store::save_result_set(store, "PubMed", ctx.run.query_sent, rs.count, rs.ids);
  plan.ids = std::move(rs.ids);
  return plan;
}

void pubmed_fetch(SearchContext& ctx, const PubMedPlan& plan, const std::function<void(Record&&)>& keep)
{
  auto total = static_cast<std::int64_t>(plan.ids.size());
  ctx.progress("PubMed records", 0, total);
  make_pubmed(ctx).fetch(
    plan.ids,
    [&](Record&& r) {
      ++ctx.run.records_retrieved;
      keep(std::move(r));
    },
    [&](std::size_t done, std::size_t) { ctx.progress("PubMed records", static_cast<std::int64_t>(done), total); });
  if (ctx.run.records_retrieved != total) {
    ctx.warnings.push_back(
      fmt::format("PubMed returned {} of the {} records asked for", ctx.run.records_retrieved, total));
  }
  ctx.details["batch_size"] = ctx.options.batch_size;
}

void pubmed_complete(store::Store& store, const PubMedPlan& plan, const store::SearchRun& run)
{
  store::complete_result_set(store, plan.result_set_id, run.id);
}

} // namespace synth::sources::detail
