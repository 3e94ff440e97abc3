#pragma once
// What every fuzz input of the criteria parser goes through, shared by the libFuzzer target
// (fuzz_criteria.cpp) and the unit test that replays tests/fuzz/regressions/criteria/ on
// every test run: parse the text as a criteria file, and when it parses, evaluate its rules
// on a record. The parser may reject any input with synth::Error; any other exception
// escapes, which is the crash it is.
#include "synth/core/error.hpp"
#include "synth/screen/criteria.hpp"

#include <string_view>

namespace synth::fuzz {

inline void exercise_criteria(std::string_view text)
{
  try {
    auto criteria = screen::parse_criteria(text, "fuzz.txt");
    Record record;
    record.title = "Qualitative interviews with people with severe mental illness";
    record.abstract = "Grounded theory; helping relationships";
    record.language = "eng";
    record.year = 2001;
    record.date = "2001-06-01";
    record.type = "journal-article";
    std::vector<std::string> extraction(criteria.columns.size());
    screen::Subject subject;
    subject.record = &record;
    subject.language = record.language;
    subject.extraction = &extraction;
    for (const auto& rule : criteria.rules) {
      std::string missing;
      (void)screen::evaluate(*rule.condition, subject, missing);
    }
  } catch (const Error&) {
  }
}

} // namespace synth::fuzz
