#pragma once
// What the criteria tests share: the error a criteria text gives.
#include "synth/core/error.hpp"
#include "synth/screen/criteria.hpp"

#include <string>

namespace synth::test {

// The message of the error parse_criteria throws for `text` (labelled criteria.txt);
// "no error" when it parses.
inline std::string error_of(const std::string& text)
{
  try {
    screen::parse_criteria(text, "criteria.txt");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace synth::test
