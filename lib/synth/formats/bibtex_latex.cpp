// BibTeX values without their LaTeX: decode_latex() (see bibtex.hpp).
#include "synth/formats/bibtex.hpp"

#include "synth/util/text.hpp"
#include "synth/util/utf.hpp"

#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>

namespace synth::formats {

namespace {

using util::append_utf8;
using util::trim;

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Combining mark of an accent command (\' \" \c ...), 0 when it is none.
char32_t combining_mark(std::string_view cmd)
{
  if (cmd.size() != 1) {
    return 0;
  }
  switch (cmd[0]) {
  case '`':
    return 0x300;
  case '\'':
    return 0x301;
  case '^':
    return 0x302;
  case '~':
    return 0x303;
  case '=':
    return 0x304;
  case 'u':
    return 0x306;
  case '.':
    return 0x307;
  case '"':
    return 0x308;
  case 'r':
    return 0x30A;
  case 'H':
    return 0x30B;
  case 'v':
    return 0x30C;
  case 'd':
    return 0x323;
  case 'c':
    return 0x327;
  case 'k':
    return 0x328;
  case 'b':
    return 0x331;
  default:
    return 0;
  }
}

// Letters and symbols written as commands.
std::optional<std::string_view> symbol(std::string_view cmd)
{
  static const std::map<std::string_view, std::string_view> table = {
    {"ss", "ß"},
    {"o", "ø"},
    {"O", "Ø"},
    {"ae", "æ"},
    {"AE", "Æ"},
    {"oe", "œ"},
    {"OE", "Œ"},
    {"aa", "å"},
    {"AA", "Å"},
    {"l", "ł"},
    {"L", "Ł"},
    {"i", "ı"},
    {"j", "ȷ"},
    {"dh", "ð"},
    {"th", "þ"},
    {"ng", "ŋ"},
    {"textless", "<"},
    {"textgreater", ">"},
    {"textasciitilde", "~"},
    {"textendash", "–"},
    {"textemdash", "—"},
    {"textquoteright", "’"},
    {"textquoteleft", "‘"},
    {"textquotedblleft", "“"},
    {"textquotedblright", "”"},
    {"textbar", "|"},
    {"textbackslash", "\\"},
    {"textregistered", "®"},
    {"texttrademark", "™"},
    {"textcopyright", "©"},
    {"copyright", "©"},
    {"textdegree", "°"},
    {"textmu", "µ"},
    {"textsection", "§"},
    {"S", "§"},
    {"P", "¶"},
    {"dag", "†"},
    {"pounds", "£"},
    {"euro", "€"},
    {"texteuro", "€"},
    {"ldots", "…"},
    {"dots", "…"},
    {"textellipsis", "…"},
    {"pm", "±"},
    {"times", "×"},
    {"deg", "°"},
    {"alpha", "α"},
    {"beta", "β"},
    {"gamma", "γ"},
    {"delta", "δ"},
    {"epsilon", "ε"},
    {"kappa", "κ"},
    {"lambda", "λ"},
    {"mu", "μ"},
    {"pi", "π"},
    {"sigma", "σ"},
    {"tau", "τ"},
    {"omega", "ω"},
    {"Delta", "Δ"},
    {"Omega", "Ω"},
    {"le", "≤"},
    {"leq", "≤"},
    {"ge", "≥"},
    {"geq", "≥"},
    {"textperiodcentered", "·"},
    {"guillemotleft", "«"},
    {"guillemotright", "»"},
    {"textunderscore", "_"},
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
      if (cmd == "\\" || cmd == "," || cmd == ";" || cmd == " " || cmd == "\n") {
        out += ' '; // a line break or a thin, medium or control space
      } else if (cmd == "-" || cmd == "/") {
        // discretionary hyphen, italic correction: nothing
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
