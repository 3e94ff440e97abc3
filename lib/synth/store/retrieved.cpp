#include "synth/store/retrieved.hpp"

namespace synth::store {

std::map<std::string, std::int64_t> retrieved_per_source(Store& store)
{
  std::map<std::string, std::int64_t> out;
  auto st = store.prepare("SELECT database, SUM(n) FROM ("
                          "  SELECT database, MAX(records_retrieved) AS n FROM searches"
                          "  GROUP BY database, kind, CASE kind WHEN 'import' THEN file_hash ELSE query_sent END"
                          ") GROUP BY database");
  while (st.step()) {
    out[st.column_text(0)] = st.column_int(1);
  }
  return out;
}

} // namespace synth::store
