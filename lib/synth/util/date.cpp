#include "synth/util/date.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace synth::util {

namespace {

// Exactly `digits` ASCII digits.
std::optional<int> number(std::string_view s, std::size_t digits)
{
  if (s.size() != digits) {
    return std::nullopt;
  }
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    n = n * 10 + (c - '0');
  }
  return n;
}

} // namespace

std::string CalendarDate::iso() const
{
  if (month == 0) {
    return fmt::format("{:04d}", year);
  }
  if (day == 0) {
    return fmt::format("{:04d}-{:02d}", year, month);
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

int CalendarDate::first_day() const { return year * 10000 + (month ? month : 1) * 100 + (day ? day : 1); }

int CalendarDate::last_day() const
{
  const int m = month ? month : 12;
  return year * 10000 + m * 100 + (day ? day : days_in_month(year, m));
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month)
{
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 0;
  }
  return month == 2 && is_leap_year(year) ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

std::optional<CalendarDate> parse_iso_date(std::string_view text)
{
  CalendarDate d;
  char sep = 0; // '-' or '/', the same between all parts
  for (char c : text) {
    if (c == '-' || c == '/') {
      if (sep != 0 && c != sep) {
        return std::nullopt;
      }
      sep = c;
    }
  }
  std::string_view parts[3];
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    if (count == 3) {
      return std::nullopt; // a fourth part
    }
    auto end = sep ? text.find(sep, start) : std::string_view::npos;
    parts[count++] = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  auto year = number(parts[0], 4);
  if (!year) {
    return std::nullopt;
  }
  d.year = *year;
  if (count >= 2) {
    auto month = number(parts[1], 2);
    if (!month || *month < 1 || *month > 12) {
      return std::nullopt;
    }
    d.month = *month;
  }
  if (count == 3) {
    auto day = number(parts[2], 2);
    if (!day || *day < 1 || *day > days_in_month(d.year, d.month)) {
      return std::nullopt;
    }
    d.day = *day;
  }
  return d;
}

int month_number(std::string_view text)
{
  static constexpr std::array<std::string_view, 12> k_names{"jan", "feb", "mar", "apr", "may", "jun",
                                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return 0;
  }
  if (std::isdigit(static_cast<unsigned char>(text[0]))) {
    int m = 0;
    for (std::size_t i = 0; i < text.size() && i < 3 && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      m = m * 10 + (text[i] - '0');
    }
    return (m >= 1 && m <= 12) ? m : 0;
  }
  if (text.size() < 3) {
    return 0;
  }
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < 3; ++k) {
      if (std::tolower(static_cast<unsigned char>(text[k])) != k_names[i][k]) {
        same = false;
      }
    }
    if (same) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

} // namespace synth::util
