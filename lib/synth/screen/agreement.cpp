#include "synth/screen/agreement.hpp"

#include <map>

namespace synth::screen {

Kappa cohen_kappa(const std::vector<std::pair<int, int>>& ratings)
{
  Kappa k;
  k.items = static_cast<std::int64_t>(ratings.size());
  if (ratings.empty()) {
    return k;
  }
  std::map<int, double> a, b;
  double agree = 0;
  for (auto [x, y] : ratings) {
    a[x] += 1;
    b[y] += 1;
    agree += x == y;
  }
  double n = static_cast<double>(ratings.size());
  k.observed = agree / n;
  for (const auto& [category, count] : a) {
    auto it = b.find(category);
    if (it != b.end()) {
      k.expected += (count / n) * (it->second / n);
    }
  }
  if (k.expected < 1.0) {
    k.kappa = (k.observed - k.expected) / (1.0 - k.expected);
  }
  return k;
}

} // namespace synth::screen
