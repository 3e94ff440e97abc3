#pragma once
// What every fuzz input of the query-file parser goes through, shared by the libFuzzer
// target (fuzz_query.cpp) and the unit test that replays tests/fuzz/regressions/query/ on
// every test run: the checker (which reports every problem as a finding and must never
// throw), and for a file it accepts, what synth does with it: the PubMed term, the
// Crossref terms, the local evaluation. The PubMed term must parse back to the same tree
// (the text sent is the text written); a mismatch, or any exception, is a crash. (The
// recognition of other platforms' marks reads lines as written, not the tree: it is not
// part of this invariant.) The strategy read in its own syntax (PubMed's, Ovid's) is then
// written for every target synth writes: only synth::Error may come out of that (a date
// range Ovid cannot write, a Scopus query too long).
#include "synth/core/error.hpp"
#include "synth/core/record.hpp"
#include "synth/query/platforms.hpp"
#include "synth/query/query.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace synth::fuzz {

inline void exercise_query(std::string_view text)
{
  auto q = query::check_query_text(text, "fuzz");
  if (q.expression && !query::has_errors(q)) {
    (void)query::to_crossref(q);
    (void)query::translation_notes(q);
    Record r;
    r.title = "Helping relationships in mental illness: a qualitative interview study";
    r.abstract = "Grounded theory of the working alliance with professionals";
    r.language = "eng";
    r.year = 2010;
    query::CompiledQuery compiled(q);
    (void)compiled.matches(r);
    (void)compiled.unhonoured_tags(r);
    if (query::engine(q) == query::Engine::pubmed) {
      // the parser reads the text sent (one line) back into the same tree
      auto sent = query::render(*q.expression);
      query::NodePtr back;
      try {
        back = query::parse_expression(sent, "sent", 1, 0);
      } catch (const Error& e) {
        throw std::logic_error(std::string("the text sent does not parse: ") + e.what());
      }
      if (!query::same_tree(*back, *q.expression)) {
        throw std::logic_error("the text sent does not parse back to the same tree: " + sent.substr(0, 200));
      }
    }
  }
  auto strategy = query::read_strategy(q);
  for (auto target : {query::Syntax::pubmed, query::Syntax::ovid, query::Syntax::ebsco, query::Syntax::proquest,
                      query::Syntax::wos, query::Syntax::scopus, query::Syntax::cochrane}) {
    try {
      (void)query::translate_strategy(q, strategy, target);
    } catch (const Error&) {
    }
  }
  // one line as a screening criterion reads it
  auto line = text.substr(0, text.find('\n'));
  try {
    (void)query::parse_expression(line, "fuzz", 1, 0);
  } catch (const Error&) {
  }
}

} // namespace synth::fuzz
