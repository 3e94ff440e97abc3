#pragma once
// Full-text availability (`synth fulltext`, docs/fulltext.md): for each record sought for
// retrieval, what Unpaywall said about it and when.
//
// Table of module "fulltext" (Store::migrate):
//   fulltext_checks  record_id (one row a record), doi, result ('found' | 'not found' |
//                    'not checked'), is_oa (0/1), oa_status, best_url, pdf_url, license,
//                    host_type, version, checked_at (UTC ISO 8601), request (net::describe:
//                    no email)
#include "synth/store/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace synth::store {

// The table; idempotent.
void migrate_fulltext(Store& store);

struct FulltextCheck
{
  std::int64_t record_id = 0;
  std::string doi;
  // "found" (Unpaywall knows the DOI), "not found" (Unpaywall answered 404), "not checked"
  // (the record has no DOI: nothing was asked; never "not retrieved")
  std::string result;
  bool is_oa = false;
  std::string oa_status; // gold | hybrid | bronze | green | closed
  std::string best_url;
  std::string pdf_url;
  std::string license;
  std::string host_type; // publisher | repository
  std::string version;
  std::string checked_at;
  std::string request;
};

// Records sought for retrieval: the unique records whose screening outcome is at the
// full-text stage (waiting there, included or excluded there), in id order. Empty before
// synth screen has run.
std::vector<std::int64_t> records_sought(Store& store);

// Writes (or replaces) the check of one record.
void put_fulltext_check(Store& store, const FulltextCheck& check);
// Every check, by record id (migrates first).
std::map<std::int64_t, FulltextCheck> fulltext_checks(Store& store);

} // namespace synth::store
