#include "synth/query/dates.hpp"

#include "synth/core/record.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace synth::query {

namespace {

bool parse_int(std::string_view s, std::size_t min_digits, std::size_t max_digits, int& out)
{
  if (s.size() < min_digits || s.size() > max_digits) {
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

std::optional<DaySpan> parse_day_span(std::string_view text, DateDigits digits)
{
  std::size_t min_part = digits == DateDigits::two ? 2 : 1;
  int parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t start = 0;
  while (count < 3) {
    auto end = text.find_first_of("/-", start);
    auto piece = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!parse_int(piece, count == 0 ? 4 : min_part, count == 0 ? 4 : 2, parts[count])) {
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

namespace {

// "last 5 years" -> (5, 'y'); nullopt otherwise.
std::optional<std::pair<int, char>> relative_parts(std::string_view text)
{
  const std::string lower = util::to_lower(util::collapse_space(text));
  auto words = util::split(lower, ' ');
  if (words.size() != 3 || words[0] != "last" || words[1].empty() || words[1].size() > 4) {
    return std::nullopt;
  }
  int n = 0;
  if (!parse_int(words[1], 1, 4, n)) {
    return std::nullopt;
  }
  auto unit = words[2];
  if (unit == "day" || unit == "days") {
    return std::pair{n, 'd'};
  }
  if (unit == "month" || unit == "months") {
    return std::pair{n, 'm'};
  }
  if (unit == "year" || unit == "years") {
    return std::pair{n, 'y'};
  }
  return std::nullopt;
}

int to_days(int y, int m, int d)
{
  // days since 0000-03-01 (civil calendar), for day arithmetic
  y -= m <= 2;
  int era = y / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe;
}

int from_days(int z)
{
  int era = z / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);
  return (y + (m <= 2)) * 10000 + m * 100 + d;
}

} // namespace

bool is_relative_date(std::string_view text) { return relative_parts(text).has_value(); }

std::optional<DaySpan> relative_day_span(std::string_view text, int today)
{
  auto parts = relative_parts(text);
  if (!parts) {
    return std::nullopt;
  }
  int y = today / 10000;
  int m = today / 100 % 100;
  int d = today % 100;
  auto [n, unit] = *parts;
  int first = 0;
  if (unit == 'd') {
    first = from_days(to_days(y, m, d) - n);
  } else {
    int months = unit == 'm' ? n : n * 12;
    int total = y * 12 + (m - 1) - months;
    int fy = total / 12;
    int fm = total % 12 + 1;
    first = fy * 10000 + fm * 100 + std::min(d, days_in_month(fy, fm));
  }
  return DaySpan{first, today};
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
