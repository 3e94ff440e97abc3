#include "synth/store/fulltext.hpp"

namespace synth::store {

void migrate_fulltext(Store& store)
{
  store.migrate("fulltext", {R"(
CREATE TABLE fulltext_checks (
  record_id INTEGER PRIMARY KEY,
  doi TEXT NOT NULL,
  result TEXT NOT NULL,        -- found | not found | not checked
  is_oa INTEGER NOT NULL,
  oa_status TEXT NOT NULL,
  best_url TEXT NOT NULL,
  pdf_url TEXT NOT NULL,
  license TEXT NOT NULL,
  host_type TEXT NOT NULL,
  version TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  request TEXT NOT NULL
);
)"});
}

std::vector<std::int64_t> records_sought(Store& store)
{
  auto st = store.prepare("SELECT record_id FROM screening WHERE stage = 'full-text' ORDER BY record_id");
  std::vector<std::int64_t> out;
  while (st.step()) {
    out.push_back(st.column_int(0));
  }
  return out;
}

void put_fulltext_check(Store& store, const FulltextCheck& c)
{
  auto st = store.prepare("INSERT OR REPLACE INTO fulltext_checks(record_id, doi, result, is_oa, oa_status, best_url, "
                          "pdf_url, license, host_type, version, checked_at, request) "
                          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.record_id).bind(2, c.doi).bind(3, c.result).bind(4, c.is_oa ? 1 : 0).bind(5, c.oa_status);
  st.bind(6, c.best_url).bind(7, c.pdf_url).bind(8, c.license).bind(9, c.host_type).bind(10, c.version);
  st.bind(11, c.checked_at).bind(12, c.request);
  st.run();
}

std::map<std::int64_t, FulltextCheck> fulltext_checks(Store& store)
{
  migrate_fulltext(store);
  auto st = store.prepare("SELECT record_id, doi, result, is_oa, oa_status, best_url, pdf_url, license, host_type, "
                          "version, checked_at, request FROM fulltext_checks ORDER BY record_id");
  std::map<std::int64_t, FulltextCheck> out;
  while (st.step()) {
    FulltextCheck c;
    c.record_id = st.column_int(0);
    c.doi = st.column_text(1);
    c.result = st.column_text(2);
    c.is_oa = st.column_int(3) != 0;
    c.oa_status = st.column_text(4);
    c.best_url = st.column_text(5);
    c.pdf_url = st.column_text(6);
    c.license = st.column_text(7);
    c.host_type = st.column_text(8);
    c.version = st.column_text(9);
    c.checked_at = st.column_text(10);
    c.request = st.column_text(11);
    out.emplace(c.record_id, std::move(c));
  }
  return out;
}

} // namespace synth::store
