// Ovid: its field codes and MeSH subheading codes (ovid.hpp).
#include "synth/query/ovid.hpp"
#include "synth/util/text.hpp"

namespace synth::query {

namespace {

using F = Field;

struct FieldCode
{
  std::string_view code;
  FieldSet fields;
};

const std::vector<FieldCode>& field_codes()
{
  static const std::vector<FieldCode> table = {
    {"ti", {F::title}},
    {"ab", {F::abstract}},
    {"tw", {F::title, F::abstract}},
    {"ot", {F::transliterated_title}},
    {"kw", {F::keywords}},
    {"kf", {F::keywords}},
    {"mp",
     {F::title, F::abstract, F::transliterated_title, F::substance, F::heading_word, F::keywords,
      F::record_identifier}},
    {"af", {F::all_fields}},
    {"sh", {F::heading}},
    {"hw", {F::heading_word}},
    {"fs", {F::subheading}},
    {"nm", {F::substance}},
    {"rn", {F::substance}},
    {"px", {F::substance}},
    {"rx", {F::substance}},
    {"pt", {F::publication_type}},
    {"au", {F::author}},
    {"in", {F::affiliation}},
    {"jn", {F::journal}},
    {"la", {F::language}},
    {"ed", {F::date_entry}},
    {"yr", {F::date_publication}},
    {"dp", {F::date_publication}},
    {"ui", {F::record_identifier}},
  };
  return table;
}

const std::vector<std::pair<std::string_view, std::string_view>>& subheadings()
{
  static const std::vector<std::pair<std::string_view, std::string_view>> table = {
    {"ab", "abnormalities"},
    {"ad", "administration & dosage"},
    {"ae", "adverse effects"},
    {"ag", "agonists"},
    {"ah", "anatomy & histology"},
    {"ai", "antagonists & inhibitors"},
    {"an", "analysis"},
    {"bi", "biosynthesis"},
    {"bl", "blood"},
    {"bs", "blood supply"},
    {"cf", "cerebrospinal fluid"},
    {"ch", "chemistry"},
    {"ci", "chemically induced"},
    {"cl", "classification"},
    {"cn", "congenital"},
    {"co", "complications"},
    {"cs", "chemical synthesis"},
    {"ct", "contraindications"},
    {"cy", "cytology"},
    {"de", "drug effects"},
    {"df", "deficiency"},
    {"dg", "diagnostic imaging"},
    {"dh", "diet therapy"},
    {"di", "diagnosis"},
    {"dt", "drug therapy"},
    {"du", "diagnostic use"},
    {"ec", "economics"},
    {"ed", "education"},
    {"eh", "ethnology"},
    {"em", "embryology"},
    {"en", "enzymology"},
    {"ep", "epidemiology"},
    {"es", "ethics"},
    {"et", "etiology"},
    {"ge", "genetics"},
    {"gd", "growth & development"},
    {"hi", "history"},
    {"im", "immunology"},
    {"in", "injuries"},
    {"ir", "innervation"},
    {"is", "isolation & purification"},
    {"lj", "legislation & jurisprudence"},
    {"ma", "manpower"},
    {"me", "metabolism"},
    {"mi", "microbiology"},
    {"mo", "mortality"},
    {"mt", "methods"},
    {"nu", "nursing"},
    {"og", "organization & administration"},
    {"pa", "pathology"},
    {"pc", "prevention & control"},
    {"pd", "pharmacology"},
    {"pk", "pharmacokinetics"},
    {"ph", "physiology"},
    {"po", "poisoning"},
    {"pp", "physiopathology"},
    {"ps", "parasitology"},
    {"px", "psychology"},
    {"py", "pathogenicity"},
    {"ra", "radiography"},
    {"rh", "rehabilitation"},
    {"ri", "radionuclide imaging"},
    {"rt", "radiotherapy"},
    {"sc", "secondary"},
    {"sd", "supply & distribution"},
    {"se", "secretion"},
    {"sn", "statistics & numerical data"},
    {"st", "standards"},
    {"su", "surgery"},
    {"th", "therapy"},
    {"tm", "transmission"},
    {"to", "toxicity"},
    {"tr", "transplantation"},
    {"tu", "therapeutic use"},
    {"ul", "ultrastructure"},
    {"ur", "urine"},
    {"us", "ultrasonography"},
    {"ut", "utilization"},
    {"ve", "veterinary"},
    {"vi", "virology"},
  };
  return table;
}

} // namespace

std::optional<FieldSet> ovid_field(std::string_view code)
{
  auto lower = util::to_lower(code);
  for (const auto& f : field_codes()) {
    if (f.code == lower) {
      return f.fields;
    }
  }
  return std::nullopt;
}

std::string_view subheading_name(std::string_view code)
{
  auto lower = util::to_lower(code);
  for (const auto& [c, name] : subheadings()) {
    if (c == lower) {
      return name;
    }
  }
  return {};
}

std::string_view subheading_code(std::string_view name)
{
  for (const auto& [c, n] : subheadings()) {
    if (util::iequals(n, name)) {
      return c;
    }
  }
  return {};
}

} // namespace synth::query
