// synth screen --interactive: the screening screen (docs/screen.md). Terminal I/O only: the
// session's logic is lib/synth/project/screening_session.hpp, its files interactive.hpp.
#include "screen_interactive.hpp"

#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/project/interactive.hpp"
#include "synth/store/store.hpp"
#include "synth/util/wall_clock.hpp"

#include <fmt/format.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#define NCURSES_NOMACROS 1 // functions, not macros: `move` would shadow std::move
#include <curses.h>
#include <term.h>
#include <unistd.h>

namespace synth::cli {
namespace {

using project::ScreeningSession;
using screen::Verdict;

constexpr const char* k_help[] = {
  "i  include            e  exclude (then a reason: its digit, Enter for the first, Esc to cancel)",
  "m  maybe (goes on)    s  skip (comes back after the other undecided records)",
  "u  undo the last decision (its record is shown again)",
  "n  note (written with the next decision on this record)",
  "/  search: the next undecided record holding a word",
  "q  quit (every decision is already on disk)    ?  this help",
};

// Refuses what it cannot drive, before curses touches the terminal.
void check_terminal()
{
  if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO)) {
    throw Error("synth screen --interactive needs a terminal: standard input and output must be a terminal, "
                "not a pipe or a file");
  }
  const char* term = std::getenv("TERM");
  if (term == nullptr || *term == '\0' || std::string_view(term) == "dumb") {
    throw Error(fmt::format("synth screen --interactive cannot drive this terminal: TERM is {}, expected a "
                            "terminal type such as xterm-256color",
                            term == nullptr || *term == '\0' ? "not set" : "'dumb'"));
  }
  int err = 0;
  if (setupterm(term, STDOUT_FILENO, &err) != OK) {
    throw Error(fmt::format("synth screen --interactive cannot drive this terminal: unknown terminal type '{}' "
                            "(TERM), expected one of the terminfo database (e.g. xterm-256color)",
                            term));
  }
}

class Screen
{
public:
  Screen(project::InteractiveData& data, screen::Stage stage, std::string reviewer)
    : m_data(data), m_stage(stage), m_reviewer(std::move(reviewer)), m_file(data.file),
      m_session(data.texts, data.prior, 1, data.stopping), m_today(data.today)
  {
  }

  int run()
  {
    std::setlocale(LC_ALL, "");
    m_term = newterm(nullptr, stdout, stdin);
    if (m_term == nullptr) {
      throw Error("synth screen --interactive cannot drive this terminal (newterm failed)");
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    if (has_colors()) {
      start_color();
      use_default_colors();
      init_pair(1, COLOR_YELLOW, -1);
    }
    try {
      loop();
    } catch (...) {
      finish();
      throw;
    }
    finish();
    fmt::print("{} decision{} made, {} in {}; {} of {} records at {} decided\n", m_made, m_made == 1 ? "" : "s",
               m_session.decided(), m_data.file_label, m_session.decided(), m_session.size(),
               screen::stage_name(m_stage));
    return 0;
  }

private:
  void finish()
  {
    if (m_term != nullptr) {
      endwin();
      delscreen(m_term);
      m_term = nullptr;
    }
  }

  void loop()
  {
    for (;;) {
      draw();
      int ch = getch();
      m_message.clear();
      switch (ch) {
      case 'q':
      case 'Q':
        return;
      case 'i':
        decide(Verdict::include, "");
        break;
      case 'm':
        decide(Verdict::maybe, "");
        break;
      case 'e':
        exclude();
        break;
      case 's':
        if (m_session.current()) {
          m_session.skip();
          m_message = "skipped";
        }
        break;
      case 'u':
        undo();
        break;
      case 'n':
        if (m_session.current()) {
          m_note = prompt("note: ");
          m_note_for = *m_session.current();
        }
        break;
      case '/':
        search();
        break;
      case '?':
        m_help = !m_help;
        break;
      default:
        break;
      }
    }
  }

  void decide(Verdict v, const std::string& reason)
  {
    auto c = m_session.current();
    if (!c) {
      m_message = "every record at this stage is decided (u: undo, q: quit)";
      return;
    }
    std::string note = m_note_for == *c ? m_note : std::string();
    // On disk (fsynced) before the session moves on.
    m_file.append(
      project::session_row(m_data.records[*c].id, m_stage, v, reason, m_reviewer, note, util::utc_timestamp()));
    m_session.decide(v);
    m_note.clear();
    ++m_made;
    ++m_today;
    m_message = fmt::format("{} record {}", screen::verdict_name(v), m_data.records[*c].id);
  }

  void exclude()
  {
    if (!m_session.current()) {
      return;
    }
    if (m_data.reasons.empty()) {
      std::string reason = prompt("reason of the exclusion (Enter: none): ");
      if (reason.empty() && m_stage == screen::Stage::full_text) {
        m_message = "an exclusion at full-text needs a reason";
        return;
      }
      decide(Verdict::exclude, reason);
      return;
    }
    m_choosing = true;
    draw();
    int ch = getch();
    m_choosing = false;
    if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
      decide(Verdict::exclude, m_data.reasons.front());
    } else if (ch >= '1' && ch <= '9' && static_cast<std::size_t>(ch - '1') < m_data.reasons.size()) {
      decide(Verdict::exclude, m_data.reasons[static_cast<std::size_t>(ch - '1')]);
    } else {
      m_message = "exclusion cancelled";
    }
  }

  void undo()
  {
    if (m_session.decided() == 0) {
      m_message = "nothing to undo";
      return;
    }
    m_file.undo(); // the file first: what is on disk is what the session shows
    auto c = m_session.undo();
    if (m_today > 0) {
      --m_today;
    }
    if (m_made > 0) {
      --m_made;
    }
    m_message = fmt::format("undone: record {} is undecided again", m_data.records[*c].id);
  }

  void search()
  {
    std::string needle = prompt("search: ");
    if (needle.empty()) {
      return;
    }
    auto from = m_session.current().value_or(0);
    auto c = project::find_undecided(m_data.texts, m_session, needle, from);
    if (c && m_session.show(*c)) {
      m_message = fmt::format("found '{}'", needle);
    } else {
      m_message = fmt::format("no undecided record holds '{}'", needle);
    }
  }

  std::string prompt(const std::string& label)
  {
    int rows = LINES;
    move(rows - 2, 0);
    clrtoeol();
    addstr(label.c_str());
    echo();
    curs_set(1);
    char buf[512] = {};
    getnstr(buf, sizeof buf - 1);
    noecho();
    curs_set(0);
    return std::string(util_trim(buf));
  }

  static std::string util_trim(const char* s)
  {
    std::string t(s);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) {
      t.pop_back();
    }
    auto b = t.find_first_not_of(" \t");
    return b == std::string::npos ? std::string() : t.substr(b);
  }

  // Writes `text` from row y, wrapped at the width, its spans highlighted; returns the next row.
  int text(int y, const std::string& s, int attr, int last_row)
  {
    auto spans = project::highlight_spans(s, m_data.terms);
    int width = COLS > 4 ? COLS - 2 : COLS;
    std::size_t i = 0;
    while (i < s.size() && y <= last_row) {
      // one line: as many words as fit (code points counted, not bytes)
      std::size_t end = i, last_break = std::string::npos;
      int cols = 0;
      while (end < s.size() && cols < width) {
        if (s[end] == ' ') {
          last_break = end;
        }
        if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80) {
          ++cols;
        }
        ++end;
      }
      while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
        ++end;
      }
      if (end < s.size() && last_break != std::string::npos && last_break > i) {
        end = last_break;
      }
      move(y, 1);
      std::size_t k = i;
      while (k < end) {
        bool hl = false;
        std::size_t run_end = end;
        for (const auto& sp : spans) {
          if (k >= sp.start && k < sp.start + sp.length) {
            hl = true;
            run_end = std::min(end, sp.start + sp.length);
            break;
          }
          if (sp.start > k && sp.start < run_end) {
            run_end = sp.start;
          }
        }
        const int a = attr | static_cast<int>(hl ? (A_BOLD | A_UNDERLINE | (has_colors() ? COLOR_PAIR(1) : 0)) : 0);
        attron(a);
        addnstr(s.data() + k, static_cast<int>(run_end - k));
        attroff(a);
        k = run_end;
      }
      i = end;
      while (i < s.size() && s[i] == ' ') {
        ++i;
      }
      ++y;
    }
    return y;
  }

  void draw()
  {
    erase();
    curs_set(0);
    int last = LINES - 3;
    attron(A_BOLD);
    mvaddstr(
      0, 0,
      fmt::format("synth screen  {}  reviewer {}  {}", screen::stage_name(m_stage), m_reviewer, m_data.file_label)
        .c_str());
    attroff(A_BOLD);
    int y = 2;
    if (m_help) {
      for (const char* h : k_help) {
        mvaddstr(y++, 1, h);
      }
    } else if (auto c = m_session.current()) {
      const auto& r = m_data.records[*c];
      y = text(y, r.title.empty() ? "(no title)" : r.title, A_BOLD, last);
      std::string where = r.journal.empty() ? r.journal_abbrev : r.journal;
      where += r.year ? fmt::format(" ({})", *r.year) : std::string(" (no year)");
      y = text(y, where, A_DIM, last);
      std::string authors;
      for (std::size_t a = 0; a < r.authors.size(); ++a) {
        if (a == 10) {
          authors += fmt::format(", ... ({} authors)", r.authors.size());
          break;
        }
        authors += (a ? ", " : "") + r.authors[a].family + (r.authors[a].given.empty() ? "" : " " + r.authors[a].given);
      }
      y = text(y, authors.empty() ? "(no authors)" : authors, 0, last);
      ++y;
      y = text(y, r.abstract.empty() ? "(no abstract)" : r.abstract, 0, m_choosing ? last - 10 : last);
      if (m_note_for == *c && !m_note.empty()) {
        text(y, "note: " + m_note, A_DIM, last);
      }
      if (m_choosing) {
        int ry = std::max(2, last - static_cast<int>(m_data.reasons.size()));
        attron(A_REVERSE);
        mvaddstr(ry - 1, 1, " exclude: the reason's digit, Enter for the first, Esc to cancel ");
        attroff(A_REVERSE);
        for (std::size_t k = 0; k < m_data.reasons.size() && k < 9; ++k) {
          mvaddstr(ry + static_cast<int>(k), 2, fmt::format("{} {}", k + 1, m_data.reasons[k]).c_str());
        }
      }
    } else {
      mvaddstr(y, 1,
               fmt::format("every record at {} is decided ({}); u: undo, q: quit", screen::stage_name(m_stage),
                           m_session.decided())
                 .c_str());
    }
    if (!m_message.empty()) {
      mvaddstr(LINES - 2, 0, m_message.c_str());
    }
    auto stop = m_session.stopping();
    std::string status =
      fmt::format(" record {}/{} | today {} | relevant {} | stopping p={:.3f} {} (recall >= {:g} %, {:g} % "
                  "confidence) | ? help ",
                  m_session.position(), m_session.size(), m_today, m_session.relevant(), stop.p_value,
                  stop.met ? "met" : "not met", 100 * m_data.stopping.target, 100 * m_data.stopping.confidence);
    attron(A_REVERSE);
    mvaddnstr(LINES - 1, 0, status.c_str(), COLS);
    attroff(A_REVERSE);
    refresh();
  }

  project::InteractiveData& m_data;
  screen::Stage m_stage;
  std::string m_reviewer;
  project::DecisionFile m_file;
  ScreeningSession m_session;
  std::size_t m_today = 0;
  std::size_t m_made = 0;
  std::string m_message;
  std::string m_note;
  std::size_t m_note_for = static_cast<std::size_t>(-1);
  bool m_help = false;
  bool m_choosing = false;
  SCREEN* m_term = nullptr;
};

} // namespace

int run_interactive(store::Store& store, const Project& project, screen::Stage stage, const std::string& reviewer,
                    const screen::Inputs& inputs)
{
  check_terminal();
  auto data = project::load_interactive(store, project, stage, reviewer, inputs);
  if (data.records.empty()) {
    throw Error(fmt::format("no record has reached {}: nothing to screen (synth status shows where the records are)",
                            screen::stage_name(stage)));
  }
  Screen s(data, stage, reviewer);
  return s.run();
}

} // namespace synth::cli
