#include "synth/project/screening_session.hpp"

#include "synth/util/csv.hpp"
#include "synth/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace synth::project {
namespace {

rank::Label label_of(screen::Verdict v)
{
  return v == screen::Verdict::exclude ? rank::Label::irrelevant : rank::Label::relevant;
}

} // namespace

ScreeningSession::ScreeningSession(const std::vector<std::string>& texts, const std::vector<SessionDecision>& prior,
                                   std::uint64_t seed, rank::StoppingOptions stopping)
  : m_ranker(rank::tfidf(texts)), m_labels(texts.size(), rank::Label::pending), m_seed(seed), m_stopping(stopping)
{
  for (const auto& d : prior) {
    if (d.candidate >= m_labels.size()) {
      continue;
    }
    if (m_labels[d.candidate] != rank::Label::pending) {
      std::erase_if(m_history, [&](const SessionDecision& h) { return h.candidate == d.candidate; });
    }
    m_labels[d.candidate] = label_of(d.verdict);
    m_history.push_back(d);
  }
  reorder();
}

void ScreeningSession::reorder()
{
  if (m_history.size() >= m_next_training || m_order.empty()) {
    m_order = m_ranker.ranked(m_labels, m_seed);
    m_next_training = m_history.size() + rank::retrain_batch(m_history.size());
  }
  pick_next();
}

void ScreeningSession::pick_next()
{
  m_current.reset();
  for (int pass = 0; pass < 2 && !m_current; ++pass) {
    for (auto c : m_order) {
      if (m_labels[c] == rank::Label::pending && (pass == 1 || !m_skipped.contains(c))) {
        m_current = c;
        break;
      }
    }
    if (!m_current && pass == 0) {
      m_skipped.clear(); // every undecided one was skipped: they come round again
    }
  }
}

void ScreeningSession::decide(screen::Verdict verdict)
{
  if (!m_current) {
    throw std::logic_error("no record on screen");
  }
  auto c = *m_current;
  m_labels[c] = label_of(verdict);
  m_history.push_back({c, verdict});
  m_skipped.erase(c);
  reorder();
}

void ScreeningSession::skip()
{
  if (!m_current) {
    return;
  }
  m_skipped.insert(*m_current);
  pick_next(); // the only undecided record comes back at once
}

std::optional<std::size_t> ScreeningSession::undo()
{
  if (m_history.empty()) {
    return std::nullopt;
  }
  auto last = m_history.back();
  m_history.pop_back();
  m_labels[last.candidate] = rank::Label::pending;
  m_skipped.erase(last.candidate);
  m_next_training = 0; // retrain on the decisions that remain
  reorder();
  m_current = last.candidate;
  return last.candidate;
}

bool ScreeningSession::show(std::size_t candidate)
{
  if (candidate >= m_labels.size() || m_labels[candidate] != rank::Label::pending) {
    return false;
  }
  m_current = candidate;
  return true;
}

std::size_t ScreeningSession::relevant() const
{
  return static_cast<std::size_t>(std::count_if(m_history.begin(), m_history.end(), [](const SessionDecision& d) {
    return d.verdict != screen::Verdict::exclude;
  }));
}

rank::StoppingTest ScreeningSession::stopping() const
{
  std::vector<bool> screened;
  screened.reserve(m_history.size());
  for (const auto& d : m_history) {
    screened.push_back(d.verdict != screen::Verdict::exclude);
  }
  return rank::stopping_test(screened, m_labels.size(), m_stopping);
}

std::optional<std::size_t> find_undecided(const std::vector<std::string>& texts, const ScreeningSession& session,
                                          std::string_view needle, std::size_t from)
{
  if (texts.empty() || util::trim(needle).empty()) {
    return std::nullopt;
  }
  std::string n = util::to_lower(util::trim(needle));
  std::vector<bool> decided(texts.size(), false);
  for (const auto& d : session.history()) {
    decided[d.candidate] = true;
  }
  for (std::size_t k = 1; k <= texts.size(); ++k) {
    auto c = (from + k) % texts.size();
    if (!decided[c] && util::to_lower(texts[c]).find(n) != std::string::npos) {
      return c;
    }
  }
  return std::nullopt;
}

std::string session_row(std::int64_t record_id, screen::Stage stage, screen::Verdict verdict, std::string_view reason,
                        std::string_view reviewer, std::string_view note, std::string_view time)
{
  std::string line = std::to_string(record_id);
  for (std::string_view cell :
       {screen::stage_name(stage), screen::verdict_name(verdict), reason, reviewer, note, time}) {
    line += ',';
    util::append_csv_field(line, cell);
  }
  line += '\n';
  return line;
}

std::string drop_last_row(std::string_view text)
{
  util::CsvTable table(text);
  util::CsvRow row;
  std::size_t rows = 0;
  std::size_t last_start = text.size();
  while (table.next(row)) {
    ++rows;
    if (rows > 1) {
      last_start = static_cast<std::size_t>(row.text.data() - text.data());
    }
  }
  if (rows < 2) {
    return std::string(text);
  }
  return std::string(text.substr(0, last_start));
}

std::size_t rows_on(std::string_view text, std::string_view date)
{
  util::CsvTable table(text);
  util::CsvRow row;
  if (!table.next(row)) {
    return 0;
  }
  int col = -1;
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    if (util::iequals(util::trim(row.fields[i]), "time")) {
      col = static_cast<int>(i);
    }
  }
  if (col < 0) {
    return 0;
  }
  std::size_t n = 0;
  while (table.next(row)) {
    if (static_cast<std::size_t>(col) < row.fields.size()
        && util::trim(row.fields[static_cast<std::size_t>(col)]).starts_with(date)) {
      ++n;
    }
  }
  return n;
}

namespace {

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

} // namespace

std::vector<Term> highlight_terms(std::string_view expression)
{
  std::vector<Term> out;
  std::size_t i = 0;
  while (i < expression.size()) {
    auto c = static_cast<unsigned char>(expression[i]);
    if (c == '[') { // field tag
      auto close = expression.find(']', i);
      i = close == std::string_view::npos ? expression.size() : close + 1;
      continue;
    }
    if (!word_byte(c)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < expression.size() && word_byte(static_cast<unsigned char>(expression[i]))) {
      ++i;
    }
    std::string_view w = expression.substr(start, i - start);
    bool prefix = i < expression.size() && expression[i] == '*';
    if (w == "AND" || w == "OR" || w == "NOT" || w == "NEAR" || w.size() < 3
        || std::all_of(w.begin(), w.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
      continue;
    }
    Term t{util::to_lower(w), prefix};
    if (std::none_of(out.begin(), out.end(), [&](const Term& o) { return o.word == t.word && o.prefix == t.prefix; })) {
      out.push_back(std::move(t));
    }
  }
  return out;
}

std::vector<Span> highlight_spans(std::string_view text, const std::vector<Term>& terms)
{
  std::vector<Span> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    std::string w = util::to_lower(text.substr(start, i - start));
    for (const auto& t : terms) {
      if (w == t.word || (t.prefix && w.starts_with(t.word))) {
        out.push_back({start, i - start});
        break;
      }
    }
  }
  return out;
}

} // namespace synth::project
