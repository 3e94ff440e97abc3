// Layout of the PRISMA 2020 diagram: which boxes, their text, their places.
#include "synth/prisma/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace synth::prisma {

namespace {

constexpr const char* k_nbsp = "\xC2\xA0";

// Geometry (px). The two-column diagram is 640 px wide: at a journal's full text width
// (about 170 mm) its 14 px text prints at about 10 pt.
constexpr double k_font = 14;
constexpr double k_line = 18;
constexpr double k_pad = 8;
constexpr double k_margin = 10;
constexpr double k_phase_w = 30;
constexpr double k_phase_gap = 14;
constexpr double k_col_w = 250;
constexpr double k_side_gap = 46;  // horizontal arrow between a box and its side box
constexpr double k_other_gap = 40; // between the databases and the other-methods columns
constexpr double k_row_gap = 34;   // vertical arrow between rows
constexpr double k_phase_sep = 8;
// As in the PRISMA 2020 template, the items of a box ("Databases", "Duplicate records
// removed", each reason) stand indented under its heading, per-database lines further in.
constexpr double k_indent = 12;
// With the other-methods column the diagram has four columns: narrower ones keep it near
// 1,000 px, so that at full text width its text still prints at about 7 pt.
constexpr double k_col_w_other = 220;
constexpr double k_side_gap_other = 36;
constexpr double k_other_gap_other = 30;

std::string n_eq(std::int64_t n) { return fmt::format("(n{}={}{})", k_nbsp, k_nbsp, thousands(n)); }

// "CINAHL (n = 3,000)", or only "CINAHL" when its count is unknown.
std::string entry(const Count& c) { return c.n ? fmt::format("{} {}", c.label, n_eq(*c.n)) : c.label; }

// A paragraph: one logical line of a box before wrapping.
struct Para
{
  std::string text;
  bool bold = false;
  double indent = 0;
};

struct Cell
{
  std::string id;
  std::vector<Para> paras;
};

struct Row
{
  enum class Phase { identification, screening, included } phase;
  std::optional<Cell> main, side, other, other_side;
};

std::vector<SvgLine> wrap(const std::vector<Para>& paras, double width)
{
  std::vector<SvgLine> lines;
  for (const auto& p : paras) {
    for (auto& l : wrap_text(p.text, width - 2 * k_pad - p.indent, k_font, p.bold)) {
      lines.push_back({std::move(l), p.bold, p.indent});
    }
  }
  return lines;
}

double box_height(std::size_t lines) { return static_cast<double>(lines) * k_line + 2 * k_pad; }

std::vector<Para> reasons(std::string_view title, const std::vector<Count>& list, std::int64_t pending,
                          std::string_view pending_label)
{
  std::vector<Para> paras;
  if (list.empty()) {
    paras.push_back({fmt::format("{} {}", title, n_eq(0))});
  } else {
    paras.push_back({fmt::format("{} {}:", title, n_eq(sum(list)))});
    for (const auto& c : list) {
      paras.push_back({entry(c), false, k_indent});
    }
  }
  if (pending != 0) {
    paras.push_back({fmt::format("{} {}", pending_label, n_eq(pending))});
  }
  return paras;
}

// The records the stopping rule left unscreened, under the excluded count of their step
// (`prefix`: "on title: " or "on abstract: " with separate steps, "" otherwise).
void add_not_screened(std::vector<Para>& paras, const std::vector<Count>& list, std::string_view prefix)
{
  for (const auto& c : list) {
    if (std::string_view(c.label).starts_with(prefix)) {
      paras.push_back(
        {fmt::format("{} {}", c.label.substr(prefix.size()), c.n ? n_eq(*c.n) : std::string()), false, k_indent});
    }
  }
}

std::vector<Row> rows_of(const Flow& f)
{
  using P = Row::Phase;
  std::vector<Row> rows;
  bool other = f.has_other_methods();

  Row ident{P::identification, {}, {}, {}, {}};
  Cell identified{"database_results", {{"Records identified from:"}}};
  identified.paras.push_back({fmt::format("Databases {}", n_eq(f.database_results)), false, k_indent});
  for (const auto& c : f.database_specific_results) {
    identified.paras.push_back({entry(c), false, 2 * k_indent});
  }
  identified.paras.push_back({fmt::format("Registers {}", n_eq(f.register_results)), false, k_indent});
  for (const auto& c : f.register_specific_results) {
    identified.paras.push_back({entry(c), false, 2 * k_indent});
  }
  ident.main = identified;
  ident.side = Cell{
    "duplicates",
    {{"Records removed before screening:"},
     {fmt::format("Duplicate records removed {}", n_eq(f.duplicates)), false, k_indent},
     {fmt::format("Records marked as ineligible by automation tools {}", n_eq(f.excluded_automatic)), false, k_indent},
     {fmt::format("Records removed for other reasons {}", n_eq(f.excluded_other)), false, k_indent}}};
  if (other) {
    ident.other = Cell{"website_results",
                       {{"Records identified from:"},
                        {fmt::format("Websites {}", n_eq(f.website_results)), false, k_indent},
                        {fmt::format("Organisations {}", n_eq(f.organisation_results)), false, k_indent},
                        {fmt::format("Citation searching {}", n_eq(f.citations_results)), false, k_indent}}};
  }
  rows.push_back(ident);

  auto pending_para = [&](std::vector<Para>& paras) {
    if (f.records_pending != 0) {
      paras.push_back({fmt::format("Awaiting screening {}", n_eq(f.records_pending))});
    }
  };
  if (f.separate_title_abstract()) {
    Row title{
      P::screening,
      Cell{"records_screened", {{fmt::format("Records screened on title {}", n_eq(f.records_screened))}}},
      Cell{"title_excluded", {{fmt::format("Records excluded on title {}", n_eq(f.title_excluded.value_or(0)))}}},
      {},
      {}};
    add_not_screened(title.side->paras, f.records_not_screened, "on title: ");
    rows.push_back(title);
    Row abstract{
      P::screening,
      Cell{"abstract_screened", {{fmt::format("Abstracts screened {}", n_eq(f.abstract_screened.value_or(0)))}}},
      Cell{"abstract_excluded",
           {{fmt::format("Records excluded on abstract {}", n_eq(f.abstract_excluded.value_or(0)))}}},
      {},
      {}};
    add_not_screened(abstract.side->paras, f.records_not_screened, "on abstract: ");
    pending_para(abstract.main->paras);
    rows.push_back(abstract);
  } else {
    Row screened{P::screening,
                 Cell{"records_screened", {{fmt::format("Records screened {}", n_eq(f.records_screened))}}},
                 Cell{"records_excluded", {{fmt::format("Records excluded {}", n_eq(f.records_excluded))}}},
                 {},
                 {}};
    add_not_screened(screened.side->paras, f.records_not_screened, "");
    pending_para(screened.main->paras);
    rows.push_back(screened);
  }

  Row sought{
    P::screening,
    Cell{"dbr_sought_reports", {{fmt::format("Reports sought for retrieval {}", n_eq(f.dbr_sought_reports))}}},
    Cell{"dbr_notretrieved_reports", {{fmt::format("Reports not retrieved {}", n_eq(f.dbr_notretrieved_reports))}}},
    {},
    {}};
  if (other) {
    sought.other =
      Cell{"other_sought_reports", {{fmt::format("Reports sought for retrieval {}", n_eq(f.other_sought_reports))}}};
    sought.other_side = Cell{"other_notretrieved_reports",
                             {{fmt::format("Reports not retrieved {}", n_eq(f.other_notretrieved_reports))}}};
  }
  rows.push_back(sought);

  Row assessed{
    P::screening,
    Cell{"dbr_assessed", {{fmt::format("Reports assessed for eligibility {}", n_eq(f.dbr_assessed))}}},
    Cell{"dbr_excluded", reasons("Reports excluded", f.dbr_excluded, f.reports_pending, "Awaiting a decision")},
    {},
    {}};
  if (other) {
    assessed.other =
      Cell{"other_assessed", {{fmt::format("Reports assessed for eligibility {}", n_eq(f.other_assessed))}}};
    assessed.other_side = Cell{"other_excluded", reasons("Reports excluded", f.other_excluded, 0, "")};
  }
  rows.push_back(assessed);

  Cell included{"new_studies",
                {{fmt::format("New studies included in review {}", n_eq(f.new_studies))},
                 {fmt::format("Reports of new included studies {}", n_eq(f.new_reports))}}};
  if (f.has_previous() || f.total_studies != 0) {
    included.paras.push_back({fmt::format("Total studies included in review {}", n_eq(f.total_studies))});
    included.paras.push_back({fmt::format("Reports of total included studies {}", n_eq(f.total_reports))});
  }
  rows.push_back(Row{P::included, included, {}, {}, {}});
  return rows;
}

// The x of each column and the widths: two columns, or four with other methods.
struct Columns
{
  bool other = false;
  double col_w = k_col_w, side_gap = k_side_gap;
  double x_main = 0, x_side = 0, x_other = 0, x_other_side = 0, right = 0;

  explicit Columns(bool with_other) : other(with_other)
  {
    col_w = other ? k_col_w_other : k_col_w;
    side_gap = other ? k_side_gap_other : k_side_gap;
    const double other_gap = other ? k_other_gap_other : k_other_gap;
    x_main = k_margin + k_phase_w + k_phase_gap;
    x_side = x_main + col_w + side_gap;
    x_other = x_side + col_w + other_gap;
    x_other_side = x_other + col_w + side_gap;
    right = (other ? x_other_side : x_side) + col_w;
  }
};

// The headers over the columns, of one height; returns the y below them.
double add_headers(SvgLayout& out, const Columns& c, double y)
{
  auto header = [&](std::string id, std::string text, double x, double w, SvgBox::Kind kind) {
    SvgBox b{std::move(id), x, y, w, 0, wrap({{std::move(text), true}}, w), kind, true};
    b.height = box_height(b.lines.size());
    return b;
  };
  auto main_header = header("header-databases", "Identification of new studies via databases and registers", c.x_main,
                            c.x_side + c.col_w - c.x_main, SvgBox::Kind::header_main);
  double header_h = main_header.height;
  if (c.other) {
    auto other_header = header("header-other", "Identification of new studies via other methods", c.x_other,
                               c.x_other_side + c.col_w - c.x_other, SvgBox::Kind::header_other);
    header_h = std::max(header_h, other_header.height);
    other_header.height = header_h;
    out.boxes.push_back(other_header);
  }
  main_header.height = header_h;
  out.boxes.push_back(main_header);
  return y + header_h + 20;
}

// Places the rows one under the other, with the arrows between their boxes, and keeps the
// vertical span of each phase for its bar.
class RowPlacer
{
public:
  RowPlacer(SvgLayout& out, const Columns& c) : m_out(out), m_c(c) {}

  // Places `row` at y; returns its height.
  double place(const Row& row, double y)
  {
    auto index = add_boxes(row, y);
    const double h = m_out.boxes[*index[0]].height;
    add_arrows(row, index, y, h);
    auto& span = m_phase_span[static_cast<std::size_t>(row.phase)];
    if (span.first < 0) {
      span.first = y;
    }
    span.second = y + h;
    m_previous_main = index[0];
    return h;
  }

  void add_phase_bars()
  {
    const char* phase_names[] = {"Identification", "Screening", "Included"};
    for (std::size_t p = 0; p < 3; ++p) {
      if (m_phase_span[p].first < 0) {
        continue;
      }
      SvgBox bar{fmt::format("phase-{}", phase_names[p]),
                 k_margin,
                 m_phase_span[p].first,
                 k_phase_w,
                 m_phase_span[p].second - m_phase_span[p].first,
                 {{phase_names[p], true}},
                 SvgBox::Kind::phase,
                 true};
      m_out.boxes.push_back(bar);
    }
  }

private:
  using Index = std::array<std::optional<std::size_t>, 4>;

  // The row's boxes, all of the height of the tallest; their indices in m_out.boxes
  // (main, side, other, other side).
  Index add_boxes(const Row& row, double y)
  {
    const std::array<std::pair<const Cell*, double>, 4> cells = {
      std::pair<const Cell*, double>{row.main ? &*row.main : nullptr, m_c.x_main},
      {row.side ? &*row.side : nullptr, m_c.x_side},
      {row.other ? &*row.other : nullptr, m_c.x_other},
      {row.other_side ? &*row.other_side : nullptr, m_c.x_other_side}};
    double h = 0;
    std::vector<SvgBox> made(4);
    for (std::size_t c = 0; c < 4; ++c) {
      if (cells[c].first) {
        made[c] = SvgBox{cells[c].first->id, cells[c].second, y, m_c.col_w, 0, wrap(cells[c].first->paras, m_c.col_w)};
        h = std::max(h, box_height(made[c].lines.size()));
      }
    }
    if (row.phase == Row::Phase::included) {
      // The phase bar beside a lone row must still hold its rotated label.
      h = std::max(h, text_width("Included", k_font, true) + 4 * k_pad);
    }
    Index index;
    for (std::size_t c = 0; c < 4; ++c) {
      if (cells[c].first) {
        made[c].height = h;
        index[c] = m_out.boxes.size();
        m_out.boxes.push_back(made[c]);
      }
    }
    return index;
  }

  void add_arrows(const Row& row, const Index& index, double y, double h)
  {
    const double col_w = m_c.col_w, mid = y + h / 2;
    if (m_previous_main) {
      const auto& p = m_out.boxes[*m_previous_main];
      m_out.arrows.push_back({{{m_c.x_main + col_w / 2, p.y + p.height}, {m_c.x_main + col_w / 2, y}}});
    }
    if (index[1]) {
      m_out.arrows.push_back({{{m_c.x_main + col_w, mid}, {m_c.x_side, mid}}});
    }
    if (index[2]) {
      if (m_previous_other) {
        const auto& p = m_out.boxes[*m_previous_other];
        m_out.arrows.push_back({{{m_c.x_other + col_w / 2, p.y + p.height}, {m_c.x_other + col_w / 2, y}}});
      }
      m_previous_other = index[2];
      m_last_other = *index[2];
    }
    if (index[3]) {
      m_out.arrows.push_back({{{m_c.x_other + col_w, mid}, {m_c.x_other_side, mid}}});
    }
    if (row.phase == Row::Phase::included && m_c.other) {
      // From the other methods' last box down and left into the included box.
      const auto& p = m_out.boxes[m_last_other];
      m_out.arrows.push_back(
        {{{m_c.x_other + col_w / 2, p.y + p.height}, {m_c.x_other + col_w / 2, mid}, {m_c.x_main + col_w, mid}}});
    }
  }

  SvgLayout& m_out;
  const Columns& m_c;
  std::array<std::pair<double, double>, 3> m_phase_span{
    {{-1, -1}, {-1, -1}, {-1, -1}}}; // first and last y of each phase
  std::optional<std::size_t> m_previous_main, m_previous_other;
  std::size_t m_last_other = 0;
};

} // namespace

SvgLayout layout_diagram(const Flow& f)
{
  SvgLayout out;
  out.font_size = k_font;
  out.line_height = k_line;
  out.padding = k_pad;
  const Columns c(f.has_other_methods());
  double y = add_headers(out, c, k_margin);
  auto rows = rows_of(f);
  RowPlacer placer(out, c);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (r > 0 && rows[r].phase != rows[r - 1].phase) {
      y += k_phase_sep;
    }
    y += placer.place(rows[r], y) + k_row_gap;
  }
  placer.add_phase_bars();
  out.width = c.right + k_margin;
  out.height = y - k_row_gap + k_margin;
  return out;
}

} // namespace synth::prisma
