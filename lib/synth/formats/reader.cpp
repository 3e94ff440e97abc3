#include "synth/formats/reader.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/ris.hpp"
#include "synth/formats/stream.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"
#include "synth/util/utf.hpp"

// Readers written in their own files; each is wired in once its header exists.
#if __has_include("synth/formats/medline.hpp")
#include "synth/formats/medline.hpp"
#define SYNTH_HAVE_MEDLINE 1
#endif
#if __has_include("synth/formats/pubmed_xml.hpp")
#include "synth/formats/pubmed_xml.hpp"
#define SYNTH_HAVE_PUBMED_XML 1
#endif
#if __has_include("synth/formats/endnote_xml.hpp")
#include "synth/formats/endnote_xml.hpp"
#define SYNTH_HAVE_ENDNOTE_XML 1
#endif
#if __has_include("synth/formats/csv.hpp")
#include "synth/formats/csv.hpp"
#define SYNTH_HAVE_CSV 1
#endif
#if __has_include("synth/formats/bibtex.hpp")
#include "synth/formats/bibtex.hpp"
#define SYNTH_HAVE_BIBTEX 1
#endif
#if __has_include("synth/formats/wos.hpp")
#include "synth/formats/wos.hpp"
#define SYNTH_HAVE_WOS 1
#endif
#if __has_include("synth/formats/ovid.hpp")
#include "synth/formats/ovid.hpp"
#define SYNTH_HAVE_OVID 1
#endif
#if __has_include("synth/formats/endnote_tagged.hpp")
#include "synth/formats/endnote_tagged.hpp"
#define SYNTH_HAVE_ENDNOTE_TAGGED 1
#endif
#if __has_include("synth/formats/crossref_json.hpp")
#include "synth/formats/crossref_json.hpp"
#define SYNTH_HAVE_CROSSREF_JSON 1
#endif
#if __has_include("synth/formats/openalex_json.hpp")
#include "synth/formats/openalex_json.hpp"
#define SYNTH_HAVE_OPENALEX_JSON 1
#endif

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <regex>

namespace synth::formats {

const std::string_view k_unknown_format =
  "cannot tell the format of this file; name it with --format (ris, nbib, pubmed-xml, wos, crossref-json, "
  "bibtex, endnote-xml, csv, ovid, endnote-tagged, openalex-json)";

namespace {
constexpr std::array<std::pair<Format, std::string_view>, 12> k_names{{
  {Format::automatic, "auto"},
  {Format::ris, "ris"},
  {Format::nbib, "nbib"},
  {Format::pubmed_xml, "pubmed-xml"},
  {Format::wos, "wos"},
  {Format::crossref_json, "crossref-json"},
  {Format::bibtex, "bibtex"},
  {Format::endnote_xml, "endnote-xml"},
  {Format::csv, "csv"},
  {Format::ovid, "ovid"},
  {Format::endnote_tagged, "endnote-tagged"},
  {Format::openalex_json, "openalex-json"},
}};
} // namespace

std::optional<Format> parse_format(std::string_view name)
{
  for (const auto& [format, text] : k_names) {
    if (text == name) {
      return format;
    }
  }
  if (name == "medline") {
    return Format::nbib;
  }
  return std::nullopt;
}

std::string_view format_name(Format format)
{
  for (const auto& [f, text] : k_names) {
    if (f == format) {
      return text;
    }
  }
  return "unknown";
}

void ReadContext::bad_record(std::int64_t line, const std::string& reason)
{
  if (!m_lenient) {
    fail(line, reason);
  }
  m_skipped.push_back({absolute(line), 0, reason});
}

void ReadContext::fail(std::int64_t line, const std::string& reason) const
{
  if (line > 0) {
    throw Error(fmt::format("{}:{}: {}", m_file, absolute(line), reason));
  }
  throw Error(fmt::format("{}: {}", m_file, reason));
}

void ReadContext::fail(std::int64_t line, std::int64_t column, const std::string& reason) const
{
  throw Error(fmt::format("{}:{}:{}: {}", m_file, absolute(line), column, reason));
}

namespace {

bool has_line_starting(std::string_view head, std::string_view prefix)
{
  util::LineReader lines(head);
  std::string_view line;
  while (lines.next(line)) {
    if (line.substr(0, prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

std::optional<Format> from_extension(const std::filesystem::path& name)
{
  auto ext = util::to_lower(name.extension().string());
  if (ext == ".gz") {
    ext = util::to_lower(name.stem().extension().string());
  }
  if (ext == ".ris") {
    return Format::ris;
  }
  if (ext == ".nbib") {
    return Format::nbib;
  }
  if (ext == ".bib") {
    return Format::bibtex;
  }
  if (ext == ".csv") {
    return Format::csv;
  }
  if (ext == ".ciw" || ext == ".isi") {
    return Format::wos;
  }
  if (ext == ".enw") {
    return Format::endnote_tagged;
  }
  return std::nullopt;
}

} // namespace

std::optional<Format> detect_format(std::string_view head_in, const std::filesystem::path& name)
{
  std::string converted;
  if (auto order = util::utf16_bom(head_in)) {
    // The head may end inside a character: what decodes is enough to tell the format.
    util::Utf16Decoder decoder(*order);
    decoder.decode(head_in.substr(2), converted);
    head_in = converted;
  }
  auto head = util::trim(util::strip_bom(head_in));
  if (head.empty()) {
    return from_extension(name);
  }
  if (head[0] == '<') {
    if (head.find("<PubmedArticle") != std::string_view::npos
        || head.find("<MedlineCitationSet") != std::string_view::npos
        || head.find("<PubmedBookArticle") != std::string_view::npos
        || head.find("<MedlineCitation ") != std::string_view::npos) {
      return Format::pubmed_xml;
    }
    if (head.find("<records>") != std::string_view::npos || head.find("<record>") != std::string_view::npos
        || head.find("<ref-type") != std::string_view::npos) {
      return Format::endnote_xml;
    }
    static const std::regex ovid_marker(R"(^<\d+>\s*$)");
    auto first_line = head.substr(0, head.find_first_of("\r\n"));
    if (std::regex_match(std::string(first_line), ovid_marker)) {
      return Format::ovid;
    }
    return std::nullopt;
  }
  if (head[0] == '{' || head[0] == '[') {
    // OpenAlex works name themselves by their id URL.
    if (head.find("openalex.org/W") != std::string_view::npos) {
      return Format::openalex_json;
    }
    // Crossref's answers and works carry these keys; other JSON (a reference manager's
    // own) is not a format synth reads.
    if (head.find("\"DOI\"") != std::string_view::npos || head.find("\"message\"") != std::string_view::npos) {
      return Format::crossref_json;
    }
    return std::nullopt;
  }
  if (has_line_starting(head, "PMID-")) {
    return Format::nbib;
  }
  static const std::regex ris_ty(R"((^|[\r\n])TY {1,2}- )");
  if (std::regex_search(std::string(head), ris_ty)) {
    return Format::ris;
  }
  // MEDLINE text without a PMID line (a record typed by hand, JabRef's samples): tags that
  // only MEDLINE has, padded to four columns before the hyphen.
  static const std::regex medline_tag(
    R"((^|[\r\n])(PMC |PMCR|OWN |STAT|DCOM|FAU |FED |JID |JT  |EDAT|MHDA|CRDT|PHST|AID |PST |BTI |CON |DEP )-)");
  if (std::regex_search(std::string(head), medline_tag)) {
    return Format::nbib;
  }
  if (head.substr(0, 3) == "FN " || head.substr(0, 3) == "PT\t" || head.substr(0, 5) == "PT J\n"
      || head.substr(0, 6) == "PT J\r\n" || has_line_starting(head, "UT WOS:")) {
    return Format::wos;
  }
  if (head.substr(0, 3) == "%0 " || head.substr(0, 3) == "%A ") {
    return Format::endnote_tagged;
  }
  static const std::regex bib_entry(R"(@[A-Za-z]+\s*[\{\(])");
  if (std::regex_search(std::string(head.substr(0, 2048)), bib_entry) && head.find('@') < 512) {
    return Format::bibtex;
  }
  if (auto ext = from_extension(name)) {
    return ext;
  }
  auto first_line = head.substr(0, head.find_first_of("\r\n"));
  if (first_line.find(',') != std::string_view::npos || first_line.find('\t') != std::string_view::npos) {
    return Format::csv;
  }
  return std::nullopt;
}

void check_text(std::string_view text, ReadContext& ctx)
{
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    ctx.fail(static_cast<std::int64_t>(util::line_of(text, at)),
             "NUL byte in the text: this is a binary file (or UTF-16 without its byte order mark), not an "
             "export synth reads");
  }
  if (auto bad = util::find_invalid_utf8(text)) {
    ctx.fail(static_cast<std::int64_t>(util::line_of(text, *bad)),
             fmt::format("not valid UTF-8 (byte 0x{:02X}); convert the file to UTF-8, e.g. "
                         "iconv -f WINDOWS-1252 -t UTF-8",
                         static_cast<unsigned>(static_cast<unsigned char>(text[*bad]))));
  }
}

void read_text(std::string_view text, Format format, ReadContext& ctx, const RecordSink& sink)
{
  std::string converted;
  if (auto order = util::utf16_bom(text)) {
    std::string error;
    if (!util::utf16_to_utf8(text.substr(2), *order, converted, error)) {
      ctx.fail(static_cast<std::int64_t>(util::line_of(converted, converted.size())), "not valid UTF-16: " + error);
    }
    text = converted;
  }
  if (format == Format::automatic) {
    auto detected = detect_format(text.substr(0, 4096), ctx.file());
    if (!detected) {
      ctx.fail(1, std::string(k_unknown_format));
    }
    format = *detected;
  }
  check_text(text, ctx);
  read_checked_text(text, format, ctx, sink);
}

void read_checked_text(std::string_view text, Format format, ReadContext& ctx, const RecordSink& sink)
{
  switch (format) {
  case Format::ris:
    read_ris(text, ctx, sink);
    return;
#ifdef SYNTH_HAVE_MEDLINE
  case Format::nbib:
    read_medline(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_PUBMED_XML
  case Format::pubmed_xml:
    read_pubmed_xml_text(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_ENDNOTE_XML
  case Format::endnote_xml:
    read_endnote_xml(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_CSV
  case Format::csv:
    read_csv(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_BIBTEX
  case Format::bibtex:
    read_bibtex(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_WOS
  case Format::wos:
    read_wos(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_OVID
  case Format::ovid:
    read_ovid(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_ENDNOTE_TAGGED
  case Format::endnote_tagged:
    read_endnote_tagged(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_CROSSREF_JSON
  case Format::crossref_json:
    read_crossref_json(text, ctx, sink);
    return;
#endif
#ifdef SYNTH_HAVE_OPENALEX_JSON
  case Format::openalex_json:
    read_openalex_json(text, ctx, sink);
    return;
#endif
  default:
    break;
  }
  ctx.fail(0, fmt::format("reading {} is not supported by this build", format_name(format)));
}

void read_file(const std::filesystem::path& path, Format format, ReadContext& ctx, const RecordSink& sink)
{
  if (path != "-" && !std::filesystem::exists(path)) {
    throw Error(fmt::format("{}: no such file", ctx.file()));
  }
  std::unique_ptr<util::InputStream> in;
  try {
    in = std::make_unique<util::InputStream>(path);
  } catch (const util::InputError& e) {
    throw Error(e.what(), e.hint());
  }
  read_stream(*in, format, ctx, sink);
}

} // namespace synth::formats
