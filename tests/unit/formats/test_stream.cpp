// Reading files in pieces (formats/stream.hpp): the same records as reading them whole, and
// the limits that keep hostile input from filling memory or running forever (issue 15).
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"
#include "synth/formats/stream.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace synth;
using namespace synth::formats;
namespace fs = std::filesystem;

namespace {

using synth::test::TempDir;

struct Read
{
  std::vector<Record> records;
  std::vector<Skipped> skipped;
};

Read read_whole(const std::string& text, Format format, const std::string& label = "f")
{
  ReadContext ctx(label, true);
  Read out;
  read_text(text, format, ctx, [&](Record&& r) { out.records.push_back(std::move(r)); });
  out.skipped = ctx.skipped();
  return out;
}

Read read_streamed(const fs::path& path, Format format, const std::string& label = "f")
{
  ReadContext ctx(label, true);
  Read out;
  read_file(path, format, ctx, [&](Record&& r) { out.records.push_back(std::move(r)); });
  out.skipped = ctx.skipped();
  return out;
}

// The text of `rel` repeated until it is over `bytes` long (copies separated by `gap`).
std::string repeated(const std::string& rel, std::size_t bytes, const std::string& gap = "")
{
  std::string one = util::read_file(test::fixture(rel));
  std::string body = std::string(util::strip_bom(one));
  std::string out;
  while (out.size() < bytes) {
    out += body;
    out += gap;
  }
  return out;
}

std::string gzip(const std::string& data)
{
  std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string error_of(const fs::path& path, Format format, bool lenient = false)
{
  ReadContext ctx("f", lenient);
  try {
    read_file(path, format, ctx, [](Record&&) {});
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("a file read in pieces gives the records of the file read whole", "[stream]")
{
  SYNTH_REQUIRE_FIXTURES();
  struct Case
  {
    const char* rel;
    Format format;
    const char* gap;
  };
  // Each over 10 MB, so that it is read in at least three pieces; line numbers and record
  // numbers run on across pieces, a CSV's header comes again, BibTeX's @string stays known.
  const Case cases[] = {
    {"exports/asysd/zotero_export.ris", Format::ris, "\n"},
    {"exports/ovid_mckeown/ovid_3001_to_3130_psycinfo.ris", Format::ris, ""},
    {"pubmed/p1m_ortho/citations_200.nbib", Format::nbib, "\n"},
    {"exports/revtools/restoration_WoS.ciw", Format::wos, "\n"},
    {"exports/synthesisr/WoS_biosis_tabdelim_CR.txt", Format::wos, ""},
    {"exports/asysd/zotero_export.bib", Format::bibtex, "\n"},
    {"exports/jabref/Endnote.entries.enw", Format::endnote_tagged, "\n\n"},
    {"exports/jabref/OvidImporterTest4.txt", Format::ovid, "\n"},
  };
  TempDir dir;
  for (const auto& c : cases) {
    INFO(c.rel);
    std::string text = repeated(c.rel, 10u << 20, c.gap);
    if (c.format == Format::wos && std::string(c.rel).find("tabdelim") != std::string::npos) {
      // One header, then the rows again and again.
      std::string one(util::strip_bom(util::read_file(test::fixture(c.rel))));
      auto header_end = one.find_first_of("\r\n");
      std::string rows = one.substr(header_end);
      text = one;
      while (text.size() < (10u << 20)) {
        text += rows;
      }
    }
    auto path = dir.write("big", text);
    auto whole = read_whole(text, c.format);
    auto streamed = read_streamed(path, c.format);
    REQUIRE(whole.records.size() > 400); // in at least three pieces of 4 MB
    REQUIRE(streamed.records.size() == whole.records.size());
    CHECK(streamed.skipped.size() == whole.skipped.size());
    for (std::size_t i = 0; i < whole.records.size(); i += 97) {
      INFO("record " << i);
      CHECK(streamed.records[i].title == whole.records[i].title);
      CHECK(streamed.records[i].source_id == whole.records[i].source_id);
      CHECK(streamed.records[i].provenance.line == whole.records[i].provenance.line);
      CHECK(streamed.records[i].provenance.index == whole.records[i].provenance.index);
      CHECK(streamed.records[i].raw == whole.records[i].raw);
    }
  }
}

TEST_CASE("a CSV read in pieces gets its header again, and its lines right", "[stream]")
{
  SYNTH_REQUIRE_FIXTURES();
  std::string one(util::strip_bom(util::read_file(test::fixture("pubmed/p1m_ortho/pubmed_legacy_csv_4443.csv"))));
  auto header_end = one.find('\n') + 1;
  std::string text = one;
  while (text.size() < (12u << 20)) {
    text += one.substr(header_end);
  }
  TempDir dir;
  auto path = dir.write("big.csv", text);
  auto whole = read_whole(text, Format::csv);
  auto streamed = read_streamed(path, Format::csv);
  REQUIRE(streamed.records.size() == whole.records.size());
  CHECK(streamed.records.size() % 4443 == 0);
  CHECK(streamed.records.back().provenance.line == whole.records.back().provenance.line);
  CHECK(streamed.records.back().provenance.index == whole.records.back().provenance.index);
  CHECK(streamed.records.back().source == "PubMed");
}

TEST_CASE("where a piece may end, by format", "[stream]")
{
  CHECK(piece_end(Format::ris, "TY  - JOUR\nTI  - a\nER  - \nTY  - JOUR\nTI  - b\n") == 26);
  CHECK(piece_end(Format::ris, "TY  - JOUR\nTI  - a\n") == 0);
  // A \r at the very end may be the first half of \r\n: not a line end yet.
  CHECK(piece_end(Format::ris, "TY  - JOUR\r\nER  - \r") == 0);
  CHECK(piece_end(Format::ris, "TY  - JOUR\r\nER  - \r\n") == 20);
  CHECK(piece_end(Format::nbib, "PMID- 1\nTI  - a\n\nPMID- 2\n") == 17);
  CHECK(piece_end(Format::ovid, "<1>\nTitle\n  a\n<2>\nTitle\n") == 14);
  CHECK(piece_end(Format::bibtex, "@article{a,\n title={x}}\n@book{b,\n") == 24);
  // A quoted CSV field may hold line ends: the cut is after the last whole row.
  CHECK(piece_end(Format::csv, "id,title\n1,\"two\nlines\"\n2,\"open\n") == 23);
  CHECK(piece_end(Format::csv, "id,title\n1,\"a \"\"b\"\" c\"\n") == 23);
}

TEST_CASE("endless and binary input ends with an error at its line", "[stream][limits]")
{
  // /dev/zero never ends: the first NUL byte stops it (before the fix: memory grew without end).
  CHECK_THAT(error_of("/dev/zero", Format::ris), Catch::Contains("f:1: NUL byte in the text"));
  CHECK_THAT(error_of("/dev/zero", Format::pubmed_xml), Catch::Contains("f:1: NUL byte in the text"));
  TempDir dir;
  // A NUL byte inside a field, at its line.
  auto nul = dir.write("nul.ris", std::string("TY  - JOUR\nTI  - a\0b\nER  - \n", 27));
  CHECK(error_of(nul, Format::ris)
        == "f:2: NUL byte in the text: this is a binary file (or UTF-16 without its "
           "byte order mark), not an export synth reads");
  // A line of 17 MB: no export has one.
  auto long_line = dir.write("long.ris", "TY  - JOUR\nTI  - " + std::string(17u << 20, 'a') + "\nER  - \n");
  CHECK(error_of(long_line, Format::ris) == "f:2: a line longer than 16 MB: not an export (a binary or damaged file)");
  // Text where no record ends for more than 64 MB.
  std::string lines;
  lines.reserve(66u << 20);
  lines += "TY  - JOUR\n";
  while (lines.size() < (65u << 20)) {
    lines += "KW  - keyword keyword keyword keyword keyword keyword\n";
  }
  auto endless = dir.write("endless.ris", lines);
  CHECK_THAT(error_of(endless, Format::ris, true), Catch::StartsWith("f:1: no record ends within 64 MB"));
}

TEST_CASE("a gzip bomb stops at the expansion limit", "[stream][limits]")
{
  TempDir dir;
  // 40 MB of one repeated line compress about 1000:1.
  std::string text;
  text.reserve(40u << 20);
  while (text.size() < (40u << 20)) {
    text += "TI  - the same title again and again and again\n";
  }
  auto bomb = dir.write("bomb.ris.gz", gzip(text));
  REQUIRE(fs::file_size(bomb) < (1u << 20));
  auto started = std::chrono::steady_clock::now();
  CHECK_THAT(error_of(bomb, Format::ris), Catch::Contains("bomb.ris.gz: gzip data expands more than 100 times"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30)); // not minutes
  // A gzip of zeros (the 46 MB .gz of issue 15): NUL at line 1, at once.
  auto zeros = dir.write("zeros.ris.gz", gzip(std::string(8u << 20, '\0')));
  CHECK_THAT(error_of(zeros, Format::automatic), Catch::Contains(":1: NUL byte in the text"));
  // Gzip cut short.
  auto whole = gzip("TY  - JOUR\nTI  - a\nER  - \n");
  auto cut = dir.write("cut.ris.gz", whole.substr(0, whole.size() - 6));
  CHECK_THAT(error_of(cut, Format::ris), Catch::Contains("truncated gzip data"));
  // Two gzip members (files concatenated with cat) are one text.
  auto two = dir.write("two.ris.gz", gzip("TY  - JOUR\nTI  - a\nER  - \n") + gzip("TY  - JOUR\nTI  - b\nER  - \n"));
  CHECK(read_streamed(two, Format::automatic).records.size() == 2);
}

TEST_CASE("pipes and FIFOs are read as streams", "[stream]")
{
  SYNTH_REQUIRE_FIXTURES();
  TempDir dir;
  auto fifo = dir.path() / "export.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string text = util::read_file(test::fixture("exports/citesource/valid_data/psycinfo_64.ris"));
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  // Before the fix the format was detected from a first open of the pipe, whose bytes were
  // then lost: "record has no TY tag".
  auto read = read_streamed(fifo, Format::automatic);
  writer.join();
  CHECK(read.records.size() == 64);
  CHECK(read.skipped.empty());
}

TEST_CASE("UTF-16 text that is cut or broken is an error, never a lost character", "[stream][utf16]")
{
  TempDir dir;
  auto utf16 = [](const std::string& ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) {
      out += c;
      out += '\0';
    }
    return out;
  };
  std::string good = utf16("PT J\nAU Smith, A\nTI A title\nUT WOS:1\nER\n");
  CHECK(read_streamed(dir.write("good.txt", good), Format::wos).records.size() == 1);
  CHECK(read_whole(good, Format::wos).records.size() == 1);
  // Odd length: before the fix the last byte was dropped without a word.
  std::string odd = good + "E";
  CHECK_THAT(error_of(dir.write("odd.txt", odd), Format::wos),
             Catch::Contains("not valid UTF-16: an odd number of bytes (the last character is cut)"));
  ReadContext ctx("odd", false);
  CHECK_THROWS_WITH(read_text(odd, Format::wos, ctx, [](Record&&) {}),
                    Catch::Contains("not valid UTF-16: an odd number of bytes"));
  // An unpaired surrogate on line 3.
  std::string broken = utf16("PT J\nAU Smith, A\nTI A ");
  broken += std::string("\x00\xD8", 2);     // a high surrogate (D800) ...
  broken += utf16("title\nER\n").substr(2); // ... followed by 't', not a low surrogate
  CHECK(error_of(dir.write("broken.txt", broken), Format::wos)
        == "f:3: not valid UTF-16: an unpaired surrogate (0xD800)");
}

TEST_CASE("XML nested deeper than 1,000 elements is a bad record at its line, not a crash", "[stream][limits]")
{
  TempDir dir;
  auto deep = [](const std::string& open, const std::string& close) {
    std::string out;
    for (int i = 0; i < 200000; ++i) {
      out += open;
    }
    out += "x";
    for (int i = 0; i < 200000; ++i) {
      out += close;
    }
    return out;
  };
  std::string pubmed = "<PubmedArticleSet>\n<PubmedArticle><MedlineCitation><PMID>1</PMID><Article>\n<ArticleTitle>"
                       + deep("<i>", "</i>") + "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
                       + "</PubmedArticleSet>\n";
  auto path = dir.write("deep.xml", pubmed);
  CHECK(error_of(path, Format::pubmed_xml) == "f:3: XML nested deeper than 1000 elements in PubmedArticle");
  ReadContext ctx("deep.xml", false);
  CHECK_THROWS_WITH(read_text(pubmed, Format::pubmed_xml, ctx, [](Record&&) {}),
                    "deep.xml:3: XML nested deeper than 1000 elements in PubmedArticle");
  std::string endnote = "<xml><records>\n<record><titles><title>" + deep("<style>", "</style>")
                        + "</title></titles></record>\n</records></xml>\n";
  CHECK(error_of(dir.write("deep_endnote.xml", endnote), Format::endnote_xml)
        == "f:2: XML nested deeper than 1000 elements in record");
}
