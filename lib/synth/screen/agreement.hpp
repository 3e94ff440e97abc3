#pragma once
// Agreement between two reviewers: Cohen's kappa.
#include "synth/screen/stage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace synth::screen {

// Cohen's kappa of two raters from their paired ratings (category ids, any small ints):
// kappa = (po - pe) / (1 - pe), po the observed agreement, pe the agreement expected by
// chance from each rater's marginal proportions.
struct Kappa
{
  std::int64_t items = 0;
  double observed = 0;         // po
  double expected = 0;         // pe
  std::optional<double> kappa; // nullopt when pe == 1 (both raters used one same category)
};
Kappa cohen_kappa(const std::vector<std::pair<int, int>>& ratings);

// Agreement of two reviewers at one stage, on the records both decided. Decisions are
// compared as given (include, exclude, maybe: three categories).
struct Agreement
{
  Stage stage = Stage::title;
  std::string reviewer_a;
  std::string reviewer_b;
  Kappa kappa;
  std::int64_t conflicts = 0; // records where their decisions differ in effect (see engine.hpp)
};

} // namespace synth::screen
