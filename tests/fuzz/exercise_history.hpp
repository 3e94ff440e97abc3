#pragma once
// What every fuzz input of the search-history readers goes through (ovid.hpp
// parse_history): the input is the strategy of a query file, read as Ovid, EBSCOhost,
// ProQuest, Web of Science, Scopus and Cochrane Library syntax in turn. Reading reports
// every problem as a finding and must never throw; a strategy read without errors is
// written for every target, where only synth::Error may come out (a date range a target
// cannot write, a Scopus query too long).
#include "synth/core/error.hpp"
#include "synth/query/ovid.hpp"
#include "synth/query/platforms.hpp"

#include <string>
#include <string_view>

namespace synth::fuzz {

inline void exercise_history(std::string_view body)
{
  for (auto syntax : {query::Syntax::ovid, query::Syntax::ebsco, query::Syntax::proquest, query::Syntax::wos,
                      query::Syntax::scopus, query::Syntax::cochrane}) {
    auto key = std::string(query::syntax_key(syntax));
    auto q = query::check_query_text("database: " + key + "\nsyntax: " + key + "\n---\n" + std::string(body), "fuzz");
    auto strategy = query::parse_history(q, syntax);
    if (!strategy.findings.empty() || !strategy.expression) {
      continue;
    }
    for (auto target : {query::Syntax::pubmed, query::Syntax::ovid, query::Syntax::ebsco, query::Syntax::proquest,
                        query::Syntax::wos, query::Syntax::scopus, query::Syntax::cochrane}) {
      try {
        (void)query::translate_strategy(q, strategy, target);
      } catch (const Error&) {
      }
    }
  }
}

} // namespace synth::fuzz
