#include "ljungberg.hpp"
#include "synth/prisma/svg.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace synth::prisma;

namespace {

Flow full_flow()
{
  Flow f;
  f.database_results = 12345;
  f.database_specific_results = {{"MEDLINE (Ovid)", 4000},
                                 {"CINAHL", 3000},
                                 {"PsycINFO", 2345},
                                 {"Sociological Abstracts and Social Services Abstracts (ProQuest)", 3000}};
  f.register_results = 55;
  f.register_specific_results = {{"ClinicalTrials.gov", 55}};
  f.duplicates = 2400;
  f.excluded_automatic = 1000;
  f.records_screened = 9000;
  f.records_excluded = 8800;
  f.dbr_sought_reports = 200;
  f.dbr_notretrieved_reports = 5;
  f.dbr_assessed = 195;
  f.dbr_excluded = {
    {"Not the population of interest: fewer than half of the participants with a severe mental illness", 100},
    {"Insufficient focus on the subject", 60},
    {"Wrong study design", 5}};
  f.website_results = 10;
  f.citations_results = 20;
  f.other_sought_reports = 30;
  f.other_notretrieved_reports = 1;
  f.other_assessed = 29;
  f.other_excluded = {{"Not qualitative", 25}};
  f.new_studies = 34;
  f.new_reports = 34;
  return f;
}

const SvgBox* box(const SvgLayout& l, std::string_view id)
{
  for (const auto& b : l.boxes) {
    if (b.id == id) {
      return &b;
    }
  }
  return nullptr;
}

// The box's text with its wrapped lines joined by spaces.
bool has_text(const SvgBox& b, std::string_view text)
{
  std::string all;
  for (const auto& l : b.lines) {
    all += (all.empty() ? "" : " ") + l.text;
  }
  return all.find(text) != std::string::npos;
}

void check_text_fits(const SvgLayout& layout)
{
  for (const auto& b : layout.boxes) {
    INFO("box " << b.id);
    if (b.kind == SvgBox::Kind::phase) {
      // Rotated: the label runs along the bar's height.
      CHECK(text_width(b.lines.front().text, layout.font_size, true) <= b.height - 2 * layout.padding);
      continue;
    }
    CHECK(static_cast<double>(b.lines.size()) * layout.line_height <= b.height - 2 * layout.padding + 0.01);
    for (const auto& line : b.lines) {
      INFO("line '" << line.text << "'");
      // A single word longer than the box is the only allowed overflow; none in these flows.
      CHECK(line.indent + text_width(line.text, layout.font_size, line.bold) <= b.width - 2 * layout.padding);
    }
    CHECK(b.x >= 0);
    CHECK(b.y >= 0);
    CHECK(b.x + b.width <= layout.width);
    CHECK(b.y + b.height <= layout.height);
  }
}

} // namespace

TEST_CASE("text width estimates and wrapping", "[prisma][svg]")
{
  CHECK(text_width("", 14) == 0);
  CHECK(text_width("mmmm", 14) > text_width("iiii", 14));
  CHECK(text_width("Records", 14, true) > text_width("Records", 14));
  // An estimate that errs wide: DejaVu Sans "(n = 5,587)" is about 77 px at 14 px.
  CHECK(text_width("(n = 5,587)", 14) >= 77);
  auto lines = wrap_text("Records marked as ineligible by automation tools (n\xC2\xA0=\xC2\xA0"
                         "1,000)",
                         200, 14);
  REQUIRE(lines.size() >= 2);
  for (const auto& l : lines) {
    CHECK(text_width(l, 14) <= 200);
  }
  CHECK(lines.back().find("(n\xC2\xA0=\xC2\xA0"
                          "1,000)")
        != std::string::npos);
  CHECK(wrap_text("", 100, 14) == std::vector<std::string>{""});
}

TEST_CASE("diagram layout follows the PRISMA 2020 figure", "[prisma][svg]")
{
  auto layout = layout_diagram(full_flow());
  const auto* identified = box(layout, "database_results");
  const auto* removed = box(layout, "duplicates");
  const auto* screened = box(layout, "records_screened");
  const auto* excluded = box(layout, "dbr_excluded");
  const auto* included = box(layout, "new_studies");
  const auto* other = box(layout, "website_results");
  REQUIRE(identified);
  REQUIRE(removed);
  REQUIRE(screened);
  REQUIRE(excluded);
  REQUIRE(included);
  REQUIRE(other);
  REQUIRE(box(layout, "header-databases"));
  REQUIRE(box(layout, "header-other"));
  REQUIRE(box(layout, "phase-Identification"));
  REQUIRE(box(layout, "phase-Screening"));
  REQUIRE(box(layout, "phase-Included"));
  // Side boxes to the right of their main box, the flow going down.
  CHECK(removed->x > identified->x + identified->width);
  CHECK(removed->y == identified->y);
  CHECK(screened->y > identified->y + identified->height);
  CHECK(included->y > screened->y);
  CHECK(other->x > removed->x + removed->width);
  // As in the PRISMA 2020 template: "Databases" indented under "Records identified from:",
  // per-database lines further in.
  auto medline = std::find_if(identified->lines.begin(), identified->lines.end(),
                              [](const SvgLine& l) { return l.text.rfind("MEDLINE (Ovid)", 0) == 0; });
  REQUIRE(medline != identified->lines.end());
  CHECK(identified->lines[0].indent == 0);
  CHECK(identified->lines[1].indent > 0);
  CHECK(medline->indent > identified->lines[1].indent);
  // Reasons indented under "Reports excluded (n = 165):".
  CHECK(excluded->lines[0].indent == 0);
  CHECK(excluded->lines.back().indent > 0);
  // Numbers with thousands separators, no-break spaces inside "(n = ...)".
  CHECK(has_text(*identified, "Databases (n\xC2\xA0=\xC2\xA0"
                              "12,345)"));
  CHECK(has_text(*screened, "Records screened (n\xC2\xA0=\xC2\xA0"
                            "9,000)"));
  CHECK(has_text(*included, "New studies included in review (n\xC2\xA0=\xC2\xA0"
                            "34)"));
  // Arrows: down the main column, to each side box, and from other methods into included.
  CHECK(layout.arrows.size() >= 10);
  check_text_fits(layout);
}

TEST_CASE("diagram without other methods, with title and abstract steps", "[prisma][svg]")
{
  // the 2015 review, its two reasons for excluding reports given as one
  Flow f = synth::test::ljungberg();
  f.dbr_excluded = {{"Not the population of interest or insufficient focus on the subject", 35}};
  auto layout = layout_diagram(f);
  CHECK(box(layout, "header-other") == nullptr);
  REQUIRE(box(layout, "title_excluded"));
  REQUIRE(box(layout, "abstract_excluded"));
  CHECK(has_text(*box(layout, "title_excluded"), "Records excluded on title (n\xC2\xA0=\xC2\xA0"
                                                 "5,445)"));
  CHECK(layout.width < 700);
  check_text_fits(layout);

  auto svg = render_svg(f);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(svg.find("5,445") != std::string::npos);
  CHECK(svg.find("</svg>\n") == svg.size() - 7);
}

TEST_CASE("svg escapes text", "[prisma][svg]")
{
  Flow f;
  f.dbr_excluded = {{"Tom & Jerry <cartoons>", 1}};
  f.dbr_assessed = 1;
  f.dbr_sought_reports = 1;
  f.records_screened = 1;
  f.database_results = 1;
  auto svg = render_svg(f);
  CHECK(svg.find("Tom &amp; Jerry &lt;cartoons&gt;") != std::string::npos);
  CHECK(svg.find("<cartoons>") == std::string::npos);
}
