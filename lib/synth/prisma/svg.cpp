// SVG rendering of the PRISMA 2020 diagram, and the text measuring its layout relies on.
#include "synth/prisma/svg.hpp"

#include <fmt/format.h>

namespace synth::prisma {

namespace {

// Advance widths (em) of ASCII 32..126 in DejaVu Sans, Debian's default sans-serif and
// wider than Helvetica, Arial or Liberation Sans: text measured with it fits in those too.
constexpr double k_regular[95] = {
  0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275, 0.390, 0.390, 0.500, 0.838, 0.318, 0.361, 0.318, 0.337,
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,
  1.000, 0.684, 0.686, 0.698, 0.770, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,
  0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.390, 0.337, 0.390, 0.838, 0.500,
  0.500, 0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
  0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838};
constexpr double k_bold[95] = {
  0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.380, 0.415, 0.380, 0.365,
  0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.400, 0.400, 0.838, 0.838, 0.838, 0.580,
  1.000, 0.774, 0.762, 0.734, 0.830, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.850,
  0.733, 0.850, 0.770, 0.720, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.500,
  0.500, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687,
  0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838};
constexpr double k_safety = 1.03; // kerning and hinting differences

std::string escape(std::string_view s)
{
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// Splits UTF-8 into code points (invalid bytes count as one character each).
template <typename F>
void for_each_code_point(std::string_view s, F&& f)
{
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) {
      len = 1;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    f(cp);
    i += len;
  }
}

} // namespace

double text_width(std::string_view text, double font_size, bool bold)
{
  const double* table = bold ? k_bold : k_regular;
  double em = 0;
  for_each_code_point(text, [&](char32_t cp) {
    if (cp >= 32 && cp < 127) {
      em += table[cp - 32];
    } else if (cp == 0xA0) {
      em += table[0];
    } else if (cp >= 0x2E80) {
      em += 1.0; // CJK and other full-width scripts
    } else {
      em += bold ? 0.78 : 0.70; // accented Latin, Greek, Cyrillic: as wide as wide letters
    }
  });
  return em * font_size * k_safety;
}

std::vector<std::string> wrap_text(std::string_view text, double max_width, double font_size, bool bold)
{
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    auto word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    auto candidate = line.empty() ? std::string(word) : line + ' ' + std::string(word);
    if (line.empty() || text_width(candidate, font_size, bold) <= max_width) {
      line = std::move(candidate);
    } else {
      lines.push_back(std::move(line));
      line = std::string(word);
    }
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string render_svg(const Flow& flow)
{
  auto layout = layout_diagram(flow);
  const double fs = layout.font_size;
  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} {1:.0f}\" "
    "font-family=\"Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif\" font-size=\"{2:.0f}\">\n",
    layout.width, layout.height, fs);
  out += "<title>PRISMA 2020 flow diagram</title>\n";
  out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#000\"/></marker></defs>\n";
  out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{:.0f}\" height=\"{:.0f}\" fill=\"#fff\"/>\n", layout.width,
                     layout.height);
  for (const auto& b : layout.boxes) {
    const char* fill = "#fff";
    const char* stroke = "#000";
    double radius = 0;
    switch (b.kind) {
    case SvgBox::Kind::box:
      break;
    case SvgBox::Kind::header_main:
      fill = "#ffc000";
      stroke = "#bf9000";
      radius = 8;
      break;
    case SvgBox::Kind::header_other:
      fill = "#d9d9d9";
      stroke = "#a6a6a6";
      radius = 8;
      break;
    case SvgBox::Kind::phase:
      fill = "#9dc3e6";
      stroke = "#2e75b6";
      radius = 8;
      break;
    }
    out += fmt::format("<g id=\"{}\">\n", escape(b.id));
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"{:.0f}\" fill=\"{}\" "
                       "stroke=\"{}\" stroke-width=\"1.2\"/>\n",
                       b.x, b.y, b.width, b.height, radius, fill, stroke);
    if (b.kind == SvgBox::Kind::phase) {
      double cx = b.x + b.width / 2;
      double cy = b.y + b.height / 2;
      out += fmt::format("<text x=\"{0:.1f}\" y=\"{1:.1f}\" transform=\"rotate(-90 {0:.1f} {2:.1f})\" "
                         "text-anchor=\"middle\" font-weight=\"bold\">{3}</text>\n",
                         cx, cy + fs * 0.35, cy, escape(b.lines.front().text));
    } else {
      double text_h = static_cast<double>(b.lines.size()) * layout.line_height;
      double y = b.y + (b.height - text_h) / 2 + layout.line_height / 2 + fs * 0.35;
      for (const auto& line : b.lines) {
        double x = b.centred ? b.x + b.width / 2 : b.x + layout.padding + line.indent;
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\"{}{}>{}</text>\n", x, y,
                           b.centred ? " text-anchor=\"middle\"" : "", line.bold ? " font-weight=\"bold\"" : "",
                           escape(line.text));
        y += layout.line_height;
      }
    }
    out += "</g>\n";
  }
  for (const auto& a : layout.arrows) {
    std::string points;
    for (const auto& [x, y] : a.points) {
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x, y);
    }
    out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" "
                       "marker-end=\"url(#arrow)\"/>\n",
                       points);
  }
  out += "</svg>\n";
  return out;
}

} // namespace synth::prisma
