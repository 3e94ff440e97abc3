#include "synth/query/ovid.hpp"

#include "synth/query/lexer.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace synth::query {

namespace {

using F = Field;

struct FieldCode
{
  std::string_view code;
  FieldSet fields;
};

const std::vector<FieldCode>& field_codes()
{
  static const std::vector<FieldCode> table = {
    {"ti", {F::title}},
    {"ab", {F::abstract}},
    {"tw", {F::title, F::abstract}},
    {"ot", {F::transliterated_title}},
    {"kw", {F::keywords}},
    {"kf", {F::keywords}},
    {"mp",
     {F::title, F::abstract, F::transliterated_title, F::substance, F::heading_word, F::keywords,
      F::record_identifier}},
    {"af", {F::all_fields}},
    {"sh", {F::heading}},
    {"hw", {F::heading_word}},
    {"fs", {F::subheading}},
    {"nm", {F::substance}},
    {"rn", {F::substance}},
    {"px", {F::substance}},
    {"rx", {F::substance}},
    {"pt", {F::publication_type}},
    {"au", {F::author}},
    {"in", {F::affiliation}},
    {"jn", {F::journal}},
    {"la", {F::language}},
    {"ed", {F::date_entry}},
    {"yr", {F::date_publication}},
    {"dp", {F::date_publication}},
    {"ui", {F::record_identifier}},
  };
  return table;
}

const std::vector<std::pair<std::string_view, std::string_view>>& subheadings()
{
  static const std::vector<std::pair<std::string_view, std::string_view>> table = {
    {"ab", "abnormalities"},
    {"ad", "administration & dosage"},
    {"ae", "adverse effects"},
    {"ag", "agonists"},
    {"ah", "anatomy & histology"},
    {"ai", "antagonists & inhibitors"},
    {"an", "analysis"},
    {"bi", "biosynthesis"},
    {"bl", "blood"},
    {"bs", "blood supply"},
    {"cf", "cerebrospinal fluid"},
    {"ch", "chemistry"},
    {"ci", "chemically induced"},
    {"cl", "classification"},
    {"cn", "congenital"},
    {"co", "complications"},
    {"cs", "chemical synthesis"},
    {"ct", "contraindications"},
    {"cy", "cytology"},
    {"de", "drug effects"},
    {"df", "deficiency"},
    {"dg", "diagnostic imaging"},
    {"dh", "diet therapy"},
    {"di", "diagnosis"},
    {"dt", "drug therapy"},
    {"du", "diagnostic use"},
    {"ec", "economics"},
    {"ed", "education"},
    {"eh", "ethnology"},
    {"em", "embryology"},
    {"en", "enzymology"},
    {"ep", "epidemiology"},
    {"es", "ethics"},
    {"et", "etiology"},
    {"ge", "genetics"},
    {"gd", "growth & development"},
    {"hi", "history"},
    {"im", "immunology"},
    {"in", "injuries"},
    {"ir", "innervation"},
    {"is", "isolation & purification"},
    {"lj", "legislation & jurisprudence"},
    {"ma", "manpower"},
    {"me", "metabolism"},
    {"mi", "microbiology"},
    {"mo", "mortality"},
    {"mt", "methods"},
    {"nu", "nursing"},
    {"og", "organization & administration"},
    {"pa", "pathology"},
    {"pc", "prevention & control"},
    {"pd", "pharmacology"},
    {"pk", "pharmacokinetics"},
    {"ph", "physiology"},
    {"po", "poisoning"},
    {"pp", "physiopathology"},
    {"ps", "parasitology"},
    {"px", "psychology"},
    {"py", "pathogenicity"},
    {"ra", "radiography"},
    {"rh", "rehabilitation"},
    {"ri", "radionuclide imaging"},
    {"rt", "radiotherapy"},
    {"sc", "secondary"},
    {"sd", "supply & distribution"},
    {"se", "secretion"},
    {"sn", "statistics & numerical data"},
    {"st", "standards"},
    {"su", "surgery"},
    {"th", "therapy"},
    {"tm", "transmission"},
    {"to", "toxicity"},
    {"tr", "transplantation"},
    {"tu", "therapeutic use"},
    {"ul", "ultrastructure"},
    {"ur", "urine"},
    {"us", "ultrasonography"},
    {"ut", "utilization"},
    {"ve", "veterinary"},
    {"vi", "virology"},
  };
  return table;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) { return !s.empty() && s.size() <= 6 && std::all_of(s.begin(), s.end(), is_digit); }

// Quote characters: " and the typographic “ ” „; their width in bytes, 0 when none.
std::size_t quote_at(std::string_view s, std::size_t i)
{
  if (s[i] == '"') {
    return 1;
  }
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80'
      && (s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E')) {
    return 3;
  }
  return 0;
}

struct Tok
{
  enum class Kind { word, phrase, lparen, rparen, fields, slash, op, adj, end };
  Kind kind = Kind::end;
  std::string text;               // word or phrase as written; op lower case
  std::vector<std::string> codes; // fields: field codes; slash: subheading codes
  FieldSet fields;                // fields
  int n = 0;                      // adj: its N (0: plain adj)
  int col = 0;
};

[[noreturn]] void stop(std::string_view code, int line, int col, std::string message, std::string fix = {})
{
  throw ParseStop{finding(code, line, col, std::move(message), std::move(fix))};
}

class LineLexer
{
public:
  LineLexer(std::string_view s, int line, int col0) : m_s(s), m_line(line), m_col0(col0) {}

  std::vector<Tok> run()
  {
    while (m_i < m_s.size()) {
      char c = m_s[m_i];
      if (is_space(c)) {
        ++m_i;
        continue;
      }
      if (c == '(' || c == ')') {
        Tok t;
        t.kind = c == '(' ? Tok::Kind::lparen : Tok::Kind::rparen;
        t.col = col();
        ++m_i;
        m_out.push_back(t);
        if (c == ')') {
          after_operand();
        }
        continue;
      }
      if (quote_at(m_s, m_i) != 0) {
        phrase();
        continue;
      }
      if (c == '[') {
        annotation();
        continue;
      }
      if (c == '.') {
        stop("STRAY", m_line, col(),
             fmt::format("stray '.' at `{}`: a field code follows its term or ')' with no space between, like ).tw.",
                         util::trim(m_s.substr(m_i, 6))),
             "remove the space before the field code");
      }
      word();
    }
    Tok end;
    end.col = col();
    m_out.push_back(end);
    return std::move(m_out);
  }

private:
  int col() const { return m_col0 + count_chars(m_s.substr(0, m_i)); }

  bool ends_word(std::size_t i) const
  {
    char c = m_s[i];
    return is_space(c) || c == '(' || c == ')' || c == '[' || quote_at(m_s, i) != 0;
  }

  // `.ti,ab.` at m_i: the codes and the end, or false when it is no field code.
  bool field_suffix(std::size_t at, std::vector<std::string>& codes, std::size_t& end) const
  {
    if (at >= m_s.size() || m_s[at] != '.') {
      return false;
    }
    std::size_t i = at + 1;
    codes.clear();
    for (;;) {
      if (i + 1 >= m_s.size() + 0 || !is_alpha(m_s[i]) || !is_alpha(m_s[i + 1])) {
        return false;
      }
      codes.push_back(util::to_lower(m_s.substr(i, 2)));
      i += 2;
      if (i < m_s.size() && m_s[i] == ',') {
        ++i;
        while (i < m_s.size() && is_space(m_s[i])) {
          ++i;
        }
        continue;
      }
      break;
    }
    if (i < m_s.size() && m_s[i] == '.') {
      ++i;
    }
    if (i < m_s.size() && !ends_word(i)) {
      return false;
    }
    end = i;
    return true;
  }

  // A field code right after a term or ')'.
  void after_operand()
  {
    std::vector<std::string> codes;
    std::size_t end = 0;
    if (m_i < m_s.size() && m_s[m_i] == '.') {
      if (!field_suffix(m_i, codes, end)) {
        bool spaced = m_i + 1 < m_s.size() && is_space(m_s[m_i + 1]);
        stop("STRAY", m_line, col(),
             fmt::format("stray '.' at `{}`, expected a field code like .ti,ab.{}", util::trim(m_s.substr(m_i, 8)),
                         spaced ? " with no space after its '.'" : ""),
             spaced ? "remove the space after the '.'" : "");
      }
      push_fields(codes, end);
    } else if (m_i < m_s.size() && m_s[m_i] == '/') {
      slash();
    }
  }

  void push_fields(const std::vector<std::string>& codes, std::size_t end)
  {
    Tok t;
    t.kind = Tok::Kind::fields;
    t.col = col();
    for (const auto& code : codes) {
      auto f = ovid_field(code);
      if (!f) {
        stop("TAG-UNKNOWN", m_line, col(),
             fmt::format("unknown Ovid field code .{}. in `{}`, expected a code such as ti ab tw mp sh fs pt au", code,
                         m_s.substr(m_i, end - m_i)));
      }
      for (int b = 0; b < 64; ++b) {
        if (f->has(static_cast<Field>(b))) {
          t.fields.add(static_cast<Field>(b));
        }
      }
    }
    t.codes = codes;
    m_i = end;
    m_out.push_back(std::move(t));
  }

  void slash()
  {
    Tok t;
    t.kind = Tok::Kind::slash;
    t.col = col();
    ++m_i; // '/'
    while (m_i + 1 < m_s.size() && is_alpha(m_s[m_i]) && is_alpha(m_s[m_i + 1])
           && (m_i + 2 == m_s.size() || !is_alpha(m_s[m_i + 2]))) {
      auto code = util::to_lower(m_s.substr(m_i, 2));
      if (subheading_name(code).empty()) {
        stop("TAG-UNKNOWN", m_line, col(),
             fmt::format("unknown subheading /{}, expected a MeSH subheading code like /du", code));
      }
      t.codes.push_back(code);
      m_i += 2;
      std::size_t j = m_i;
      if (j < m_s.size() && m_s[j] == ',') {
        ++j;
        while (j < m_s.size() && is_space(m_s[j])) {
          ++j;
        }
        m_i = j;
        continue;
      }
      break;
    }
    if (m_i < m_s.size() && !ends_word(m_i)) {
      stop("STRAY", m_line, col(),
           fmt::format("stray '{}' after a heading's '/', expected a space, a subheading like /du or ')'", m_s[m_i]));
    }
    m_out.push_back(std::move(t));
  }

  void phrase()
  {
    Tok t;
    t.kind = Tok::Kind::phrase;
    t.col = col();
    std::size_t w = quote_at(m_s, m_i);
    std::size_t j = m_i + w;
    std::size_t cw = 0;
    while (j < m_s.size() && (cw = quote_at(m_s, j)) == 0) {
      ++j;
    }
    if (j >= m_s.size()) {
      stop("QUOTE", m_line, t.col, "unterminated phrase: expected a closing quote before the end of the line",
           "close the phrase, or remove the stray quote");
    }
    t.text = util::collapse_space(m_s.substr(m_i + w, j - m_i - w));
    if (t.text.empty()) {
      stop("SYNTAX", m_line, t.col, "empty phrase \"\", expected words between the quotes");
    }
    m_i = j + cw;
    m_out.push_back(std::move(t));
    after_operand();
  }

  void annotation()
  {
    // Ovid's display of what an abbreviation means: `.mp. [mp=title, ...]`, `/du [Diagnostic Use]`
    bool after = !m_out.empty() && (m_out.back().kind == Tok::Kind::fields || m_out.back().kind == Tok::Kind::slash);
    auto close = m_s.find(']', m_i);
    if (!after || close == std::string_view::npos) {
      stop("STRAY", m_line, col(),
           "stray '[': Ovid's brackets only follow a field code or a subheading, as it displays them");
    }
    m_i = close + 1;
  }

  void word()
  {
    Tok t;
    t.kind = Tok::Kind::word;
    t.col = col();
    std::size_t j = m_i;
    std::vector<std::string> codes;
    std::size_t end = 0;
    while (j < m_s.size() && !ends_word(j)) {
      if (m_s[j] == '.' && j > m_i && field_suffix(j, codes, end)) {
        break;
      }
      if (m_s[j] == '/' && j > m_i) {
        break;
      }
      ++j;
    }
    t.text = std::string(m_s.substr(m_i, j - m_i));
    auto lower = util::to_lower(t.text);
    bool dotted = j < m_s.size() && m_s[j] == '.';
    bool slashed = j < m_s.size() && m_s[j] == '/';
    if (!dotted && !slashed && (lower == "and" || lower == "or" || lower == "not")) {
      t.kind = Tok::Kind::op;
      t.text = lower;
    } else if (!dotted && !slashed && lower.size() >= 3 && lower.substr(0, 3) == "adj"
               && std::all_of(lower.begin() + 3, lower.end(), is_digit) && lower.size() <= 6) {
      t.kind = Tok::Kind::adj;
      t.n = lower.size() == 3 ? 0 : std::stoi(lower.substr(3));
      if (lower.size() > 3 && t.n < 1) {
        stop("SYNTAX", m_line, t.col, fmt::format("`{}`: adjN needs N of 1 or more", t.text));
      }
    }
    m_i = j;
    m_out.push_back(std::move(t));
    if (dotted) {
      push_fields(codes, end);
    } else if (slashed) {
      slash();
    }
  }

  std::string_view m_s;
  int m_line;
  int m_col0;
  std::size_t m_i = 0;
  std::vector<Tok> m_out;
};

// Ovid's wildcards in a word, as the tree spells them (ast.hpp).
std::string canonical_word(std::string_view w, std::vector<Wildcard>& out)
{
  std::string text;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == '$' || c == '*' || (c == ':' && i + 1 == w.size())) {
      Wildcard wc;
      std::size_t j = i + 1;
      while (j < w.size() && is_digit(w[j])) {
        ++j;
      }
      if (j > i + 1) {
        wc.max_characters = std::stoi(std::string(w.substr(i + 1, j - i - 1)));
      }
      wc.at_end = j == w.size() || w[j] == ' ';
      out.push_back(wc);
      text += '*';
      i = j - 1;
    } else if (c == '?' || c == '#') {
      Wildcard wc;
      wc.kind = c == '?' ? Wildcard::Kind::optional_character : Wildcard::Kind::one_character;
      wc.at_end = i + 1 == w.size() || w[i + 1] == ' ';
      out.push_back(wc);
      text += c;
    } else {
      text += c;
    }
  }
  return text;
}

class LineParser
{
public:
  using Resolve = std::function<NodePtr(int number, int col)>;

  LineParser(std::vector<Tok> toks, int line, Vocabulary vocabulary, const Resolve& resolve)
    : m_t(std::move(toks)), m_line(line), m_vocabulary(vocabulary), m_resolve(resolve)
  {
  }

  NodePtr parse()
  {
    auto node = expr(false, 0);
    if (peek().kind == Tok::Kind::rparen) {
      stop("PAREN", m_line, peek().col, "unbalanced parenthesis: ')' without '('");
    }
    if (peek().kind != Tok::Kind::end) {
      stop("SYNTAX", m_line, peek().col,
           fmt::format("unexpected `{}`, expected and, or, not or adjN", describe(peek())));
    }
    for (Node* t : m_unfielded) {
      t->fields = *ovid_field("mp"); // Ovid's default fields
    }
    return node;
  }

  // A term on .sh. is a heading, not exploded: Humans.sh. is Humans/.
  void set_fields(Node& t, const FieldSet& fields) const
  {
    t.fields = fields;
    if (fields == FieldSet{F::heading}) {
      Heading h;
      h.vocabulary = m_vocabulary;
      h.explode = false;
      t.heading = h;
      t.is_phrase = t.text.find(' ') != std::string::npos;
    }
  }

private:
  const Tok& peek(std::size_t ahead = 0) const { return m_t[std::min(m_pos + ahead, m_t.size() - 1)]; }
  const Tok& next() { return m_t[m_pos++]; }

  static std::string describe(const Tok& t)
  {
    switch (t.kind) {
    case Tok::Kind::lparen:
      return "(";
    case Tok::Kind::rparen:
      return ")";
    case Tok::Kind::fields:
      return "." + util::join(t.codes, ",") + ".";
    case Tok::Kind::slash:
      return "/";
    case Tok::Kind::end:
      return "end of line";
    case Tok::Kind::phrase:
      return "\"" + t.text + "\"";
    default:
      return t.text;
    }
  }

  NodePtr expr(bool fielded, int depth)
  {
    std::vector<NodePtr> operands{proximity(fielded, depth)};
    std::vector<Operator> ops;
    while (peek().kind == Tok::Kind::op) {
      const Tok& t = next();
      Operator o;
      o.op = t.text == "and" ? Op::op_and : t.text == "or" ? Op::op_or : Op::op_not;
      o.line = m_line;
      o.col = t.col;
      ops.push_back(o);
      operands.push_back(proximity(fielded, depth));
    }
    return chain(std::move(operands), std::move(ops));
  }

  NodePtr proximity(bool fielded, int depth)
  {
    std::vector<NodePtr> operands{primary(fielded, depth)};
    std::vector<Operator> ops;
    while (peek().kind == Tok::Kind::adj) {
      const Tok& t = next();
      Operator o;
      o.op = Op::op_and;
      o.line = m_line;
      o.col = t.col;
      o.near = Proximity{t.n == 0 ? 0 : t.n - 1, t.n == 0};
      ops.push_back(o);
      operands.push_back(primary(fielded, depth));
    }
    return chain(std::move(operands), std::move(ops));
  }

  static NodePtr chain(std::vector<NodePtr> operands, std::vector<Operator> ops)
  {
    if (ops.empty()) {
      return operands.front();
    }
    auto c = std::make_shared<Node>();
    c->kind = Node::Kind::chain;
    c->line = operands.front()->line;
    c->col = operands.front()->col;
    c->ops = std::move(ops);
    c->children = std::move(operands);
    return c;
  }

  // Does the ')' that closes the '(' at m_pos have a field code right after it?
  bool group_fielded() const
  {
    int level = 0;
    for (std::size_t i = m_pos; i < m_t.size(); ++i) {
      if (m_t[i].kind == Tok::Kind::lparen) {
        ++level;
      } else if (m_t[i].kind == Tok::Kind::rparen && --level == 0) {
        return i + 1 < m_t.size() && m_t[i + 1].kind == Tok::Kind::fields;
      }
    }
    return false;
  }

  NodePtr primary(bool fielded, int depth)
  {
    const Tok& t = peek();
    switch (t.kind) {
    case Tok::Kind::lparen: {
      if (depth > 100) {
        stop("NESTING", m_line, t.col, "parentheses nested deeper than 100");
      }
      bool own = group_fielded();
      next();
      if (peek().kind == Tok::Kind::rparen) {
        stop("SYNTAX", m_line, t.col, "empty parentheses, expected an expression between '(' and ')'");
      }
      std::size_t mark = m_unfielded.size();
      auto inner = expr(fielded || own, depth + 1);
      if (peek().kind != Tok::Kind::rparen) {
        stop("PAREN", m_line, t.col, "unbalanced parenthesis: expected ')' before the end of the line");
      }
      next();
      auto group = std::make_shared<Node>();
      group->kind = Node::Kind::group;
      group->line = m_line;
      group->col = t.col;
      group->children = {inner};
      if (peek().kind == Tok::Kind::fields) {
        const auto& f = next();
        for (std::size_t i = mark; i < m_unfielded.size(); ++i) {
          set_fields(*m_unfielded[i], f.fields);
        }
        m_unfielded.resize(mark);
      } else if (peek().kind == Tok::Kind::slash) {
        stop("SYNTAX", m_line, peek().col, "'/' after ')': a heading is written Heading/ without parentheses");
      }
      return group;
    }
    case Tok::Kind::word:
    case Tok::Kind::phrase:
      return term(fielded);
    case Tok::Kind::end:
      stop("SYNTAX", m_line, t.col, "unexpected end of line, expected a term, a Heading/, '(' or a line number");
    default:
      stop("SYNTAX", m_line, t.col,
           fmt::format("unexpected `{}`, expected a term, a Heading/, '(' or a line number", describe(t)));
    }
  }

  // Is a heading ahead: words (or one phrase) up to a '/'?
  bool heading_ahead() const
  {
    for (std::size_t i = m_pos; i < m_t.size(); ++i) {
      const auto& k = m_t[i].kind;
      if (k == Tok::Kind::slash) {
        return i > m_pos;
      }
      if (k != Tok::Kind::word && k != Tok::Kind::phrase) {
        return false;
      }
    }
    return false;
  }

  NodePtr term(bool fielded)
  {
    const Tok& first = peek();
    if (heading_ahead()) {
      return heading();
    }
    auto node = std::make_shared<Node>();
    node->line = m_line;
    node->col = first.col;
    if (first.kind == Tok::Kind::phrase) {
      node->is_phrase = true;
      node->text = canonical_word(next().text, node->wildcards);
    } else {
      while (peek().kind == Tok::Kind::word) {
        const Tok& w = next();
        auto text = canonical_word(w.text, node->wildcards);
        node->words.push_back(Word{text, m_line, w.col});
        node->text += (node->text.empty() ? "" : " ") + text;
      }
      node->is_phrase = node->words.size() > 1; // Ovid: adjacent words are a phrase
    }
    node->truncated = std::any_of(node->wildcards.begin(), node->wildcards.end(), [](const Wildcard& w) {
      return w.kind == Wildcard::Kind::any_characters && w.at_end;
    });
    if (peek().kind == Tok::Kind::fields) {
      set_fields(*node, next().fields);
    } else if (!node->is_phrase && node->words.size() == 1 && node->wildcards.empty() && !fielded
               && all_digits(node->text)) {
      auto ref = std::make_shared<Node>();
      ref->kind = Node::Kind::reference;
      ref->reference = std::stoi(node->text);
      ref->line = m_line;
      ref->col = first.col;
      ref->children = {m_resolve(ref->reference, first.col)};
      return ref;
    } else {
      m_unfielded.push_back(node.get());
    }
    return node;
  }

  NodePtr heading()
  {
    const Tok& first = peek();
    bool explode = false;
    if (first.kind == Tok::Kind::word && util::iequals(first.text, "exp") && peek(1).kind != Tok::Kind::slash) {
      explode = true;
      next();
    }
    std::string text;
    bool major = false;
    int col = peek().col;
    while (peek().kind != Tok::Kind::slash) {
      const Tok& w = next();
      std::string s = w.text;
      if (text.empty() && !s.empty() && s[0] == '*' && w.kind == Tok::Kind::word) {
        major = true;
        s.erase(0, 1);
        if (s.empty()) {
          continue; // `* Heading/`
        }
      }
      text += (text.empty() ? "" : " ") + s;
    }
    const Tok& slash = next();
    if (text.empty()) {
      stop("SYNTAX", m_line, slash.col, "a heading without its name before '/'");
    }
    auto make = [&](const std::string& code) {
      auto node = std::make_shared<Node>();
      node->line = m_line;
      node->col = col;
      node->text = text;
      node->is_phrase = text.find(' ') != std::string::npos;
      node->fields = FieldSet{F::heading};
      Heading h;
      h.vocabulary = m_vocabulary;
      h.explode = explode;
      h.major = major;
      if (!code.empty()) {
        h.subheading = std::string(subheading_name(code));
        h.subheading_code = code;
      }
      node->heading = h;
      return node;
    };
    if (slash.codes.size() <= 1) {
      return make(slash.codes.empty() ? std::string() : slash.codes.front());
    }
    // Heading/di, pa: Heading/di or Heading/pa
    std::vector<NodePtr> operands;
    std::vector<Operator> ops;
    for (const auto& code : slash.codes) {
      if (!operands.empty()) {
        Operator o;
        o.op = Op::op_or;
        o.line = m_line;
        o.col = slash.col;
        ops.push_back(o);
      }
      operands.push_back(make(code));
    }
    auto group = std::make_shared<Node>();
    group->kind = Node::Kind::group;
    group->line = m_line;
    group->col = col;
    group->children = {chain(std::move(operands), std::move(ops))};
    return group;
  }

  std::vector<Tok> m_t;
  std::size_t m_pos = 0;
  int m_line;
  Vocabulary m_vocabulary;
  const Resolve& m_resolve;
  std::vector<Node*> m_unfielded; // terms without a field code yet
};

struct BodyLine
{
  std::string_view text; // without indentation
  int line = 0;
  int col = 0; // column of text[0]
};

std::vector<BodyLine> body_lines(std::string_view all)
{
  if (all.substr(0, 3) == "\xEF\xBB\xBF") {
    all.remove_prefix(3);
  }
  std::vector<BodyLine> out;
  bool in_body = false;
  int number = 0;
  std::size_t start = 0;
  while (start <= all.size()) {
    auto end = all.find('\n', start);
    auto raw = all.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++number;
    if (!raw.empty() && raw.back() == '\r') {
      raw.remove_suffix(1);
    }
    auto trimmed = util::trim(raw);
    if (!in_body) {
      in_body = trimmed == "---";
    } else if (!trimmed.empty() && !(trimmed[0] == '#' && (trimmed.size() == 1 || is_space(trimmed[1])))) {
      auto lead = raw.find_first_not_of(" \t");
      out.push_back(BodyLine{trimmed, number, count_chars(raw.substr(0, lead)) + 1});
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

Vocabulary vocabulary_of(const QueryFile& q)
{
  auto db = util::to_lower(q.database);
  if (db.find("embase") != std::string::npos) {
    return Vocabulary::emtree;
  }
  if (db.find("psyc") != std::string::npos) {
    return Vocabulary::apa;
  }
  if (db.find("cinahl") != std::string::npos) {
    return Vocabulary::cinahl;
  }
  return Vocabulary::mesh;
}

class OvidReader
{
public:
  OvidReader(const QueryFile& q, Strategy& s) : m_q(q), m_s(s) {}

  void run()
  {
    int expected = 0;
    auto body = body_lines(m_q.text);
    m_total = static_cast<int>(body.size());
    for (const auto& bl : body) {
      Line line;
      line.line = bl.line;
      line.number = ++expected;
      std::string_view text = bl.text;
      int col = bl.col;
      // an optional "12." or "12 ." before the search, as Ovid prints its history
      std::size_t i = 0;
      while (i < text.size() && is_digit(text[i])) {
        ++i;
      }
      if (i > 0 && i < text.size() && text[i] == '.' && i + 1 < text.size() && is_space(text[i + 1])) {
        line.number = std::stoi(std::string(text.substr(0, i)));
        expected = line.number;
        m_total = std::max(m_total, line.number);
        auto rest = text.substr(i + 1);
        auto lead = rest.find_first_not_of(" \t");
        col += count_chars(text.substr(0, i + 1 + lead));
        text = rest.substr(lead);
      }
      line.text = std::string(text);
      try {
        if (!m_s.lines.empty() && line.number <= m_s.lines.back().number) {
          stop("LINE", bl.line, bl.col,
               fmt::format("line number {} after {}, expected {}", line.number, m_s.lines.back().number,
                           m_s.lines.back().number + 1));
        }
        line.expression = parse_line(text, bl.line, col, line.number);
      } catch (const ParseStop& stop) {
        if (!stop.finding.code.empty()) {
          m_s.findings.push_back(stop.finding);
        }
      }
      m_s.lines.push_back(std::move(line));
    }
    if (m_s.lines.empty()) {
      m_s.findings.push_back(finding("LINE", 0, 0, "empty strategy, expected Ovid search lines after '---'"));
      return;
    }
    m_s.expression = m_s.lines.back().expression;
  }

private:
  NodePtr resolve(int number, int line, int col, int from) const
  {
    if (number > m_total) {
      throw ParseStop{
        finding("REF-MISSING", line, col,
                fmt::format("{} refers to a line that does not exist (line {} of the history)", number, from))};
    }
    if (number >= from) {
      throw ParseStop{
        finding("REF-ORDER", line, col,
                number == from
                  ? fmt::format("line {} refers to itself, expected a reference to an earlier line", from)
                  : fmt::format("line {} refers to line {}, which comes later, expected an earlier line", from, number),
                "renumber the references to the lines above")};
    }
    for (const auto& l : m_s.lines) {
      if (l.number == number) {
        if (!l.expression) {
          throw ParseStop{}; // that line has its error already
        }
        return l.expression;
      }
    }
    throw ParseStop{
      finding("REF-MISSING", line, col,
              fmt::format("{} refers to a line that does not exist (line {} of the history)", number, from))};
  }

  NodePtr reference(int number, int line, int col, int from)
  {
    // or/1-N on every line of a long history: line references grow as the square of the
    // lines; far above any real strategy (the 40 Cochrane ones hold under 1,000)
    if (++m_references > k_max_references) {
      throw ParseStop{finding(
        "LIMIT", line, col,
        fmt::format("the history refers to its lines more than {} times, more than synth reads", k_max_references))};
    }
    auto ref = std::make_shared<Node>();
    ref->kind = Node::Kind::reference;
    ref->reference = number;
    ref->line = line;
    ref->col = col;
    ref->children = {resolve(number, line, col, from)};
    return ref;
  }

  NodePtr parse_line(std::string_view text, int line, int col, int number)
  {
    auto lower = util::to_lower(text);
    // or/1-4   and/1,3   or/45-46,48,52
    for (std::string_view op : {"or/", "and/"}) {
      if (lower.rfind(op, 0) == 0) {
        return combine(text, line, col, number, op == "or/" ? Op::op_or : Op::op_and, op.size());
      }
    }
    if (lower.rfind("limit ", 0) == 0) {
      return limit(text, line, col, number);
    }
    LineLexer lexer(text, line, col);
    LineParser::Resolve resolve = [&](int n, int c) { return resolve_at(n, line, c, number); };
    return LineParser(lexer.run(), line, vocabulary_of(m_q), resolve).parse();
  }

  NodePtr resolve_at(int n, int line, int col, int from) const { return resolve(n, line, col, from); }

  NodePtr combine(std::string_view text, int line, int col, int number, Op op, std::size_t skip)
  {
    auto c = std::make_shared<Node>();
    c->kind = Node::Kind::chain;
    c->line = line;
    c->col = col;
    std::size_t i = skip;
    auto at = [&](std::size_t k) { return col + count_chars(text.substr(0, k)); };
    auto read_number = [&]() {
      while (i < text.size() && is_space(text[i])) {
        ++i;
      }
      std::size_t s = i;
      while (i < text.size() && is_digit(text[i])) {
        ++i;
      }
      if (i == s || i - s > 6) {
        stop("SYNTAX", line, at(s), fmt::format("expected a line number in `{}`, like or/1-4 or and/1,3", text));
      }
      return std::make_pair(std::stoi(std::string(text.substr(s, i - s))), at(s));
    };
    for (;;) {
      auto [from, from_col] = read_number();
      int to = from;
      while (i < text.size() && is_space(text[i])) {
        ++i;
      }
      if (i < text.size() && text[i] == '-') {
        ++i;
        auto [end, end_col] = read_number();
        if (end < from) {
          stop("SYNTAX", line, from_col,
               fmt::format("the range {}-{} runs backwards, expected {}-{}", from, end, end, from));
        }
        if (end - from > 100000) {
          stop("LIMIT", line, from_col, fmt::format("the range {}-{} is longer than any history", from, end));
        }
        to = end;
        // the end of the range must exist, as every line in it
        resolve(end, line, end_col, number);
      }
      for (int n = from; n <= to; ++n) {
        if (!c->children.empty()) {
          Operator o;
          o.op = op;
          o.line = line;
          o.col = col;
          c->ops.push_back(o);
        }
        c->children.push_back(reference(n, line, from_col, number));
      }
      while (i < text.size() && is_space(text[i])) {
        ++i;
      }
      if (i == text.size()) {
        break;
      }
      if (text[i] != ',') {
        stop("SYNTAX", line, at(i),
             fmt::format("unexpected '{}' in `{}`, expected ',' between line numbers", text[i], text));
      }
      ++i;
    }
    if (c->children.size() == 1) {
      return c->children.front();
    }
    return c;
  }

  NodePtr limit(std::string_view text, int line, int col, int number)
  {
    std::size_t i = 6;
    while (i < text.size() && is_space(text[i])) {
      ++i;
    }
    std::size_t s = i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    int at_number = col + count_chars(text.substr(0, s));
    if (i == s || i - s > 6) {
      stop("SYNTAX", line, at_number, "expected a line number after `limit`, like limit 3 to english language");
    }
    int target = std::stoi(std::string(text.substr(s, i - s)));
    auto rest = util::trim(text.substr(i));
    if (!util::istarts_with(rest, "to ")) {
      stop("SYNTAX", line, col + count_chars(text.substr(0, i)) + 1,
           "expected `to` after the line number, like limit 3 to english language");
    }
    auto spec = util::trim(rest.substr(3));
    int spec_col = col + count_chars(text.substr(0, text.size() - spec.size()));
    if (spec.size() >= 2 && spec.front() == '(' && spec.back() == ')') {
      spec = util::trim(spec.substr(1, spec.size() - 2));
    }
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::group; // with limits
    node->line = line;
    node->col = col;
    node->children = {reference(target, line, at_number, number)};
    // the parts, split at " and " outside quotes
    std::vector<std::string> parts;
    std::string cur;
    bool quoted = false;
    for (std::size_t k = 0; k < spec.size(); ++k) {
      if (spec[k] == '"') {
        quoted = !quoted;
      }
      if (!quoted && k + 5 <= spec.size() && util::iequals(spec.substr(k, 5), " and ")) {
        parts.push_back(cur);
        cur.clear();
        k += 4;
        continue;
      }
      cur += spec[k];
    }
    parts.push_back(cur);
    for (auto part : parts) {
      auto p = std::string(util::trim(part));
      if (p.empty()) {
        stop("SYNTAX", line, spec_col, "empty limit, expected e.g. english language or yr=\"1990-2013\"");
      }
      node->limits.push_back(read_limit(p, line, spec_col));
    }
    return node;
  }

  static Limit read_limit(const std::string& p, int line, int col)
  {
    Limit l;
    auto lower = util::to_lower(p);
    if (lower.rfind("yr", 0) == 0 && lower.find('=') != std::string::npos) {
      auto value = std::string(util::trim(std::string_view(p).substr(p.find('=') + 1)));
      value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
      auto dash = value.find('-');
      auto from = std::string(util::trim(std::string_view(value).substr(0, dash)));
      auto to = dash == std::string::npos ? from : std::string(util::trim(std::string_view(value).substr(dash + 1)));
      if (util::iequals(to, "current")) {
        to.clear();
      }
      auto year = [](const std::string& y) {
        return y.empty() || (y.size() == 4 && std::all_of(y.begin(), y.end(), is_digit));
      };
      if (from.empty() || !year(from) || !year(to)) {
        stop("DATE", line, col,
             fmt::format("bad year range `{}`, expected yr=\"1990-2013\" or yr=\"2005 -Current\"", p));
      }
      l.kind = Limit::Kind::publication_date;
      l.from = from;
      l.to = to;
      return l;
    }
    if (lower.size() > 9 && lower.substr(lower.size() - 9) == " language") {
      l.kind = Limit::Kind::language;
      l.languages.push_back(std::string(util::trim(std::string_view(lower).substr(0, lower.size() - 9))));
      return l;
    }
    l.kind = Limit::Kind::other;
    lower.erase(std::remove(lower.begin(), lower.end(), '"'), lower.end());
    l.text = lower;
    return l;
  }

  const QueryFile& m_q;
  Strategy& m_s;
  int m_total = 0; // the number of the last line (numbered lines may skip numbers)
  static constexpr int k_max_references = 1'000'000;
  int m_references = 0;
};

} // namespace

std::optional<FieldSet> ovid_field(std::string_view code)
{
  auto lower = util::to_lower(code);
  for (const auto& f : field_codes()) {
    if (f.code == lower) {
      return f.fields;
    }
  }
  return std::nullopt;
}

std::string_view subheading_name(std::string_view code)
{
  auto lower = util::to_lower(code);
  for (const auto& [c, name] : subheadings()) {
    if (c == lower) {
      return name;
    }
  }
  return {};
}

std::string_view subheading_code(std::string_view name)
{
  for (const auto& [c, n] : subheadings()) {
    if (util::iequals(n, name)) {
      return c;
    }
  }
  return {};
}

Strategy parse_ovid(const QueryFile& query)
{
  Strategy s;
  s.syntax = Syntax::ovid;
  s.vocabulary = vocabulary_of(query);
  OvidReader(query, s).run();
  return s;
}

Strategy read_strategy(const QueryFile& query)
{
  if (query.syntax == Syntax::ovid) {
    auto s = parse_ovid(query);
    // the header's own problems first
    for (const auto& f : query.findings) {
      if (f.severity == Severity::error) {
        s.findings.insert(s.findings.begin(), f);
      }
    }
    return s;
  }
  Strategy s;
  s.syntax = query.syntax;
  if (query.syntax == Syntax::pubmed) {
    s.lines = query.lines;
    s.expression = query.expression;
    for (const auto& f : query.findings) {
      if (f.severity == Severity::error) {
        s.findings.push_back(f);
      }
    }
    return s;
  }
  s.findings.push_back(
    finding("FOREIGN-SYNTAX", 0, 0,
            fmt::format("synth cannot read {} syntax yet: it reads PubMed's and Ovid's", syntax_name(query.syntax))));
  return s;
}

} // namespace synth::query
