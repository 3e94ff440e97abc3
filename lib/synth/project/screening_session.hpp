#pragma once
// The logic of `synth screen --interactive` (docs/screen.md): the session's state machine,
// the order records come in, undo, the decision rows it appends, the terms it highlights.
// Pure: no I/O, no printing (the file side is interactive.hpp, the terminal is cmd/).
//
// A session screens the candidate records of one stage for one reviewer. The record on
// screen is the highest-ranked undecided one (rank::Ranker trained on this reviewer's
// decisions at the stage: include and maybe relevant, exclude irrelevant; retrained after
// every decision for the first 100, then in batches of rank::retrain_batch), unless the
// reviewer skipped it (skipped records come back after every other undecided one), jumped
// to another by search, or undid the decision on it (undo shows the record again).
#include "synth/rank/ranker.hpp"
#include "synth/rank/stopping.hpp"
#include "synth/screen/decisions.hpp"
#include "synth/screen/stage.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace synth::project {

// A decision of the session (or made earlier by the same reviewer at the stage, read from
// its file), by candidate number.
struct SessionDecision
{
  std::size_t candidate = 0;
  screen::Verdict verdict = screen::Verdict::include;
};

class ScreeningSession
{
public:
  // `texts`: one per candidate (title and abstract), the ranking's input. `prior`: the
  // decisions already in the reviewer's file, in file order (a record decided twice counts
  // once, its last decision, at its last place).
  ScreeningSession(const std::vector<std::string>& texts, const std::vector<SessionDecision>& prior,
                   std::uint64_t seed = 1, rank::StoppingOptions stopping = {});

  std::size_t size() const { return m_labels.size(); }
  // The candidate on screen; nullopt when every candidate is decided.
  std::optional<std::size_t> current() const { return m_current; }

  // Records `verdict` for the current candidate and moves on. Throws std::logic_error when
  // nothing is on screen.
  void decide(screen::Verdict verdict);
  // Leaves the current candidate undecided; it comes back after the other undecided ones.
  void skip();
  // Takes back the last decision (of this session or an earlier one); its record is shown
  // again. Returns the candidate, or nullopt when there is no decision to take back.
  std::optional<std::size_t> undo();
  // Shows an undecided candidate (search). False when it is decided or out of range.
  bool show(std::size_t candidate);

  std::size_t decided() const { return m_history.size(); }
  std::size_t relevant() const; // include and maybe
  // Position of the record on screen: decided + 1 (size() when everything is decided).
  std::size_t position() const { return m_current ? m_history.size() + 1 : m_history.size(); }
  rank::StoppingTest stopping() const;
  const std::vector<SessionDecision>& history() const { return m_history; }

private:
  void reorder(); // retrains when due and picks the next candidate
  void pick_next();

  rank::Ranker m_ranker;
  std::vector<rank::Label> m_labels;
  std::vector<SessionDecision> m_history; // in order
  std::vector<std::size_t> m_order;       // undecided candidates, best first, at the last training
  std::set<std::size_t> m_skipped;
  std::optional<std::size_t> m_current;
  std::size_t m_next_training = 0;
  std::uint64_t m_seed;
  rank::StoppingOptions m_stopping;
};

// The first undecided candidate after `from` (wrapping) whose text holds `needle` (ASCII
// case-insensitive); nullopt when none does.
std::optional<std::size_t> find_undecided(const std::vector<std::string>& texts, const ScreeningSession& session,
                                          std::string_view needle, std::size_t from);

// --- the decision file ------------------------------------------------------------------------

// The header the session writes when it creates a file. synth screen reads record, stage,
// decision, reason, reviewer and ignores note and time.
inline constexpr std::string_view k_session_header = "record,stage,decision,reason,reviewer,note,time";

// One row (with its line end) of that header's columns.
std::string session_row(std::int64_t record_id, screen::Stage stage, screen::Verdict verdict, std::string_view reason,
                        std::string_view reviewer, std::string_view note, std::string_view time);

// The text without its last row (undo); the header stays. Unchanged when it has no row
// after the header.
std::string drop_last_row(std::string_view text);

// How many rows of the text have a `time` cell starting with `date` ("2026-12-03").
std::size_t rows_on(std::string_view text, std::string_view date);

// --- highlighting ----------------------------------------------------------------------------

struct Term
{
  std::string word;    // lower case
  bool prefix = false; // written with a trailing * (truncation)
};

// The words of a search expression (a criteria `matches` condition, a query file): quoted
// phrases give their words, operators (AND, OR, NOT, NEAR), field tags ([tiab]), numbers and
// words of one or two letters are left out. Duplicates are removed.
std::vector<Term> highlight_terms(std::string_view expression);

struct Span
{
  std::size_t start = 0, length = 0; // bytes
};
// The words of `text` (runs of ASCII letters and digits, and bytes of UTF-8 sequences) that
// match a term, case-insensitively: the whole word, or its start for a truncated term.
std::vector<Span> highlight_spans(std::string_view text, const std::vector<Term>& terms);

} // namespace synth::project
