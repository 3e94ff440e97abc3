#include "synth/query/parser.hpp"

#include "synth/core/error.hpp"
#include "synth/query/dates.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::query {

namespace {

const char* const k_expected_term = "expected a term, a \"phrase\", '(' or #n";

// The operands and operators of one level of parentheses, while it is being read.
struct Frame
{
  std::vector<NodePtr> operands;
  std::vector<Operator> ops;
  const Token* open = nullptr; // the '(' that opened it; null for the top level
  // While a nested group is read: the operator that will join it to this level.
  const Token* pending = nullptr;
  bool pending_implicit = false;
};

class Parser
{
public:
  Parser(std::vector<Token> tokens, const Resolver& resolve) : m_tokens(std::move(tokens)), m_resolve(resolve) {}

  Parsed parse_all()
  {
    if (peek().kind == Token::Kind::end) {
      stop("SYNTAX", peek(), "empty expression, expected a search expression");
    }
    std::vector<Frame> frames(1);
    const Token* pending = nullptr; // the operator waiting for its right operand
    bool implicit = false;          // ... an implicit AND (pending: where the operand starts)
    bool want_operand = true;
    for (;;) {
      const Token& t = peek();
      if (want_operand) {
        switch (t.kind) {
        case Token::Kind::lparen: {
          next();
          int depth = static_cast<int>(frames.size());
          if (depth > k_max_nesting) {
            stop("NESTING", t, fmt::format("parentheses nested deeper than {}", k_max_nesting),
                 "write the strategy as numbered lines that refer to each other");
          }
          if (peek().kind == Token::Kind::rparen) {
            stop("SYNTAX", t, "empty parentheses, expected an expression between '(' and ')'");
          }
          m_depth = std::max(m_depth, depth);
          frames.back().pending = pending;
          frames.back().pending_implicit = implicit;
          pending = nullptr;
          implicit = false;
          frames.emplace_back();
          frames.back().open = &t;
          continue;
        }
        case Token::Kind::ref:
          add(frames.back(), pending, implicit, reference(next(), static_cast<int>(frames.size()) - 1));
          break;
        case Token::Kind::word:
        case Token::Kind::phrase:
          add(frames.back(), pending, implicit, term());
          break;
        default:
          missing_operand(t, pending, implicit);
        }
        pending = nullptr;
        implicit = false;
        want_operand = false;
        continue;
      }
      switch (t.kind) {
      case Token::Kind::op_and:
      case Token::Kind::op_or:
      case Token::Kind::op_not:
        pending = &next();
        want_operand = true;
        continue;
      case Token::Kind::word:
      case Token::Kind::phrase:
      case Token::Kind::lparen:
      case Token::Kind::ref:
        pending = &t; // PubMed's implicit AND, placed where the next operand starts
        implicit = true;
        want_operand = true;
        continue;
      case Token::Kind::rparen: {
        if (frames.size() == 1) {
          stop("PAREN", t, "unbalanced parenthesis: ')' without '('");
        }
        next();
        Frame done = std::move(frames.back());
        frames.pop_back();
        auto group = std::make_shared<Node>();
        group->kind = Node::Kind::group;
        group->line = done.open->line;
        group->col = done.open->col;
        group->children = {build(std::move(done))};
        reject_tag_after(t, "')'");
        Frame& outer = frames.back();
        add(outer, outer.pending, outer.pending_implicit, group);
        continue;
      }
      case Token::Kind::end:
        if (frames.size() > 1) {
          stop("PAREN", *frames.back().open,
               fmt::format("unbalanced parenthesis: expected ')' before end of line {}", t.line));
        }
        return Parsed{build(std::move(frames.front())), m_depth};
      case Token::Kind::tag:
        stop("SYNTAX", t, fmt::format("a second field tag [{}]: a term takes one tag", t.text));
      case Token::Kind::colon:
        stop("SYNTAX", t, "':' outside a date range, expected a range like 2000:2010[dp]");
      }
    }
  }

private:
  const Token& peek() const { return m_tokens[m_pos]; }
  const Token& next() { return m_tokens[m_pos++]; }

  [[noreturn]] static void stop(std::string_view code, const Token& at, std::string message, std::string fix = {})
  {
    throw ParseStop{finding(code, at.line, at.col, std::move(message), std::move(fix))};
  }

  // Appends an operand, joined to the previous one by `op` (an operator token, or the
  // first token of an operand that follows another one: an implicit AND).
  static void add(Frame& frame, const Token* op, bool implicit, NodePtr operand)
  {
    if (!frame.operands.empty()) {
      Operator o;
      o.implicit = implicit;
      o.op = implicit || op->kind == Token::Kind::op_and ? Op::op_and
             : op->kind == Token::Kind::op_or            ? Op::op_or
                                                         : Op::op_not;
      o.line = op->line;
      o.col = op->col;
      frame.ops.push_back(o);
    }
    frame.operands.push_back(std::move(operand));
  }

  static NodePtr build(Frame frame)
  {
    if (frame.ops.empty()) {
      return frame.operands.front();
    }
    auto chain = std::make_shared<Node>();
    chain->kind = Node::Kind::chain;
    chain->line = frame.operands.front()->line;
    chain->col = frame.operands.front()->col;
    chain->ops = std::move(frame.ops);
    chain->children = std::move(frame.operands);
    return chain;
  }

  [[noreturn]] static void missing_operand(const Token& t, const Token* op, bool implicit)
  {
    if (op != nullptr && !implicit) {
      const Token& where = t.kind == Token::Kind::end ? *op : t;
      stop("SYNTAX", where, fmt::format("missing term after {}, {}", op->text, k_expected_term),
           op->text == "AND" && t.kind == Token::Kind::op_not ? "PubMed's NOT joins two terms: write a NOT b" : "");
    }
    if (t.kind == Token::Kind::end) {
      stop("SYNTAX", t, fmt::format("unexpected end of expression, {}", k_expected_term));
    }
    if (t.kind == Token::Kind::rparen) {
      stop("PAREN", t, "unbalanced parenthesis: ')' without '('");
    }
    if (t.kind == Token::Kind::tag) {
      stop("SYNTAX", t, fmt::format("field tag [{}] without a term, expected a term before it", t.text));
    }
    stop("SYNTAX", t, fmt::format("unexpected '{}', {}", t.text, k_expected_term));
  }

  void reject_tag_after(const Token& before, std::string_view what)
  {
    const Token& t = peek();
    if (t.kind == Token::Kind::tag) {
      stop("TAG-GROUP", t, fmt::format("field tag [{}] after {}: PubMed tags terms, not groups or lines", t.text, what),
           fmt::format("tag each term{}: (eHealth[{}] OR mHealth[{}])",
                       before.kind == Token::Kind::ref ? " of the line" : " inside the parentheses", t.text, t.text));
    }
  }

  NodePtr reference(const Token& ref, int parens)
  {
    reject_tag_after(ref, ref.text);
    auto target = m_resolve(ref);
    int depth = parens + 1 + target.depth;
    if (depth > k_max_nesting) {
      stop("NESTING", ref,
           fmt::format("{} nests line references and parentheses {} deep (at most {})", ref.text, depth, k_max_nesting),
           "combine fewer lines into each other");
    }
    m_depth = std::max(m_depth, depth);
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::reference;
    node->reference = ref.number;
    node->line = ref.line;
    node->col = ref.col;
    node->children = {target.expression};
    return node;
  }

  // A "phrase" or a run of words, an optional [tag], and for dates an optional ': to[dp]'.
  NodePtr term()
  {
    auto node = std::make_shared<Node>();
    const Token& first = peek();
    node->line = first.line;
    node->col = first.col;
    if (first.kind == Token::Kind::phrase) {
      node->is_phrase = true;
      node->curly_quotes = first.curly;
      node->text = next().text;
    } else {
      while (peek().kind == Token::Kind::word) {
        const Token& w = next();
        if (!node->text.empty()) {
          node->text += ' ';
        }
        node->text += w.text;
        node->words.push_back(Word{w.text, w.line, w.col});
      }
    }
    node->truncated = truncated(node->text);
    for (std::size_t i = 0; i < node->text.size(); ++i) {
      if (node->text[i] == '*') {
        bool at_end = i + 1 == node->text.size() || node->text[i + 1] == ' ';
        node->wildcards.push_back(Wildcard{Wildcard::Kind::any_characters, at_end});
      }
    }
    if (peek().kind == Token::Kind::tag) {
      apply_tag(*node, next());
    }
    if (peek().kind == Token::Kind::colon) {
      return range(node);
    }
    if (is_date(*node)) {
      if (!node->is_phrase && node->text.find(':') != std::string::npos) {
        return compact_range(node);
      }
      check_date(*node, node->text, true);
    }
    return node;
  }

  static bool truncated(std::string_view text)
  {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '*' && (i + 1 == text.size() || text[i + 1] == ' ')) {
        return true;
      }
    }
    return false;
  }

  static bool is_date(const Node& node) { return node.tag_info != nullptr && node.tag_info->kind == TagKind::date; }

  static void apply_tag(Node& node, const Token& tag)
  {
    auto m = match_tag(tag.text);
    if (!m) {
      stop("TAG-UNKNOWN", tag,
           fmt::format("unknown field tag [{}], expected a PubMed tag such as [tiab] [ti] [tw] [mh] [majr] [sh] [pt] "
                       "[la] [dp] [au] (see docs/search.md)",
                       tag.text));
    }
    const TagInfo& info = *m->info;
    node.tag = tag.text;
    node.tag_info = &info;
    node.fields = info.fields;
    if (m->proximity) {
      if (!info.proximity) {
        stop("PROX-FIELD", tag,
             fmt::format("PubMed has no proximity search on [{}]: only [ti], [tiab] and [ad]", info.name),
             "search the phrase without ':~N', or on [tiab]");
      }
      const auto& d = m->distance;
      bool digits =
        !d.empty() && d.size() <= 6 && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits) {
        stop("PROX-FIELD", tag, fmt::format("the distance '{}' in [{}] is not a whole number of words", d, tag.text),
             fmt::format("write [{}:~2] for at most two words between", info.name));
      }
      node.proximity = Proximity{std::stoi(d), false};
    }
    if (info.kind == TagKind::heading || info.kind == TagKind::subheading) {
      Heading h;
      h.explode = !m->noexp;
      h.major = info.tag == Tag::majr;
      if (info.kind == TagKind::subheading) {
        h.subheading = node.text;
      } else if (auto slash = node.text.rfind('/'); slash != std::string::npos && slash + 1 < node.text.size()) {
        h.subheading = node.text.substr(slash + 1);
      }
      node.heading = std::move(h);
    }
  }

  static void check_date(const Node& node, std::string_view text, bool relative_allowed)
  {
    if (relative_allowed && is_relative_date(text)) {
      return;
    }
    if (node.truncated || !parse_day_span(text, DateDigits::one_or_two)) {
      throw ParseStop{
        finding("DATE", node.line, node.col,
                fmt::format("bad date '{}' in [{}], expected YYYY, YYYY/MM or YYYY/MM/DD", text, node.tag),
                "months and days may have one or two digits: 2019/1/31")};
    }
  }

  NodePtr range(const std::shared_ptr<Node>& from)
  {
    const Token& colon = next();
    if (peek().kind != Token::Kind::word && peek().kind != Token::Kind::phrase) {
      stop("DATE", colon, "missing end of date range after ':', expected a date like \"2013/11/30\"[dp]");
    }
    auto to = std::make_shared<Node>();
    const Token& t = next();
    to->line = t.line;
    to->col = t.col;
    to->is_phrase = t.kind == Token::Kind::phrase;
    to->curly_quotes = t.curly;
    to->text = t.text;
    if (peek().kind == Token::Kind::tag) {
      apply_tag(*to, next());
    }
    if (!is_date(*to) || (from->tag_info != nullptr && !is_date(*from))) {
      stop("DATE", colon, "date range without a date tag, expected \"YYYY/MM/DD\"[dp] : \"YYYY/MM/DD\"[dp]");
    }
    if (from->tag_info != nullptr && from->tag_info != to->tag_info) {
      stop("DATE", colon,
           fmt::format("the range starts on [{}] and ends on [{}], expected one date field", from->tag, to->tag));
    }
    if (from->tag_info == nullptr) {
      from->tag_info = to->tag_info; // "1990" : "2013"[dp]: the tag applies to both ends
      from->fields = to->fields;
    }
    check_date(*from, from->text, false);
    check_date(*to, to->text, false);
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::date_range;
    node->tag = to->tag;
    node->tag_info = to->tag_info;
    node->fields = to->fields;
    node->line = from->line;
    node->col = from->col;
    node->children = {from, to};
    return node;
  }

  NodePtr compact_range(const std::shared_ptr<Node>& word)
  {
    auto colon = word->text.find(':');
    auto from = std::make_shared<Node>(*word);
    auto to = std::make_shared<Node>(*word);
    from->text = word->text.substr(0, colon);
    to->text = word->text.substr(colon + 1);
    from->words.clear();
    to->words.clear();
    check_date(*word, from->text, false);
    check_date(*word, to->text, false);
    auto node = std::make_shared<Node>(*word);
    node->kind = Node::Kind::date_range;
    node->compact = true;
    node->words.clear();
    node->children = {from, to};
    return node;
  }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  const Resolver& m_resolve;
  int m_depth = 0;
};

} // namespace

void fail_at(const std::string& label, int line, int col, const std::string& what)
{
  throw Error(fmt::format("{}:{}:{}: {}", label, line, col, what));
}

Parsed parse_segments(const std::vector<Segment>& segments, const Resolver& resolve, std::vector<Finding>& findings)
{
  Parser parser(lex(segments, findings), resolve);
  return parser.parse_all();
}

NodePtr parse_expression(std::string_view text, const std::string& label, int line, int col_offset)
{
  std::vector<Segment> segments{{text, line, col_offset + 1}};
  Resolver no_lines = [](const Token& ref) -> LineTarget {
    throw ParseStop{
      finding("REF-MISSING", ref.line, ref.col, fmt::format("{} refers to a line that does not exist", ref.text))};
  };
  std::vector<Finding> warnings;
  try {
    return parse_segments(segments, no_lines, warnings).expression;
  } catch (const ParseStop& stop) {
    throw Error(error_text(label, stop.finding));
  }
}

} // namespace synth::query
