// BibTeX reader: the parser of entries, @string and @comment (see bibtex.hpp).
#include "synth/formats/bibtex.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/bibtex_fields.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>

namespace synth::formats {

namespace {

// Line numbers of byte offsets, for offsets that mostly grow.
class LineIndex
{
public:
  explicit LineIndex(std::string_view s) : m_s(s) {}
  std::int64_t line_at(std::size_t pos)
  {
    if (pos < m_pos) {
      m_pos = 0;
      m_line = 1;
    }
    for (; m_pos < pos && m_pos < m_s.size(); ++m_pos) {
      char c = m_s[m_pos];
      if (c == '\n' || (c == '\r' && (m_pos + 1 >= m_s.size() || m_s[m_pos + 1] != '\n'))) {
        ++m_line;
      }
    }
    return m_line;
  }

private:
  std::string_view m_s;
  std::size_t m_pos = 0;
  std::int64_t m_line = 1;
};

struct ParseError
{
  std::string reason;
  bool unbalanced = false; // braces: the entry may still be read line by line
};

using bibtex::Field;
using util::trim;

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool is_name_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.' || c == '+'
         || c == '/';
}

// True when a line starting at `i` (after a line break) opens a new entry: "  @article{".
bool entry_starts_at(std::string_view s, std::size_t i)
{
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  if (i >= s.size() || s[i] != '@') {
    return false;
  }
  ++i;
  std::size_t start = i;
  while (i < s.size() && is_alpha(s[i])) {
    ++i;
  }
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  return i > start && i < s.size() && (s[i] == '{' || s[i] == '(');
}

class BibParser
{
public:
  BibParser(std::string_view s, ReadContext& ctx, const RecordSink& sink)
    : m_s(s), m_lines(s), m_ctx(ctx), m_sink(sink), m_macros(ctx.macros)
  {
    if (m_macros.empty()) { // the first piece of a file: BibTeX's predefined month macros
      for (auto [name, month] : {std::pair{"jan", "January"},
                                 {"feb", "February"},
                                 {"mar", "March"},
                                 {"apr", "April"},
                                 {"may", "May"},
                                 {"jun", "June"},
                                 {"jul", "July"},
                                 {"aug", "August"},
                                 {"sep", "September"},
                                 {"oct", "October"},
                                 {"nov", "November"},
                                 {"dec", "December"}}) {
        m_macros[name] = month;
      }
    }
  }

  void run()
  {
    while (true) {
      std::size_t at = m_s.find('@', m_pos);
      if (at == std::string_view::npos) {
        return;
      }
      m_pos = at + 1;
      std::size_t start = m_pos;
      while (m_pos < m_s.size() && is_alpha(m_s[m_pos])) {
        ++m_pos;
      }
      std::string type = util::to_lower(m_s.substr(start, m_pos - start));
      skip_space();
      if (type.empty() || m_pos >= m_s.size() || (m_s[m_pos] != '{' && m_s[m_pos] != '(')) {
        continue; // an @ in free text between entries
      }
      char close = m_s[m_pos] == '{' ? '}' : ')';
      ++m_pos;
      try {
        if (type == "comment" || type == "preamble") {
          skip_group(close);
        } else if (type == "string") {
          read_string(close);
        } else {
          read_entry(at, type, close);
        }
      } catch (const ParseError& e) {
        recover(at);
        if (!(e.unbalanced && read_by_lines(at, type))) {
          m_ctx.bad_record(m_lines.line_at(at), e.reason);
        }
      }
    }
  }

private:
  void skip_space()
  {
    while (m_pos < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_pos]))) {
      ++m_pos;
    }
  }

  // Continues at the next line that starts an entry after `at`.
  void recover(std::size_t at)
  {
    for (std::size_t i = at + 1; i < m_s.size(); ++i) {
      if ((m_s[i - 1] == '\n' || m_s[i - 1] == '\r') && entry_starts_at(m_s, i)) {
        m_pos = i;
        return;
      }
    }
    m_pos = m_s.size();
  }

  void skip_group(char close)
  {
    int depth = 1;
    for (; m_pos < m_s.size(); ++m_pos) {
      char c = m_s[m_pos];
      if (c == '{' || (close == ')' && c == '(')) {
        ++depth;
      } else if ((c == '}' || c == close) && --depth == 0) {
        ++m_pos;
        return;
      }
    }
    throw ParseError{"unbalanced braces", true};
  }

  std::string read_name()
  {
    std::size_t start = m_pos;
    while (m_pos < m_s.size() && is_name_char(m_s[m_pos])) {
      ++m_pos;
    }
    return util::to_lower(m_s.substr(start, m_pos - start));
  }

  // {...} with nested braces; the text inside, braces kept.
  std::string read_braced()
  {
    int depth = 1;
    std::size_t start = ++m_pos;
    for (; m_pos < m_s.size(); ++m_pos) {
      char c = m_s[m_pos];
      if (c == '\\' && m_pos + 1 < m_s.size()) {
        ++m_pos; // \{ and \} do not count
      } else if (c == '{') {
        ++depth;
      } else if (c == '}') {
        if (--depth == 0) {
          std::string out(m_s.substr(start, m_pos - start));
          ++m_pos;
          return out;
        }
      } else if ((c == '\n' || c == '\r') && entry_starts_at(m_s, m_pos + 1)) {
        break;
      }
    }
    throw ParseError{"unbalanced braces", true};
  }

  std::string read_quoted()
  {
    int depth = 0;
    std::size_t start = ++m_pos;
    for (; m_pos < m_s.size(); ++m_pos) {
      char c = m_s[m_pos];
      if (c == '\\' && m_pos + 1 < m_s.size()) {
        ++m_pos;
      } else if (c == '{') {
        ++depth;
      } else if (c == '}') {
        --depth;
      } else if (c == '"' && depth <= 0) {
        std::string out(m_s.substr(start, m_pos - start));
        ++m_pos;
        return out;
      } else if ((c == '\n' || c == '\r') && entry_starts_at(m_s, m_pos + 1)) {
        break;
      }
    }
    throw ParseError{"unterminated quoted value"};
  }

  // value = part # part ...
  std::string read_value(const std::string& field)
  {
    std::string out;
    while (true) {
      skip_space();
      if (m_pos >= m_s.size()) {
        throw ParseError{fmt::format("unbalanced braces (end of file in field '{}')", field), true};
      }
      char c = m_s[m_pos];
      if (c == '{') {
        out += read_braced();
      } else if (c == '"') {
        out += read_quoted();
      } else if (is_name_char(c)) {
        std::string name = read_name();
        if (auto it = m_macros.find(name); it != m_macros.end()) {
          out += it->second;
        } else {
          out += name; // a number or an undefined macro
        }
      } else {
        throw ParseError{fmt::format("expected a value for field '{}', found '{}'", field, c)};
      }
      skip_space();
      if (m_pos < m_s.size() && m_s[m_pos] == '#') {
        ++m_pos;
        continue;
      }
      return out;
    }
  }

  void read_string(char close)
  {
    skip_space();
    std::string name = read_name();
    skip_space();
    if (name.empty() || m_pos >= m_s.size() || m_s[m_pos] != '=') {
      throw ParseError{"@string without 'name = value'"};
    }
    ++m_pos;
    std::string value = read_value(name);
    skip_space();
    if (m_pos >= m_s.size() || m_s[m_pos] != close) {
      throw ParseError{fmt::format("@string {}: expected '{}'", name, close)};
    }
    ++m_pos;
    m_macros[name] = value;
  }

  void read_entry(std::size_t at, const std::string& type, char close);
  bool read_by_lines(std::size_t at, const std::string& type);
  void emit(Record r, std::size_t at, std::size_t end);

  std::string_view m_s;
  std::size_t m_pos = 0;
  LineIndex m_lines;
  ReadContext& m_ctx;
  const RecordSink& m_sink;
  std::map<std::string, std::string>& m_macros; // kept in the context, for the next piece
};

void BibParser::read_entry(std::size_t at, const std::string& type, char close)
{
  std::string key;
  std::string where = "@" + type;
  try {
    skip_space();
    std::size_t kstart = m_pos;
    while (m_pos < m_s.size() && m_s[m_pos] != ',' && m_s[m_pos] != close && m_s[m_pos] != '\n') {
      ++m_pos;
    }
    key = std::string(trim(m_s.substr(kstart, m_pos - kstart)));
    if (key.find('=') != std::string::npos || (m_pos < m_s.size() && m_s[m_pos] == '\n')) {
      key.clear(); // no key: the first field follows
      m_pos = kstart;
    }
    where += "{" + key;
    std::vector<Field> fields;
    while (true) {
      skip_space();
      if (m_pos >= m_s.size()) {
        throw ParseError{"unbalanced braces (end of file inside the entry)", true};
      }
      char c = m_s[m_pos];
      if (c == ',') {
        ++m_pos;
        continue;
      }
      if (c == close) {
        ++m_pos;
        break;
      }
      if (c == '@' && entry_starts_at(m_s, m_pos)) {
        throw ParseError{"unbalanced braces (the next entry starts before this one ends)", true};
      }
      std::string name = read_name();
      if (name.empty()) {
        throw ParseError{fmt::format("unexpected '{}' where a field name should be", c)};
      }
      skip_space();
      if (m_pos >= m_s.size() || m_s[m_pos] != '=') {
        throw ParseError{fmt::format("expected '=' after field '{}'", name)};
      }
      ++m_pos;
      std::string value = read_value(name);
      fields.push_back(Field{name, std::move(value)});
      skip_space();
      if (m_pos < m_s.size() && m_s[m_pos] != ',' && m_s[m_pos] != close) {
        if (m_s[m_pos] == '@' && entry_starts_at(m_s, m_pos)) {
          throw ParseError{"unbalanced braces (the next entry starts before this one ends)", true};
        }
        throw ParseError{fmt::format("expected ',' or '{}' after field '{}'", close, name)};
      }
    }
    ++m_ctx.index;
    emit(bibtex::make_record(type, key, fields), at, m_pos);
  } catch (const ParseError& e) {
    ++m_ctx.index;
    throw ParseError{fmt::format("{}: {}", where, e.reason), e.unbalanced};
  }
}

void BibParser::emit(Record r, std::size_t at, std::size_t end)
{
  r.raw = std::string(m_s.substr(at, end - at));
  r.provenance.file = m_ctx.file();
  r.provenance.line = m_lines.line_at(at);
  r.provenance.index = m_ctx.index;
  if (m_ctx.default_source.empty() && !r.source.empty()) {
    m_ctx.default_source = r.source;
  }
  finish_record(r);
  m_sink(std::move(r));
}

// An entry whose braces do not balance, written one field per line (Scopus): each field
// ends with its line. m_pos is the start of the next entry (or the end of the text).
bool BibParser::read_by_lines(std::size_t at, const std::string& type)
{
  auto entry = bibtex::read_by_lines(m_s.substr(at, m_pos - at));
  if (!entry) {
    return false;
  }
  const auto line = m_lines.line_at(at);
  m_ctx.warn(line + entry->bad_line,
             fmt::format("@{}{{{}: braces do not balance in field '{}'; read one field per line", type, entry->key,
                         entry->bad_field));
  std::size_t end = m_pos;
  while (end > at && std::isspace(static_cast<unsigned char>(m_s[end - 1]))) {
    --end;
  }
  emit(bibtex::make_record(type, entry->key, entry->fields), at, end);
  return true;
}

} // namespace

void read_bibtex(std::string_view text, ReadContext& ctx, const RecordSink& sink) { BibParser(text, ctx, sink).run(); }

} // namespace synth::formats
