#pragma once
// Calendar dates: the one place that knows how long a month is. Query-file headers
// (date-from: 1990-01-01), criteria (date < 1990-06) and the dates read from exports
// (core/normalise.hpp parse_date) are checked here, so that 1990-13-45 or 2023-02-29 is
// refused (or dropped) the same way everywhere. Depends on nothing of synth.
#include <optional>
#include <string>
#include <string_view>

namespace synth::util {

// A date as precise as it was written: a year, a month of it, or a day of that month.
struct CalendarDate
{
  int year = 0;
  int month = 0; // 1-12, 0 when only the year is known
  int day = 0;   // 1-31, 0 when only the year (and month) is known

  // "2013", "2013-11", "2013-11-30".
  std::string iso() const;
  // The first and last day the date covers, as yyyymmdd numbers (2013-11: 20131101 and
  // 20131130), which compare as dates do.
  int first_day() const;
  int last_day() const;
};

bool is_leap_year(int year);
// 28-31; 0 when month is not 1-12.
int days_in_month(int year, int month);

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (or with '/' between the parts, as PubMed writes
// them): nullopt when the text is not such a date or names a month or day that does not
// exist (1990-13-45, 2023-02-29). Nothing else is accepted: no spaces, no month names.
std::optional<CalendarDate> parse_iso_date(std::string_view text);

// Month number (1-12) of "Nov", "november", "11"; 0 when unknown.
int month_number(std::string_view text);

} // namespace synth::util
