#pragma once
// The flow of a real review shared by the PRISMA tests.
#include "synth/prisma/flow.hpp"

namespace synth::test {

// The arithmetic of the 2015 review: 5,587 identified, 5,445 out on title, 86 on abstract,
// 56 assessed, 35 excluded, 21 included.
inline prisma::Flow ljungberg()
{
  prisma::Flow f;
  f.database_results = 5587;
  f.records_screened = 5587;
  f.records_excluded = 5531;
  f.title_excluded = 5445;
  f.abstract_screened = 142;
  f.abstract_excluded = 86;
  f.dbr_sought_reports = 56;
  f.dbr_assessed = 56;
  f.dbr_excluded = {{"Not the population of interest", 20}, {"Insufficient focus on the subject", 15}};
  f.new_studies = 21;
  f.new_reports = 21;
  return f;
}

} // namespace synth::test
