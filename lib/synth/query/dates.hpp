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

// "1990", "1990/01", "1990/01/01" (or with '-'): the span the date covers.
// nullopt when the text is not such a date or the month or day does not exist.
std::optional<DaySpan> parse_day_span(std::string_view text);

// The span of the record's publication date (its ISO date, else its year); nullopt
// when the record has neither.
std::optional<DaySpan> record_day_span(const Record& record);

} // namespace synth::query
