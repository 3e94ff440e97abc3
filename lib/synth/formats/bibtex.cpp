#include "synth/formats/bibtex.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>

namespace synth::formats {

namespace {

using util::trim;

bool is_alpha(char c)
{
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

void append_utf8(std::string& out, char32_t cp)
{
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Combining mark of an accent command (\' \" \c ...), 0 when it is none.
char32_t combining_mark(std::string_view cmd)
{
  if (cmd.size() != 1) {
    return 0;
  }
  switch (cmd[0]) {
  case '`': return 0x300;
  case '\'': return 0x301;
  case '^': return 0x302;
  case '~': return 0x303;
  case '=': return 0x304;
  case 'u': return 0x306;
  case '.': return 0x307;
  case '"': return 0x308;
  case 'r': return 0x30A;
  case 'H': return 0x30B;
  case 'v': return 0x30C;
  case 'd': return 0x323;
  case 'c': return 0x327;
  case 'k': return 0x328;
  case 'b': return 0x331;
  default: return 0;
  }
}

// Letters and symbols written as commands.
std::optional<std::string_view> symbol(std::string_view cmd)
{
  static const std::map<std::string_view, std::string_view> table = {
    {"ss", "ß"}, {"o", "ø"}, {"O", "Ø"}, {"ae", "æ"}, {"AE", "Æ"}, {"oe", "œ"}, {"OE", "Œ"},
    {"aa", "å"}, {"AA", "Å"}, {"l", "ł"}, {"L", "Ł"}, {"i", "ı"}, {"j", "ȷ"}, {"dh", "ð"},
    {"th", "þ"}, {"ng", "ŋ"}, {"textless", "<"}, {"textgreater", ">"},
    {"textasciitilde", "~"}, {"textendash", "–"}, {"textemdash", "—"},
    {"textquoteright", "’"}, {"textquoteleft", "‘"}, {"textquotedblleft", "“"},
    {"textquotedblright", "”"}, {"textbar", "|"}, {"textbackslash", "\\"},
    {"textregistered", "®"}, {"texttrademark", "™"}, {"textcopyright", "©"},
    {"copyright", "©"}, {"textdegree", "°"}, {"textmu", "µ"}, {"textsection", "§"},
    {"S", "§"}, {"P", "¶"}, {"dag", "†"}, {"pounds", "£"}, {"euro", "€"}, {"texteuro", "€"},
    {"ldots", "…"}, {"dots", "…"}, {"textellipsis", "…"}, {"pm", "±"}, {"times", "×"},
    {"deg", "°"}, {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"},
    {"epsilon", "ε"}, {"kappa", "κ"}, {"lambda", "λ"}, {"mu", "μ"}, {"pi", "π"},
    {"sigma", "σ"}, {"tau", "τ"}, {"omega", "ω"}, {"Delta", "Δ"}, {"Omega", "Ω"},
    {"le", "≤"}, {"leq", "≤"}, {"ge", "≥"}, {"geq", "≥"}, {"textperiodcentered", "·"},
    {"guillemotleft", "«"}, {"guillemotright", "»"}, {"textunderscore", "_"},
  };
  auto it = table.find(cmd);
  if (it == table.end()) {
    return std::nullopt;
  }
  return it->second;
}

class LatexDecoder
{
public:
  explicit LatexDecoder(std::string_view s) : m_s(s) {}

  std::string run(bool& composed)
  {
    std::string out;
    while (m_pos < m_s.size()) {
      decode_one(out);
    }
    composed = composed || m_composed;
    return out;
  }

private:
  // Decodes one unit (character, group or command) at m_pos into out.
  void decode_one(std::string& out)
  {
    char c = m_s[m_pos];
    if (c == '{' || c == '}' || c == '$') {
      ++m_pos;
      return;
    }
    if (c == '~') {
      out += ' ';
      ++m_pos;
      return;
    }
    if (c != '\\') {
      out += c;
      ++m_pos;
      return;
    }
    ++m_pos;
    if (m_pos >= m_s.size()) {
      return;
    }
    std::string_view cmd;
    if (is_alpha(m_s[m_pos])) {
      std::size_t start = m_pos;
      while (m_pos < m_s.size() && is_alpha(m_s[m_pos])) {
        ++m_pos;
      }
      cmd = m_s.substr(start, m_pos - start);
      while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t')) {
        ++m_pos; // TeX drops the spaces after a control word
      }
    } else {
      cmd = m_s.substr(m_pos, 1);
      ++m_pos;
    }
    if (char32_t mark = combining_mark(cmd); mark != 0) {
      std::string base = accent_base();
      out += base;
      append_utf8(out, mark);
      m_composed = true;
      return;
    }
    if (auto sym = symbol(cmd)) {
      out += *sym;
      return;
    }
    if (cmd.size() == 1 && !is_alpha(cmd[0])) {
      if (cmd == "\\") {
        out += ' ';
      } else if (cmd == "-" || cmd == "/") {
        // discretionary hyphen, italic correction: nothing
      } else if (cmd == "," || cmd == ";" || cmd == " " || cmd == "\n") {
        out += ' ';
      } else {
        out += cmd; // \& \% \_ \$ \# \{ \}
      }
    }
    // Any other command (\emph, \textit, \url ...) disappears; its argument stays.
  }

  // The letter an accent applies to: "{o}", "o", "{\i}", "\i".
  std::string accent_base()
  {
    while (m_pos < m_s.size() && m_s[m_pos] == ' ') {
      ++m_pos;
    }
    if (m_pos >= m_s.size()) {
      return {};
    }
    std::string_view inner;
    if (m_s[m_pos] == '{') {
      int depth = 0;
      std::size_t start = m_pos + 1;
      std::size_t i = m_pos;
      for (; i < m_s.size(); ++i) {
        if (m_s[i] == '{') {
          ++depth;
        } else if (m_s[i] == '}' && --depth == 0) {
          break;
        }
      }
      inner = m_s.substr(start, i - start);
      m_pos = i < m_s.size() ? i + 1 : i;
    } else if (m_s[m_pos] == '\\') {
      std::size_t start = m_pos;
      ++m_pos;
      while (m_pos < m_s.size() && is_alpha(m_s[m_pos])) {
        ++m_pos;
      }
      inner = m_s.substr(start, m_pos - start);
    } else {
      std::size_t len = 1;
      auto lead = static_cast<unsigned char>(m_s[m_pos]);
      if (lead >= 0xF0) {
        len = 4;
      } else if (lead >= 0xE0) {
        len = 3;
      } else if (lead >= 0xC0) {
        len = 2;
      }
      inner = m_s.substr(m_pos, len);
      m_pos += inner.size();
    }
    if (inner == "\\i") {
      return "i";
    }
    if (inner == "\\j") {
      return "j";
    }
    bool composed = false;
    return LatexDecoder(inner).run(composed);
  }

  std::string_view m_s;
  std::size_t m_pos = 0;
  bool m_composed = false;
};

} // namespace

std::string decode_latex(std::string_view value)
{
  bool composed = false;
  std::string out = LatexDecoder(value).run(composed);
  if (composed) {
    utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(out.c_str()));
    if (nfc) {
      out = reinterpret_cast<const char*>(nfc);
      std::free(nfc);
    }
  }
  return util::collapse_space(out);
}

} // namespace synth::formats

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
};

struct BibField
{
  std::string name; // lower case
  std::string raw;  // value with braces and LaTeX, macros expanded
};

bool is_name_char(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.'
         || c == '+' || c == '/';
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
    : m_s(s), m_lines(s), m_ctx(ctx), m_sink(sink)
  {
    for (auto [name, month] : {std::pair{"jan", "January"}, {"feb", "February"}, {"mar", "March"},
                               {"apr", "April"}, {"may", "May"}, {"jun", "June"}, {"jul", "July"},
                               {"aug", "August"}, {"sep", "September"}, {"oct", "October"},
                               {"nov", "November"}, {"dec", "December"}}) {
      m_macros[name] = month;
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
        m_ctx.bad_record(m_lines.line_at(at), e.reason);
        recover(at);
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
    throw ParseError{"unbalanced braces"};
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
    throw ParseError{"unbalanced braces"};
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
        throw ParseError{fmt::format("unbalanced braces (end of file in field '{}')", field)};
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

  std::string_view m_s;
  std::size_t m_pos = 0;
  LineIndex m_lines;
  ReadContext& m_ctx;
  const RecordSink& m_sink;
  std::map<std::string, std::string> m_macros;
  std::int64_t m_index = 0;
};

} // namespace

} // namespace synth::formats

namespace synth::formats {

namespace {

const std::string* field(const std::vector<BibField>& fields, std::string_view name)
{
  for (const auto& f : fields) {
    if (f.name == name) {
      return &f.raw;
    }
  }
  return nullptr;
}

std::string text_of(const std::vector<BibField>& fields, std::initializer_list<std::string_view> names)
{
  for (auto name : names) {
    if (const std::string* raw = field(fields, name); raw) {
      std::string t = decode_latex(*raw);
      if (!t.empty()) {
        return t;
      }
    }
  }
  return {};
}

// Splits at depth 0 on `sep` (" and " between names, ',' inside a name).
std::vector<std::string> split_top(std::string_view s, std::string_view sep)
{
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') {
      ++depth;
    } else if (s[i] == '}') {
      --depth;
    } else if (depth == 0 && s.substr(i, sep.size()) == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + sep.size();
      i = start - 1;
    }
  }
  out.emplace_back(s.substr(start));
  return out;
}

std::vector<Author> bib_authors(std::string_view raw)
{
  std::string flat = util::collapse_space(raw);
  std::vector<Author> out;
  for (const auto& name : split_top(flat, " and ")) {
    auto n = trim(name);
    if (n.empty() || n == "others") {
      continue;
    }
    if (n.size() >= 2 && n.front() == '{' && n.back() == '}' && split_top(n.substr(1, n.size() - 2), "}").size() == 1) {
      out.push_back(Author{decode_latex(n), ""}); // {World Health Organization}
      continue;
    }
    auto parts = split_top(n, ",");
    if (parts.size() >= 3) { // "von Last, Jr, First"
      out.push_back(Author{decode_latex(parts[0]),
                           util::collapse_space(decode_latex(parts[2]) + " " + decode_latex(parts[1]))});
    } else if (parts.size() == 2) {
      out.push_back(Author{decode_latex(parts[0]), decode_latex(parts[1])});
    } else {
      out.push_back(parse_author(decode_latex(n)));
    }
  }
  return out;
}

std::vector<std::string> keyword_list(const std::string& text)
{
  char sep = text.find(';') != std::string::npos ? ';' : ',';
  std::vector<std::string> out;
  for (auto k : util::split(text, sep)) {
    if (auto t = trim(k); !t.empty()) {
      out.emplace_back(t);
    }
  }
  return out;
}

Record bib_record(const std::string& type, const std::string& key, const std::vector<BibField>& f)
{
  Record r;
  r.publication_types.push_back(type);
  r.title = text_of(f, {"title"});
  if (const std::string* a = field(f, "author"); a) {
    r.authors = bib_authors(*a);
  }
  r.journal = text_of(f, {"journal", "journaltitle", "booktitle"});
  r.journal_abbrev = text_of(f, {"journal-iso", "abbrev_source_title", "shortjournal", "journalabbrev"});
  std::string year = text_of(f, {"year"});
  std::string month = text_of(f, {"month"});
  DateParts date = parse_date(text_of(f, {"date"}));
  if (!date.year) {
    DateParts y = parse_date(year);
    date = y;
    if (y.year && !month.empty()) {
      auto words = util::split(month, ' ');
      if (int m = month_number(words[0]); m > 0) {
        date.iso = fmt::format("{:04}-{:02}", *y.year, m);
        if (words.size() > 1) {
          int day = std::atoi(std::string(words[1]).c_str());
          if (day >= 1 && day <= 31) {
            date.iso += fmt::format("-{:02}", day);
          }
        }
      }
    }
  }
  r.year = date.year;
  r.date = date.iso;
  r.volume = text_of(f, {"volume"});
  r.issue = text_of(f, {"number", "issue"});
  r.pages = text_of(f, {"pages", "art_number", "eid"});
  for (auto p = r.pages.find("--"); p != std::string::npos; p = r.pages.find("--")) {
    r.pages.erase(p, 1);
  }
  r.doi = text_of(f, {"doi"});
  r.abstract = text_of(f, {"abstract"});
  r.keywords = keyword_list(text_of(f, {"keywords", "author_keywords"}));
  for (auto& k : keyword_list(text_of(f, {"keywords-plus"}))) {
    r.keywords.push_back(std::move(k));
  }
  r.language = text_of(f, {"language", "langid"});
  if (auto comma = r.language.find_first_of(",;"); comma != std::string::npos) {
    r.language.resize(comma);
  }
  r.issn = text_of(f, {"issn"});
  if (auto sep = r.issn.find_first_of(" ,;"); sep != std::string::npos) {
    r.issn.resize(sep);
  }
  r.url = text_of(f, {"url"});
  r.pmid = text_of(f, {"pmid", "pubmed_id", "pubmed"});
  r.source_id = key;
  if (auto uid = text_of(f, {"unique-id"}); !uid.empty()) {
    r.source = "Web of Science";
    r.source_id = util::istarts_with(uid, "ISI:") ? "WOS:" + uid.substr(4) : uid;
    if (auto t = text_of(f, {"type"}); !t.empty()) {
      r.publication_types.push_back(t);
    }
  }
  if (auto dt = text_of(f, {"document_type"}); !dt.empty()) {
    r.publication_types.push_back(dt);
  }
  if (auto src = text_of(f, {"source"}); src == "Scopus") {
    r.source = "Scopus";
    if (auto p = r.url.find("eid="); p != std::string::npos) {
      auto eid = r.url.substr(p + 4);
      r.source_id = eid.substr(0, eid.find('&'));
    }
  }
  return r;
}

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
    std::vector<BibField> fields;
    while (true) {
      skip_space();
      if (m_pos >= m_s.size()) {
        throw ParseError{"unbalanced braces (end of file inside the entry)"};
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
        throw ParseError{"unbalanced braces (the next entry starts before this one ends)"};
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
      fields.push_back(BibField{name, std::move(value)});
      skip_space();
      if (m_pos < m_s.size() && m_s[m_pos] != ',' && m_s[m_pos] != close) {
        if (m_s[m_pos] == '@' && entry_starts_at(m_s, m_pos)) {
          throw ParseError{"unbalanced braces (the next entry starts before this one ends)"};
        }
        throw ParseError{fmt::format("expected ',' or '{}' after field '{}'", close, name)};
      }
    }
    Record r = bib_record(type, key, fields);
    r.raw = std::string(m_s.substr(at, m_pos - at));
    r.provenance.file = m_ctx.file();
    r.provenance.line = m_lines.line_at(at);
    r.provenance.index = ++m_index;
    if (m_ctx.default_source.empty() && !r.source.empty()) {
      m_ctx.default_source = r.source;
    }
    finish_record(r);
    m_sink(std::move(r));
  } catch (const ParseError& e) {
    ++m_index;
    throw ParseError{fmt::format("{}: {}", where, e.reason)};
  }
}

} // namespace

void read_bibtex(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  BibParser(text, ctx, sink).run();
}

} // namespace synth::formats
