#include "synth/query/dates.hpp"

#include "synth/core/record.hpp"

#include <charconv>

namespace synth::query {

namespace {

bool parse_int(std::string_view s, std::size_t digits, int& out)
{
  if (s.size() != digits) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

int days_in_month(int year, int month)
{
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

} // namespace

std::optional<DaySpan> parse_day_span(std::string_view text)
{
  int parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t start = 0;
  while (count < 3) {
    auto end = text.find_first_of("/-", start);
    auto piece = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!parse_int(piece, count == 0 ? 4 : 2, parts[count])) {
      return std::nullopt;
    }
    ++count;
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
    if (count == 3) {
      return std::nullopt; // a fourth part
    }
  }
  int year = parts[0];
  if (count >= 2 && (parts[1] < 1 || parts[1] > 12)) {
    return std::nullopt;
  }
  if (count == 3 && (parts[2] < 1 || parts[2] > days_in_month(year, parts[1]))) {
    return std::nullopt;
  }
  int base = year * 10000;
  if (count == 1) {
    return DaySpan{base + 101, base + 1231};
  }
  base += parts[1] * 100;
  if (count == 2) {
    return DaySpan{base + 1, base + days_in_month(year, parts[1])};
  }
  return DaySpan{base + parts[2], base + parts[2]};
}

std::optional<DaySpan> record_day_span(const Record& record)
{
  if (!record.date.empty()) {
    if (auto span = parse_day_span(record.date)) {
      return span;
    }
  }
  if (record.year) {
    int base = *record.year * 10000;
    return DaySpan{base + 101, base + 1231};
  }
  return std::nullopt;
}

} // namespace synth::query
