// Ovid's search-history syntax read into the shared tree (ovid.hpp), on small strategies
// and on the 40 Ovid MEDLINE strategies of Cochrane reviews in
// $SYNTH_FIXTURES/queries/clef-tar-2017/ovid. The per-file outcomes below were checked by
// reading each file.
#include "support.hpp"

#include "synth/query/ovid.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace synth::query;
namespace fs = std::filesystem;

namespace {

Strategy ovid(const std::string& body, const std::string& header = "database: ovid\n")
{
  auto q = check_query_text(header + "---\n" + body, "x.query");
  REQUIRE(q.syntax == Syntax::ovid);
  return read_strategy(q);
}

std::string codes(const Strategy& s)
{
  std::string out;
  for (const auto& f : s.findings) {
    out += (out.empty() ? "" : " ") + f.code + " " + std::to_string(f.line) + ":" + std::to_string(f.col);
  }
  return out;
}

const Node& line(const Strategy& s, int n)
{
  REQUIRE(s.lines.size() >= static_cast<std::size_t>(n));
  REQUIRE(s.lines[static_cast<std::size_t>(n - 1)].expression);
  return *s.lines[static_cast<std::size_t>(n - 1)].expression;
}

} // namespace

TEST_CASE("Ovid headings: exp, major, subheadings, quoted names, Ovid's display brackets", "[query][ovid]")
{
  auto s = ovid("exp Schizophrenia/\n  *Lymphatic Metastasis/\nDipyridamole/du [Diagnostic Use]\n"
                "exp \"Sensitivity and Specificity\"/\nKidney Failure, Chronic/\nSaliva/an, ch\n");
  REQUIRE(codes(s).empty());
  REQUIRE(s.lines.size() == 6);
  const auto& a = line(s, 1);
  CHECK(a.text == "Schizophrenia");
  REQUIRE(a.heading);
  CHECK(a.heading->vocabulary == Vocabulary::mesh);
  CHECK(a.heading->explode);
  CHECK_FALSE(a.heading->major);
  CHECK(a.fields == FieldSet{Field::heading});
  const auto& b = line(s, 2);
  CHECK(b.text == "Lymphatic Metastasis");
  CHECK(b.heading->major);
  CHECK_FALSE(b.heading->explode);
  CHECK(b.col == 3); // indented: the line still counts, the column is where it is written
  const auto& c = line(s, 3);
  CHECK(c.heading->subheading == "diagnostic use");
  CHECK(c.heading->subheading_code == "du");
  CHECK(line(s, 4).text == "Sensitivity and Specificity");
  CHECK(line(s, 5).text == "Kidney Failure, Chronic");
  // two subheadings: Saliva/an or Saliva/ch
  const auto& f = line(s, 6);
  REQUIRE(f.kind == Node::Kind::group);
  const auto& ors = *f.children[0];
  REQUIRE(ors.kind == Node::Kind::chain);
  CHECK(ors.ops[0].op == Op::op_or);
  CHECK(ors.children[0]->heading->subheading == "analysis");
  CHECK(ors.children[1]->heading->subheading == "chemistry");
  // the vocabulary follows the database
  CHECK(line(ovid("exp Schizophrenia/\n", "database: MEDLINE\nsyntax: ovid\n"), 1).heading->vocabulary
        == Vocabulary::mesh);
  auto embase = check_query_text("database: Embase\nsyntax: ovid\n---\nexp schizophrenia/\n", "x.query");
  CHECK(line(read_strategy(embase), 1).heading->vocabulary == Vocabulary::emtree);
}

TEST_CASE("Ovid fields, phrases and wildcards", "[query][ovid]")
{
  auto s = ovid("schizophreni$.ti,ab.\nRotator cuff.mp.\nTend#nitis.mp.\nh?ematuria.tw\ndog$1.tw.\n"
                "(PP 14 or PP14).tw.\n\"polymerase chain reaction*\".ti,ab.\nMTBDR*.ti,ab\nHumans.sh.\n"
                "(cf or bl).fs.\nprocalcitonin\n");
  REQUIRE(codes(s).empty());
  const auto& a = line(s, 1);
  CHECK(a.text == "schizophreni*");
  CHECK(a.fields == FieldSet{Field::title, Field::abstract});
  REQUIRE(a.wildcards.size() == 1);
  CHECK(a.wildcards[0].kind == Wildcard::Kind::any_characters);
  CHECK(a.wildcards[0].at_end);
  CHECK(a.truncated);
  const auto& b = line(s, 2);
  CHECK(b.text == "Rotator cuff");
  CHECK(b.is_phrase); // adjacent words are Ovid's phrase
  CHECK(b.fields == *ovid_field("mp"));
  CHECK(line(s, 3).wildcards[0].kind == Wildcard::Kind::one_character);
  CHECK_FALSE(line(s, 3).wildcards[0].at_end);
  CHECK(line(s, 4).wildcards[0].kind == Wildcard::Kind::optional_character);
  CHECK(line(s, 4).fields == FieldSet{Field::title, Field::abstract}); // .tw without its last dot
  CHECK(line(s, 5).text == "dog*");
  CHECK(line(s, 5).wildcards[0].max_characters == 1);
  // numbers inside a fielded group are words, not line references
  const auto& f = *line(s, 6).children[0];
  REQUIRE(f.kind == Node::Kind::chain);
  CHECK(f.children[0]->kind == Node::Kind::term);
  CHECK(f.children[0]->text == "PP 14");
  CHECK(f.children[0]->fields == FieldSet{Field::title, Field::abstract});
  CHECK(line(s, 7).is_phrase);
  CHECK(line(s, 7).text == "polymerase chain reaction*");
  CHECK(line(s, 9).fields == FieldSet{Field::heading});
  CHECK(line(s, 10).children[0]->children[0]->fields == FieldSet{Field::subheading});
  CHECK(line(s, 11).fields == *ovid_field("mp")); // no field: Ovid's default, .mp.
}

TEST_CASE("Ovid proximity, operators, line references and limits", "[query][ovid]")
{
  auto s = ovid("(optical$ adj2 coherence$ adj2 tomograph$).tw.\n(Anterior adj (release or slide)).mp.\n"
                "1 or 2 or ICH.tw.\nor/1-3\nand/1,3\nor/1-2,4\n27 and 38\nlimit 4 to english language\n"
                "Limit 8 to yr=\"2005 -Current\"\nlimit 9 to (humans and yr=\"1990-2013\")\n"
                "limit 10 to \"reviews (maximizes specificity)\"\n",
                "database: MEDLINE\nsyntax: ovid\n");
  // line 7 names lines 27 and 38, which do not exist
  CHECK(codes(s) == "REF-MISSING 10:1");
  const auto& a = *line(s, 1).children[0];
  REQUIRE(a.kind == Node::Kind::chain);
  REQUIRE(a.ops.size() == 2);
  REQUIRE(a.ops[0].near);
  CHECK(a.ops[0].near->max_words_between == 1); // adj2: at most one word between
  CHECK_FALSE(a.ops[0].near->ordered);
  CHECK(a.children[2]->fields == FieldSet{Field::title, Field::abstract});
  const auto& b = *line(s, 2).children[0];
  CHECK(b.ops[0].near->max_words_between == 0);
  CHECK(b.ops[0].near->ordered); // adj: next to each other, in that order
  const auto& c = line(s, 3);
  REQUIRE(c.kind == Node::Kind::chain);
  CHECK(c.children[0]->kind == Node::Kind::reference);
  CHECK(c.children[0]->reference == 1);
  CHECK(c.children[2]->kind == Node::Kind::term);
  const auto& d = line(s, 4);
  REQUIRE(d.children.size() == 3);
  CHECK(d.children[2]->reference == 3);
  CHECK(d.ops[1].op == Op::op_or);
  const auto& e = line(s, 5);
  CHECK(e.ops[0].op == Op::op_and);
  CHECK(e.children[1]->reference == 3);
  CHECK(line(s, 6).children.size() == 3);
  CHECK(line(s, 6).children[2]->reference == 4);
  CHECK_FALSE(s.lines[6].expression);
  const auto& h = line(s, 8);
  REQUIRE(h.kind == Node::Kind::group);
  REQUIRE(h.limits.size() == 1);
  CHECK(h.children[0]->reference == 4);
  CHECK(h.limits[0].kind == Limit::Kind::language);
  CHECK(h.limits[0].languages == std::vector<std::string>{"english"});
  // line 9 is limit of 8, fine; line 10 limits 9 ...
  const auto& i = line(s, 9);
  CHECK(i.limits[0].kind == Limit::Kind::publication_date);
  CHECK(i.limits[0].from == "2005");
  CHECK(i.limits[0].to.empty());
  const auto& j = line(s, 10);
  REQUIRE(j.limits.size() == 2);
  CHECK(j.limits[0].kind == Limit::Kind::other);
  CHECK(j.limits[0].text == "humans");
  CHECK(j.limits[1].from == "1990");
  CHECK(j.limits[1].to == "2013");
  CHECK(line(s, 11).limits[0].text == "reviews (maximizes specificity)");
}

TEST_CASE("an Ovid history pasted with its numbers and hit counts is read as the searches", "[query][ovid]")
{
  // As Ovid displays a history: the number, spaces, the search, its hit count; the lines
  // after the first often indented.
  auto s = ovid("1     exp Myocardial Infarction/ (160,214)\n   2     heart attack$.tw. (9876)\n"
                "   3     1 or 2 (165000)\n   4     limit 3 to english language (150000)\n");
  REQUIRE(codes(s).empty());
  REQUIRE(s.lines.size() == 4);
  CHECK(line(s, 1).text == "Myocardial Infarction");
  REQUIRE(line(s, 1).heading);
  CHECK(line(s, 1).heading->explode);
  const auto& b = line(s, 2);
  CHECK(b.kind == Node::Kind::term);
  CHECK(b.text == "heart attack*");
  CHECK(b.col == 10); // where "heart" is written, after the indentation and the number
  CHECK(b.fields.has(Field::title));
  CHECK(b.fields.has(Field::abstract));
  const auto& c = line(s, 3);
  REQUIRE(c.kind == Node::Kind::chain);
  CHECK(c.children[0]->reference == 1);
  CHECK(c.children[1]->reference == 2);
  CHECK(line(s, 4).limits[0].languages == std::vector<std::string>{"english"});

  // Numbered without counts; numbers out of order are refused at their line.
  auto t = ovid("1 heart attack.tw.\n2 exp Myocardial Infarction/\n3 1 or 2\n");
  CHECK(codes(t).empty());
  CHECK(line(t, 1).text == "heart attack");
  CHECK(line(t, 3).children[1]->reference == 2);
  auto u = ovid("1 heart attack.tw.\n3 exp Myocardial Infarction/\n2 1 or 3\n");
  CHECK(codes(u) == "LINE 5:1"); // the file's line 5: "2 1 or 3" after line 3

  // A strategy whose lines are not all numbered from 1 keeps a leading number as a word.
  auto v = ovid("5 year survival.tw.\n2 weeks.tw.\n");
  CHECK(codes(v).empty());
  CHECK(line(v, 1).text == "5 year survival");
  CHECK(line(v, 2).text == "2 weeks");
}

TEST_CASE("Ovid errors are located at their line and column", "[query][ovid]")
{
  CHECK(codes(ovid("a.tw.\n(b or c). tw.\n")) == "STRAY 4:9");
  CHECK(codes(ovid("a.tw.\n1 or 5\n")) == "REF-MISSING 4:6");
  CHECK(codes(ovid("a.tw.\nor/1-4\n")) == "REF-MISSING 4:6");
  CHECK(codes(ovid("a.tw.\n2 and 1\n")) == "REF-ORDER 4:1");
  CHECK(codes(ovid("(a or b.tw.\n")) == "PAREN 3:1");
  CHECK(codes(ovid("a or b).tw.\n")) == "PAREN 3:7");
  CHECK(codes(ovid("\"a b.tw.\n")) == "QUOTE 3:1");
  CHECK(codes(ovid("a.zz.\n")) == "TAG-UNKNOWN 3:2");
  CHECK(codes(ovid("Heart/qq\n")) == "TAG-UNKNOWN 3:7");
  CHECK(codes(ovid("a.tw.\nlimit 1 to yr=\"19x0\"\n")) == "DATE 4:12");
  CHECK(codes(ovid("a and\n")) == "SYNTAX 3:6");
  // a line that names a broken line says nothing more
  CHECK(codes(ovid("(a.tw.\n1 or 1\n")) == "PAREN 3:1");
  // or/1-N on every line: refused once the references pass a million, at the line that does
  std::string hostile = "a.tw.\n";
  for (int n = 2; n <= 2000; ++n) {
    hostile += "or/1-" + std::to_string(n - 1) + "\n";
  }
  CHECK(codes(ovid(hostile)) == "LIMIT 1417:4");
  auto s = ovid("a.tw.\nor/1-4\n");
  CHECK(s.findings[0].message == "4 refers to a line that does not exist (line 2 of the history)");
}

namespace {

std::vector<fs::path> query_files(const fs::path& dir)
{
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".query") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct OvidFile
{
  const char* name;
  int lines;            // search lines of the history
  const char* findings; // "" when it parses
};

// Read one by one. The strategies start on line 6 of each file (4 header lines and ---).
const std::vector<OvidFile> k_files = {
  {"CD007427", 95, ""},
  {"CD008081", 20, ""},
  {"CD008691", 87, ""},
  {"CD008760", 5, ""},
  {"CD008782", 55, ""},
  {"CD008803", 41, ""},
  {"CD009135", 28, ""},
  {"CD009185", 30, ""},
  {"CD009372", 38, ""},
  {"CD009519", 14, ""},
  {"CD009551", 12, ""},
  {"CD009579", 38, ""},
  {"CD009591", 10, ""},
  // line 8 of the history: `(Xpert or GeneXpert or cepheid or( near* patient)). tw.`: the
  // stray `. tw.`: a space after the field code's dot
  {"CD009593", 10, "STRAY 13:51"},
  {"CD009647", 93, ""},
  {"CD009786", 14, ""},
  {"CD009925", 56, ""},
  {"CD009944", 21, ""},
  {"CD010023", 28, ""},
  {"CD010173", 54, ""},
  {"CD010276", 54, ""},
  {"CD010386", 36, ""},
  {"CD010409", 49, ""},
  {"CD010438", 7, ""},
  {"CD010542", 10, ""},
  {"CD010632", 47, ""},
  {"CD010633", 30, ""},
  {"CD010653", 27, ""},
  {"CD010705", 12, ""},
  {"CD010771", 6, ""},
  {"CD010772", 6, ""},
  {"CD010775", 3, ""},
  {"CD010783", 6, ""},
  {"CD010860", 4, ""},
  {"CD010896", 32, ""},
  {"CD011134", 33, ""},
  {"CD011145", 6, ""},
  {"CD011975", 56, ""},
  {"CD011984", 56, ""},
  {"CD012019", 110, ""},
};

} // namespace

TEST_CASE("the 40 Ovid strategies of Cochrane reviews: each parses, or is refused at its line", "[query][ovid][corpus]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto files = query_files(synth::test::fixture("queries/clef-tar-2017/ovid"));
  REQUIRE(files.size() == k_files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    INFO(files[i].string());
    CHECK(files[i].stem().string() == k_files[i].name);
    auto q = check_query_file(files[i]);
    auto s = read_strategy(q);
    CHECK(codes(s) == k_files[i].findings);
    CHECK(s.lines.size() == static_cast<std::size_t>(k_files[i].lines));
    CHECK(s.lines.front().line == 6);
    if (std::string(k_files[i].findings).empty()) {
      CHECK(s.expression);
    }
  }
}

TEST_CASE("Ovid corpus lines read as written", "[query][ovid][corpus]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto read = [](const char* name) {
    return read_strategy(
      check_query_file(synth::test::fixture(std::string("queries/clef-tar-2017/ovid/") + name + ".query")));
  };
  // CD009372 line 22: exp *basal ganglia hemorrhage/di, pa, ra or *intracranial hemorrhages/di, pa, ra ...
  auto a = read("CD009372");
  const auto& l22 = line(a, 22);
  REQUIRE(l22.kind == Node::Kind::chain);
  CHECK(l22.children.size() == 5);
  const auto& first = *l22.children[0]->children[0];
  CHECK(first.children.size() == 3);
  CHECK(first.children[0]->text == "basal ganglia hemorrhage");
  CHECK(first.children[0]->heading->explode);
  CHECK(first.children[0]->heading->major);
  CHECK(first.children[2]->heading->subheading == "radiography");
  CHECK_FALSE(l22.children[1]->children[0]->children[0]->heading->explode);
  // CD010409 line 11: (3 or 4 or 5 or 6 or 7) and (8 or 9 or 10)
  auto b = read("CD010409");
  const auto& l11 = line(b, 11);
  CHECK(l11.children[0]->children[0]->children[4]->reference == 7);
  CHECK(l11.children[1]->children[0]->children[0]->reference == 8);
  // CD007427 lines 94, 95: limit 93 to english language; limit 94 to yr="2005 -Current"
  auto c = read("CD007427");
  CHECK(line(c, 94).limits[0].languages.front() == "english");
  CHECK(line(c, 95).limits[0].from == "2005");
  CHECK(line(c, 95).children[0]->reference == 94);
  CHECK(line(c, 6).children.size() == 5); // or/1-5
  // CD009944 line 1 ends with Ovid's display `[mp=title, abstract, ...]`
  auto d = read("CD009944");
  CHECK(line(d, 1).children[0]->children.size() == 7);
}
