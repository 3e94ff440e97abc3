#pragma once
// The PRISMA 2020 flow diagram as hand-written SVG: phase bars (Identification,
// Screening, Included) on the left, a yellow header over the databases-and-registers
// column, a grey one over the other-methods column when the review used other methods,
// white boxes with their numbers ("(n = 5,587)"), arrows down the main columns and to the
// side boxes of exclusions. Text is in a generic sans-serif font and wrapped to its box
// by an estimated character width (no font metrics are available), with a safety margin.
#include "synth/prisma/flow.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace synth::prisma {

struct SvgLine
{
  std::string text;
  bool bold = false;
  double indent = 0; // px from the box's left padding (per-database lines)
};

struct SvgBox
{
  std::string id; // data key of the box's main number, or "phase-..." / "header-..."
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  std::vector<SvgLine> lines;
  enum class Kind { box, header_main, header_other, phase } kind = Kind::box;
  bool centred = false;
};

struct SvgArrow
{
  std::vector<std::pair<double, double>> points; // polyline; the head is at the last point
};

struct SvgLayout
{
  double width = 0;
  double height = 0;
  double font_size = 0;
  double line_height = 0;
  double padding = 0; // inside a box, each side
  // Text of a box may use [x + padding + indent, x + width - padding].
  std::vector<SvgBox> boxes;
  std::vector<SvgArrow> arrows;
};

// Estimated advance width of UTF-8 text in a generic sans-serif font (Helvetica/Arial/
// DejaVu Sans class) at `font_size`, by character class. It errs wide, so text measured to
// fit does fit in the fonts a renderer is likely to pick.
double text_width(std::string_view text, double font_size, bool bold = false);

// Greedy word wrap to `max_width`. Words are separated by ' '; U+00A0 (no-break space)
// keeps "(n = 5,587)" together. A word longer than the width gets a line of its own.
std::vector<std::string> wrap_text(std::string_view text, double max_width, double font_size, bool bold = false);

// Lays out the diagram: boxes with their wrapped lines and sizes, and the arrows.
SvgLayout layout_diagram(const Flow& flow);

// The SVG document (UTF-8, with an XML declaration, width/height in px and a viewBox).
std::string render_svg(const Flow& flow);

} // namespace synth::prisma
