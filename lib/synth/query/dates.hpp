#pragma once
// Dates of [dp] terms and query-file headers as inclusive day spans (internal).
#include <optional>
#include <string_view>

namespace synth {
struct Record;
}

namespace synth::query {

// An inclusive span of days, each written yyyymmdd as an integer (19900101).
struct DaySpan
{
  int first = 0;
  int last = 0;
};

// How many digits months and days have: query-file headers and records write two
// (1990-01-01); PubMed reads one or two (2019/1/1).
enum class DateDigits { two, one_or_two };

// "1990", "1990/01", "1990/01/01" (or with '-'): the span the date covers.
// nullopt when the text is not such a date or the month or day does not exist.
std::optional<DaySpan> parse_day_span(std::string_view text, DateDigits digits = DateDigits::two);

// PubMed's relative dates: "last 5 years", "last 30 days", "last 6 months" (any case).
bool is_relative_date(std::string_view text);

// The span of a relative date ending on `today` (yyyymmdd); nullopt when it is not one.
std::optional<DaySpan> relative_day_span(std::string_view text, int today);

// The span of the record's publication date (its ISO date, else its year); nullopt
// when the record has neither.
std::optional<DaySpan> record_day_span(const Record& record);

} // namespace synth::query
