#include "synth/formats/source_names.hpp"

#include "synth/util/text.hpp"

#include <array>
#include <utility>

namespace synth::formats {

namespace {

// EBSCOhost database codes (the DB tag of EBSCO RIS exports, db= in EBSCO links).
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> k_ebsco{{
  {"psyh", "APA PsycInfo"},
  {"pdh", "APA PsycArticles"},
  {"rzh", "CINAHL"},
  {"cin20", "CINAHL"},
  {"ccm", "CINAHL"},
  {"c8h", "CINAHL"},
  {"cmedm", "MEDLINE"},
  {"mdc", "MEDLINE"},
  {"mnh", "MEDLINE"},
  {"mdl", "MEDLINE"},
  {"eric", "ERIC"},
  {"a9h", "Academic Search Complete"},
  {"aph", "Academic Search Premier"},
  {"asn", "Academic Search Ultimate"},
  {"i3h", "Criminal Justice Abstracts"},
  {"egh", "Environment Index"},
  {"ecn", "EconLit"},
  {"sih", "SocINDEX"},
  {"sxi", "SocINDEX"},
  {"pbh", "Psychology and Behavioral Sciences Collection"},
  {"hch", "Health Source: Nursing/Academic Edition"},
  {"ssf", "Social Sciences Full Text"},
  {"lxh", "Library, Information Science & Technology Abstracts"},
  {"bth", "Business Source Premier"},
}};

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

} // namespace

std::string database_name(std::string_view db)
{
  // EBSCO writes some names with zero-width spaces, and space around them: one database
  // must be one source in the flow diagram.
  const std::string visible = util::collapse_space(util::remove_invisible(db));
  auto s = util::trim(visible);
  // "Embase <1974 to 2019 April 05>": the segment searched, not the database.
  if (!s.empty() && s.back() == '>') {
    if (auto open = s.rfind('<'); open != std::string_view::npos && open > 0) {
      s = util::trim(s.substr(0, open));
    }
  }
  if (util::istarts_with(s, "Ovid MEDLINE")) {
    return "Ovid MEDLINE(R)";
  }
  if (util::istarts_with(s, "SciELO ")) {
    return "SciELO";
  }
  auto lower = util::to_lower(s);
  for (const auto& [code, name] : k_ebsco) {
    if (lower == code) {
      return std::string(name);
    }
  }
  return std::string(s);
}

std::string ovid_database(std::string_view code_in)
{
  auto code = util::to_lower(util::trim(code_in));
  if (code == "prem" || code == "mesx" || starts(code, "med") || starts(code, "pmnm")) {
    return "Ovid MEDLINE(R)";
  }
  if (starts(code, "emed") || starts(code, "emex") || starts(code, "emez") || code == "oemezd") {
    return "Embase";
  }
  if (starts(code, "psyc")) {
    return "APA PsycInfo";
  }
  if (code == "cctr") {
    return "EBM Reviews - Cochrane Central Register of Controlled Trials";
  }
  if (code == "coch") {
    return "EBM Reviews - Cochrane Database of Systematic Reviews";
  }
  return {};
}

std::string database_from_url(std::string_view url)
{
  auto u = util::to_lower(url);
  if (u.find("ovid.com/") != std::string::npos) {
    for (std::string_view key : {"&d=", "?d="}) {
      if (auto at = u.find(key); at != std::string::npos) {
        auto code = std::string_view(u).substr(at + key.size());
        return ovid_database(code.substr(0, code.find('&')));
      }
    }
    return {};
  }
  if (u.find("app.dimensions.ai/") != std::string::npos) {
    return "Dimensions";
  }
  if (u.find("lens.org/") != std::string::npos) {
    return "Lens.org";
  }
  if (u.find("scopus.com/") != std::string::npos) {
    return "Scopus";
  }
  if (u.find("webofscience.com/") != std::string::npos || u.find("isiknowledge.com/") != std::string::npos) {
    return "Web of Science";
  }
  return {};
}

} // namespace synth::formats
