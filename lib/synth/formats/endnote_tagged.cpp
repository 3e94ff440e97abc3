#include "synth/formats/endnote_tagged.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace synth::formats {

namespace {

using util::trim;

struct Tagged
{
  char tag;
  std::string value;
};

bool is_tag_line(std::string_view line)
{
  return line.size() >= 2 && line[0] == '%' && line[1] != ' ' && line[1] != '\t'
         && (line.size() == 2 || line[2] == ' ' || line[2] == '\t');
}

// "0378-1127", "03781127", "1523-173X".
bool is_issn(std::string_view s)
{
  std::string digits;
  for (char c : s) {
    if (c != '-') {
      digits += c;
    }
  }
  if (digits.size() != 8 || (s.size() != 8 && (s.size() != 9 || s[4] != '-'))) {
    return false;
  }
  for (std::size_t i = 0; i < 8; ++i) {
    char c = digits[i];
    bool ok = std::isdigit(static_cast<unsigned char>(c)) || (i == 7 && (c == 'X' || c == 'x'));
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string first(const std::vector<Tagged>& f, char tag)
{
  for (const auto& t : f) {
    if (t.tag == tag && !t.value.empty()) {
      return t.value;
    }
  }
  return {};
}

Record tagged_record(const std::vector<Tagged>& f)
{
  Record r;
  for (const auto& t : f) {
    switch (t.tag) {
    case '0':
      if (!t.value.empty()) {
        r.publication_types.push_back(t.value);
      }
      break;
    case 'A':
      if (!t.value.empty()) {
        r.authors.push_back(parse_author(t.value));
      }
      break;
    case 'K':
      for (auto k : util::split(t.value, ';')) {
        for (auto line : util::split(k, '\n')) {
          if (auto w = trim(line); !w.empty()) {
            r.keywords.emplace_back(w);
          }
        }
      }
      break;
    case 'R':
      if (r.doi.empty() && !normalise_doi(t.value).empty()) {
        r.doi = t.value;
      }
      break;
    default:
      break;
    }
  }
  r.title = first(f, 'T');
  r.journal = first(f, 'J');
  if (r.journal.empty()) {
    r.journal = first(f, 'B');
  }
  DateParts d = parse_date(first(f, '8'));
  DateParts y = parse_date(first(f, 'D'));
  if (y.year && (!d.year || d.year != y.year)) {
    d = y;
  }
  r.year = d.year;
  r.date = d.iso;
  r.volume = first(f, 'V');
  r.issue = first(f, 'N');
  r.pages = first(f, 'P');
  r.abstract = first(f, 'X');
  r.language = first(f, 'G');
  r.url = first(f, 'U');
  r.source_id = first(f, 'M');
  if (auto sn = first(f, '@'); is_issn(sn)) {
    r.issn = sn; // %@ holds an ISBN for books
  }
  r.source = first(f, '~');
  return r;
}

} // namespace

void read_endnote_tagged(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  util::LineReader lines(text);
  std::string_view line;
  std::vector<Tagged> fields;
  std::int64_t start_line = 0;
  std::size_t start_offset = 0;
  std::size_t end_offset = 0;
  std::size_t line_offset = text.size() - util::strip_bom(text).size();
  auto only_type = [&]() { return fields.size() == 1 && fields[0].tag == '0'; };
  auto flush = [&]() {
    if (fields.empty()) {
      return;
    }
    Record r = tagged_record(fields);
    r.raw = std::string(text.substr(start_offset, end_offset - start_offset));
    r.provenance.file = ctx.file();
    r.provenance.line = start_line;
    r.provenance.index = ++ctx.index;
    if (ctx.default_source.empty() && !r.source.empty()) {
      ctx.default_source = r.source;
    }
    finish_record(r);
    sink(std::move(r));
    fields.clear();
  };
  while (lines.next(line)) {
    const auto n = static_cast<std::int64_t>(lines.line_number());
    const std::size_t this_offset = line_offset;
    line_offset = lines.offset();
    if (trim(line).empty()) {
      flush();
      continue;
    }
    if (!is_tag_line(line)) {
      if (fields.empty()) {
        ctx.bad_record(n, fmt::format("text outside a record: '{}'", std::string(trim(line)).substr(0, 40)));
        continue;
      }
      auto& last = fields.back().value;
      last += (last.empty() ? "" : "\n");
      last += trim(line);
      end_offset = lines.offset();
      continue;
    }
    char tag = line[1];
    std::string value(line.size() > 3 ? trim(line.substr(3)) : std::string_view{});
    if (tag == '0') {
      if (only_type()) {
        fields[0].value = value; // "%0" then "%0 Book": the type of one record
        end_offset = line_offset;
        continue;
      }
      flush();
    }
    if (fields.empty()) {
      start_line = n;
      start_offset = this_offset;
    }
    fields.push_back(Tagged{tag, std::move(value)});
    end_offset = line_offset;
  }
  flush();
}

} // namespace synth::formats
