#pragma once
// The PRISMA 2020 flow of a review as plain data (DESIGN.md section 8). Field names are the
// data keys of the PRISMA2020 R package's CSV template (Haddaway et al.), so a flow can go
// to and from that template without a mapping table.
//
// synth adds a few keys for what the template cannot say. Their names are chosen so that
// the PRISMA2020 package, which finds a row by grep() on its key, still reads a CSV that
// holds them (a key such as "records_excluded_title" would match "records_excluded"):
//   title_excluded     records excluded on title, when title and abstract were screened
//                      as separate steps
//   abstract_screened  records whose abstract was screened (records_screened - title_excluded)
//   abstract_excluded  records excluded on abstract
//   records_pending    records screened but not yet decided at title/abstract
//   reports_pending    reports assessed at full text with no decision yet
// A stage with no data is 0; nothing is ever estimated.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::prisma {

// One entry of a per-source or per-reason list ("Medline, 1234" / "Wrong population, 12").
// The count of a per-database (or per-register) entry may be unknown: a published review
// often names its databases but reports only the total across them ("Medline, NA").
struct Count
{
  std::string label;
  std::optional<std::int64_t> n;
  bool operator==(const Count&) const = default;
};

struct Flow
{
  // Previous version of the review (updates only).
  std::int64_t previous_studies = 0;
  std::int64_t previous_reports = 0;

  // Identification via databases and registers.
  std::int64_t database_results = 0;
  std::vector<Count> database_specific_results; // per database; empty when unknown
  std::int64_t register_results = 0;
  std::vector<Count> register_specific_results;
  std::int64_t duplicates = 0;
  std::int64_t excluded_automatic = 0;
  std::int64_t excluded_other = 0;

  // Screening via databases and registers.
  std::int64_t records_screened = 0;
  std::int64_t records_excluded = 0;
  std::optional<std::int64_t> title_excluded;    // set when title and abstract were separate
  std::optional<std::int64_t> abstract_screened; // steps; then all three are set
  std::optional<std::int64_t> abstract_excluded;
  std::int64_t records_pending = 0;
  // Of records_excluded: those left unscreened when screening stopped by the stopping rule,
  // by reason ("not screened: stopping rule met (recall >= 95 %, 95 % confidence)"; with
  // separate steps, "on title: " or "on abstract: " in front).
  std::vector<Count> records_not_screened;
  std::int64_t dbr_sought_reports = 0;
  std::int64_t dbr_notretrieved_reports = 0;
  std::int64_t dbr_assessed = 0;
  std::vector<Count> dbr_excluded; // reasons
  std::int64_t reports_pending = 0;

  // Identification and screening via other methods.
  std::int64_t website_results = 0;
  std::int64_t organisation_results = 0;
  std::int64_t citations_results = 0;
  std::int64_t other_sought_reports = 0;
  std::int64_t other_notretrieved_reports = 0;
  std::int64_t other_assessed = 0;
  std::vector<Count> other_excluded; // reasons

  // Included.
  std::int64_t new_studies = 0;
  std::int64_t new_reports = 0;
  std::int64_t total_studies = 0; // previous + new (updates only)
  std::int64_t total_reports = 0;
  std::int64_t total_studies_ma = 0;
  std::int64_t total_reports_ma = 0;

  bool operator==(const Flow&) const = default;

  bool separate_title_abstract() const { return title_excluded.has_value(); }
  bool has_other_methods() const;
  bool has_previous() const { return previous_studies != 0 || previous_reports != 0; }
};

// The sum of the known counts; all_known() is false when an entry has no count.
std::int64_t sum(const std::vector<Count>& counts);
bool all_known(const std::vector<Count>& counts);
// Whether the entries of a list key may lack a count (database_specific_results,
// register_specific_results).
bool counts_may_be_unknown(std::string_view key);

// --- keys ----------------------------------------------------------------------------------
// Every data key of a flow, in the order of the PRISMA2020 template (synth's keys last).
// Scalar keys hold a number, list keys a list of Count, optional keys may be absent.
enum class KeyKind { scalar, list, optional };

struct KeyInfo
{
  std::string_view key;
  KeyKind kind;
  std::string_view label; // the box text PRISMA shows, for messages and text output
  // A list written out (JSON) only when it holds something: a key newer than the flows
  // saved before it, which then compare as they were.
  bool omit_when_empty = false;
};

const std::vector<KeyInfo>& flow_keys();
const KeyInfo* find_key(std::string_view key);

// The value of a scalar or optional key (absent optional: nullopt); the sum of a list key.
std::optional<std::int64_t> value_of(const Flow& flow, std::string_view key);
void set_value(Flow& flow, std::string_view key, std::int64_t n); // scalar or optional
std::vector<Count>* list_of(Flow& flow, std::string_view key);    // nullptr if not a list
const std::vector<Count>* list_of(const Flow& flow, std::string_view key);

// --- arithmetic ----------------------------------------------------------------------------
// The checks of DESIGN.md section 8, each an equation between boxes:
//   records_screened   = database_results + register_results - duplicates
//                        - excluded_automatic - excluded_other
//   dbr_sought_reports = records_screened - records_excluded - records_pending
//   dbr_assessed       = dbr_sought_reports - dbr_notretrieved_reports
//   new_reports (or new_studies when new_reports is 0)
//                      = dbr_assessed - sum(dbr_excluded) - reports_pending
//                        + other_assessed - sum(other_excluded)
//   new_studies <= new_reports (when both are given)
//   other_assessed     = other_sought_reports - other_notretrieved_reports
//   sum(database_specific_results) = database_results (when the list is given with every
//   count), same for registers
//   records_excluded   = title_excluded + abstract_excluded and
//   abstract_screened  = records_screened - title_excluded (when separate)
//   total_studies = previous_studies + new_studies, total_reports likewise (when given)
// Returns one line per failed check, naming every box with its value, e.g.
// "records_screened (5,587) != database_results (5,587) - duplicates (10) = 5,577".
// Boxes that are 0 on the right-hand side are left out of the message.
std::vector<std::string> check_flow(const Flow& flow);

// Throws synth::Error when check_flow finds anything: one line per problem, each prefixed
// with `where` ("flow.csv: records_screened ...").
void require_consistent(const Flow& flow, std::string_view where);

// 5587 -> "5,587".
std::string thousands(std::int64_t n);

} // namespace synth::prisma
