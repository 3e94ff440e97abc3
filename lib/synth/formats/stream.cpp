#include "synth/formats/stream.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/endnote_xml.hpp"
#include "synth/formats/pubmed_xml.hpp"
#include "synth/formats/wos.hpp"
#include "synth/util/input.hpp"
#include "synth/util/utf.hpp"

#include <fmt/format.h>

#include <cstring>
#include <optional>

namespace synth::formats {

namespace {

constexpr std::size_t k_block = std::size_t{1} << 20; // read at a time
constexpr std::size_t k_piece = std::size_t{4} << 20; // given to a reader at a time (about)

// Where a piece may end, by format.
enum class Cut {
  after_ris_er,  // after a line "ER  - "
  after_wos_er,  // after a line "ER"
  after_blank,   // after a blank line (MEDLINE, EndNote tagged: a blank line ends a record)
  before_marker, // before an Ovid record marker "<12>"
  before_entry,  // before a line that opens a BibTeX entry "@article{"
  csv_row,       // after a row (quoted fields may hold line ends)
  line,          // after any line (WoS tab-delimited: no quoting)
};

bool is_blank(std::string_view line)
{
  for (char c : line) {
    if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return true;
}

// "ER" + 1-3 spaces + "-" + (end or space): RIS's end of record, as ris.cpp reads it.
bool is_ris_er(std::string_view line)
{
  if (line.size() < 4 || line[0] != 'E' || line[1] != 'R') {
    return false;
  }
  std::size_t i = 2;
  while (i < line.size() && i < 5 && line[i] == ' ') {
    ++i;
  }
  return i > 2 && i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ');
}

bool is_wos_er(std::string_view line)
{
  return line.size() >= 2 && line[0] == 'E' && line[1] == 'R' && (line.size() == 2 || line[2] == ' ');
}

bool is_ovid_marker(std::string_view line)
{
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (line.size() < 3 || line.front() != '<' || line.back() != '>') {
    return false;
  }
  for (char c : line.substr(1, line.size() - 2)) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

bool opens_bibtex_entry(std::string_view line)
{
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
    ++i;
  }
  if (i >= line.size() || line[i] != '@') {
    return false;
  }
  std::size_t start = ++i;
  while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))) {
    ++i;
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
    ++i;
  }
  return i > start && i < line.size() && (line[i] == '{' || line[i] == '(');
}

// Walks the complete lines of `text` from the last one backwards (a \r at the very end
// may be the first half of \r\n: that line is not complete yet), down to the lines that
// end at or before `seen` (tested by an earlier call). `test(line)` decides; returns where
// the piece ends: after the line (`after`) or at its start, or 0.
template <class Test>
std::size_t last_line(std::string_view text, std::size_t seen, bool after, Test test)
{
  std::size_t end = text.size();
  if (end > 0 && text[end - 1] == '\r') {
    --end;
  }
  auto last_eol = text.substr(0, end).find_last_of("\r\n");
  if (last_eol == std::string_view::npos) {
    return 0;
  }
  std::size_t pos = last_eol + 1; // just after a line end
  while (pos > seen) {
    std::size_t eol = pos - 1;
    if (text[eol] == '\n' && eol > 0 && text[eol - 1] == '\r') {
      --eol;
    }
    std::size_t start = eol == 0 ? 0 : text.find_last_of("\r\n", eol - 1);
    start = (start == std::string_view::npos || eol == 0) ? 0 : start + 1;
    if (test(text.substr(start, eol - start))) {
      return after ? pos : start;
    }
    pos = start;
  }
  return 0;
}

// The end of the CSV row that starts at `i` (after its line end), or npos when it goes on
// past the end of `s`. Quotes open only at the start of a field (as util::CsvTable reads
// them); "" inside quotes is a quote.
std::size_t csv_row_end(std::string_view s, std::size_t i)
{
  bool field_start = true;
  const std::size_t n = s.size();
  while (i < n) {
    char c = s[i];
    if (field_start && c == '"') {
      std::size_t j = i + 1;
      for (;;) {
        auto q = s.find('"', j);
        if (q == std::string_view::npos || q + 1 >= n) {
          return std::string_view::npos; // the quoted field goes on past what is read
        }
        if (s[q + 1] == '"') {
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field_start = false;
      continue;
    }
    if (c == '\n') {
      return i + 1;
    }
    if (c == '\r') {
      if (i + 1 >= n) {
        return std::string_view::npos; // \r\n or a lone \r: not known yet
      }
      return s[i + 1] == '\n' ? i + 2 : i + 1;
    }
    field_start = c == ',';
    ++i;
  }
  return std::string_view::npos;
}

std::size_t last_csv_row(std::string_view s)
{
  std::size_t cut = 0;
  for (;;) {
    auto end = csv_row_end(s, cut);
    if (end == std::string_view::npos) {
      return cut;
    }
    cut = end;
  }
}

// `seen`: the lines that end before it were tested by an earlier call and gave no cut.
std::size_t cut_at(Cut rule, std::string_view text, std::size_t seen = 0)
{
  switch (rule) {
  case Cut::after_ris_er:
    return last_line(text, seen, true, is_ris_er);
  case Cut::after_wos_er:
    return last_line(text, seen, true, is_wos_er);
  case Cut::after_blank:
    return last_line(text, seen, true, is_blank);
  case Cut::before_marker:
    return last_line(text, seen, false, is_ovid_marker);
  case Cut::before_entry:
    return last_line(text, seen, false, opens_bibtex_entry);
  case Cut::csv_row:
    return last_csv_row(text);
  case Cut::line:
    return last_line(text, seen, true, [](std::string_view) { return true; });
  }
  return 0;
}

// Where the lines that cut_at() has tested in `text` end (its complete lines).
std::size_t tested_up_to(std::string_view text)
{
  std::size_t end = text.size();
  if (end > 0 && text[end - 1] == '\r') {
    --end;
  }
  auto last_eol = text.substr(0, end).find_last_of("\r\n");
  return last_eol == std::string_view::npos ? 0 : last_eol + 1;
}

// WoS tab-delimited: a header row of tags separated by tabs.
bool wos_tabbed(std::string_view text)
{
  text = util::strip_bom(text);
  auto first = text.substr(0, text.find_first_of("\r\n"));
  return first.size() > 3 && is_wos_tag(first.substr(0, 2)) && first[2] == '\t';
}

std::optional<Cut> rule_of(Format format, std::string_view first_text)
{
  switch (format) {
  case Format::ris:
    return Cut::after_ris_er;
  case Format::nbib:
  case Format::endnote_tagged:
    return Cut::after_blank;
  case Format::ovid:
    return Cut::before_marker;
  case Format::bibtex:
    return Cut::before_entry;
  case Format::csv:
    return Cut::csv_row;
  case Format::wos:
    return wos_tabbed(first_text) ? Cut::line : Cut::after_wos_er;
  default:
    return std::nullopt;
  }
}

std::string megabytes(std::size_t bytes) { return fmt::format("{} MB", bytes >> 20); }

// Reads a text format in pieces (see stream.hpp).
class Pieces
{
public:
  Pieces(util::InputStream& in, Format format, ReadContext& ctx, const RecordSink& sink)
    : m_in(in), m_format(format), m_ctx(ctx), m_sink(sink)
  {
    if (auto order = util::utf16_bom(in.peek(2))) {
      char bom[2];
      in.read(bom, 2);
      m_utf16.emplace(*order);
    }
  }

  void run()
  {
    std::string raw; // UTF-16 bytes, before decoding
    for (;;) {
      const std::size_t before = m_buf.size();
      bool eof = false;
      if (m_utf16) {
        raw.resize(k_block);
        raw.resize(m_in.read(raw.data(), raw.size()));
        eof = raw.empty();
        if ((eof && !m_utf16->finish()) || (!eof && !m_utf16->decode(raw, m_buf))) {
          fail(m_buf.size(), "not valid UTF-16: " + m_utf16->error());
        }
      } else {
        m_buf.resize(before + k_block);
        m_buf.resize(before + m_in.read(m_buf.data() + before, k_block));
        eof = m_buf.size() == before;
      }
      check_new(before);
      if (eof) {
        deliver(m_buf.size(), false);
        return;
      }
      if (m_buf.size() >= k_piece) {
        if (!m_rule) {
          m_rule = rule_of(m_format, m_buf);
        }
        std::size_t cut = cut_at(*m_rule, m_buf, m_seen);
        m_seen = cut > 0 ? 0 : tested_up_to(m_buf);
        if (cut > 0) {
          deliver(cut, true);
        } else if (m_buf.size() > k_max_record) {
          fail(0, fmt::format("no record ends within {} of this line (a record larger than the limit of "
                              "synth, or not {} data)",
                              megabytes(k_max_record), format_name(m_format)));
        }
      }
    }
  }

private:
  // An error at byte `pos` of the buffer (line counted from the pieces before).
  [[noreturn]] void fail(std::size_t pos, const std::string& what)
  {
    m_ctx.set_piece(m_line_base, false);
    m_ctx.fail(static_cast<std::int64_t>(util::count_line_ends(std::string_view(m_buf).substr(0, pos))) + 1, what);
  }

  // Bytes [from, end) just read: no NUL byte, no line beyond the limit.
  void check_new(std::size_t from)
  {
    std::string_view fresh = std::string_view(m_buf).substr(from);
    if (const void* nul = std::memchr(fresh.data(), '\0', fresh.size())) {
      fail(from + static_cast<std::size_t>(static_cast<const char*>(nul) - fresh.data()),
           "NUL byte in the text: this is a binary file (or UTF-16 without its byte order mark), not an "
           "export synth reads");
    }
    auto eol = fresh.find_last_of("\r\n");
    m_since_eol = eol == std::string_view::npos ? m_since_eol + fresh.size() : fresh.size() - eol - 1;
    if (m_since_eol > k_max_line) {
      fail(m_buf.size() - m_since_eol,
           fmt::format("a line longer than {}: not an export (a binary or damaged file)", megabytes(k_max_line)));
    }
  }

  // Gives m_buf[0, cut) to the reader and drops it.
  void deliver(std::size_t cut, bool more)
  {
    std::string_view piece = std::string_view(m_buf).substr(0, cut);
    m_ctx.set_piece(m_line_base, more);
    check_text(piece, m_ctx); // UTF-8 (cut at a line end: no character is split)
    const bool header_again = m_rule && (*m_rule == Cut::csv_row || *m_rule == Cut::line);
    if (m_first && (m_format == Format::csv || (m_format == Format::wos && wos_tabbed(piece)))) {
      // The header row: every later piece gets it again, read as its line 1.
      std::size_t end = m_format == Format::csv ? first_csv_row(piece) : cut_first_line(piece);
      m_header.assign(piece.substr(0, end));
      m_header_lines = static_cast<std::int64_t>(util::count_line_ends(m_header));
    }
    const std::int64_t base = m_line_base;
    std::string joined;
    std::string_view text = piece;
    if (!m_first && header_again && !m_header.empty()) {
      joined.reserve(m_header.size() + piece.size());
      joined.append(m_header).append(piece);
      text = joined;
      m_ctx.set_piece(base - m_header_lines, more);
    }
    const std::int64_t shift = m_ctx.line_base();
    read_checked_text(text, m_format, m_ctx, [&](Record&& r) {
      if (r.provenance.line > 0) {
        r.provenance.line += shift;
      }
      m_sink(std::move(r));
    });
    m_first = false;
    m_line_base = base + static_cast<std::int64_t>(util::count_line_ends(piece));
    m_buf.erase(0, cut);
  }

  static std::size_t cut_first_line(std::string_view s)
  {
    auto eol = s.find_first_of("\r\n");
    if (eol == std::string_view::npos) {
      return s.size();
    }
    return eol + (s[eol] == '\r' && eol + 1 < s.size() && s[eol + 1] == '\n' ? 2 : 1);
  }

  // The end of the first non-blank row (the header), quotes and all.
  static std::size_t first_csv_row(std::string_view s)
  {
    std::size_t start = 0;
    while (start < s.size() && (s[start] == '\n' || s[start] == '\r')) {
      ++start;
    }
    auto end = csv_row_end(s, start);
    return end == std::string_view::npos ? s.size() : end;
  }

  util::InputStream& m_in;
  Format m_format;
  ReadContext& m_ctx;
  const RecordSink& m_sink;
  std::optional<util::Utf16Decoder> m_utf16;
  std::optional<Cut> m_rule;
  std::string m_buf;            // text read and not yet given to the reader
  std::int64_t m_line_base = 0; // lines before m_buf
  std::size_t m_since_eol = 0;  // bytes at the end of m_buf after its last line end
  std::size_t m_seen = 0;       // m_buf's lines before this were looked at for a cut: none
  bool m_first = true;
  std::string m_header;
  std::int64_t m_header_lines = 0;
};

void read_json(util::InputStream& in, Format format, ReadContext& ctx, const RecordSink& sink)
{
  std::string text;
  for (;;) {
    std::size_t have = text.size();
    if (have > k_max_json) {
      ctx.fail(0, fmt::format("larger than {}, more than synth parses as one JSON document; Crossref "
                              "answers are a few MB: split the file",
                              megabytes(k_max_json)));
    }
    text.resize(have + k_block);
    text.resize(have + in.read(text.data() + have, k_block));
    if (text.size() == have) {
      break;
    }
  }
  read_text(text, format, ctx, sink);
}

} // namespace

std::size_t piece_end(Format format, std::string_view text)
{
  auto rule = rule_of(format, text);
  return rule ? cut_at(*rule, text) : 0;
}

void read_stream(util::InputStream& in, Format format, ReadContext& ctx, const RecordSink& sink)
{
  try {
    if (format == Format::automatic) {
      auto detected = detect_format(in.peek(4096), in.path() == "-" ? std::filesystem::path() : in.path());
      if (!detected) {
        ctx.fail(1, std::string(k_unknown_format));
      }
      format = *detected;
    }
    switch (format) {
    case Format::pubmed_xml:
      read_pubmed_xml(in, ctx, sink);
      return;
    case Format::endnote_xml:
      read_endnote_xml(in, ctx, sink);
      return;
    case Format::crossref_json:
    case Format::openalex_json:
      read_json(in, format, ctx, sink);
      return;
    default:
      Pieces(in, format, ctx, sink).run();
    }
  } catch (const util::InputError& e) {
    throw Error(e.what(), e.hint());
  }
}

} // namespace synth::formats
