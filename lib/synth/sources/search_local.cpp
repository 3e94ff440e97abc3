// synth search: the local evaluation of the strategy shared by Crossref and OpenAlex.
#include "synth/sources/search_engines.hpp"

namespace synth::sources::detail {

LocalMatch::LocalMatch(SearchContext& ctx, const std::function<void(Record&&)>& keep)
  : m_ctx(ctx), m_keep(keep), m_compiled(ctx.query)
{
}

void LocalMatch::operator()(Record&& record)
{
  ++m_ctx.run.records_retrieved;
  m_no_abstract += record.abstract.empty() ? 1 : 0;
  for (auto& tag : m_compiled.unhonoured_tags(record)) {
    ++m_unhonoured[tag];
  }
  if (m_compiled.matches(record)) {
    ++m_matched;
    m_keep(std::move(record));
  }
}

void LocalMatch::log() const
{
  m_ctx.run.records_matched = m_matched;
  m_ctx.details["without_abstract"] = m_no_abstract;
  if (!m_unhonoured.empty()) {
    m_ctx.details["unhonoured_tags"] = m_unhonoured;
  }
}

} // namespace synth::sources::detail
