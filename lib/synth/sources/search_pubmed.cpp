// synth search, PubMed part: the result set (resumed or from esearch) and the records.
#include "synth/sources/pubmed.hpp"
#include "synth/sources/search_engines.hpp"
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

// The latest result set of the same term not yet completed by a search, or nullopt.
std::optional<std::vector<std::string>> pending_ids(store::Store& store, const std::string& sent,
                                                    std::int64_t& count, std::int64_t& id)
{
  auto st = store.prepare(
    "SELECT count, ids, id FROM search_result_sets WHERE database = 'PubMed' AND query_sent = ? "
    "AND search_id IS NULL ORDER BY id DESC LIMIT 1");
  st.bind(1, sent);
  if (!st.step()) {
    return std::nullopt;
  }
  count = st.column_int(0);
  id = st.column_int(2);
  std::vector<std::string> ids;
  std::string text = st.column_text(1); // split() gives views into it
  for (auto pmid : util::split(text, ',')) {
    if (!pmid.empty()) {
      ids.emplace_back(pmid);
    }
  }
  return ids;
}

std::int64_t save_result_set(store::Store& store, const std::string& sent, const ResultSet& rs)
{
  store::Store::Transaction tx(store);
  auto st = store.prepare(
    "INSERT INTO search_result_sets(database, query_sent, created_at, count, ids) VALUES('PubMed', ?, ?, ?, ?)");
  st.bind(1, sent).bind(2, store::now_utc()).bind(3, rs.count).bind(4, util::join(rs.ids, ","));
  st.run();
  auto q = store.prepare("SELECT last_insert_rowid()");
  q.step();
  auto id = q.column_int(0);
  tx.commit();
  return id;
}

} // namespace

std::int64_t pubmed_count(SearchContext& ctx)
{
  return make_pubmed(ctx).count(ctx.run.query_sent);
}

PubMedPlan pubmed_plan(SearchContext& ctx, store::Store& store)
{
  PubMedPlan plan;
  std::int64_t count = 0;
  if (ctx.options.cache_mode != net::CacheMode::refresh) {
    if (auto ids = pending_ids(store, ctx.run.query_sent, count, plan.result_set_id)) {
      ctx.details["resumed"] = true;
      ctx.run.hits_reported = count;
      plan.ids = std::move(*ids);
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
  plan.result_set_id = save_result_set(store, ctx.run.query_sent, rs);
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
    ctx.warnings.push_back(fmt::format("PubMed returned {} of the {} records asked for", ctx.run.records_retrieved,
                                       total));
  }
  ctx.details["batch_size"] = ctx.options.batch_size;
}

void pubmed_complete(store::Store& store, const PubMedPlan& plan, const store::SearchRun& run)
{
  auto st = store.prepare("UPDATE search_result_sets SET search_id = ? WHERE id = ?");
  st.bind(1, run.id).bind(2, plan.result_set_id);
  st.run();
}

} // namespace synth::sources::detail
