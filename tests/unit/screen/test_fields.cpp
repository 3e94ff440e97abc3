// Rules on each record field a criteria file can name: source, journal, ISSN, DOI, PMID,
// title and abstract text (the query evaluator's phrases and truncation), and language
// detection of MEDLINE's translated titles.
#include "synth/screen/engine.hpp"

#include <catch2/catch.hpp>

using namespace synth::screen;
using synth::Record;

namespace {

Record article()
{
  Record r;
  r.id = 7;
  r.source = "Web of Science";
  r.source_id = "WOS:000333";
  r.pmid = "23456789";
  r.doi = "10.1007/s11126-015-9347-5";
  r.journal = "Psychiatric Quarterly";
  r.journal_abbrev = "Psychiatr Q";
  r.issn = "0033-2720";
  r.language = "eng";
  r.year = 2015;
  r.date = "2015-12";
  r.type = "journal-article";
  r.title = "Helpful relationships with professionals: a meta-ethnography";
  r.abstract = "We synthesised qualitative studies of users' experiences of mental health services.";
  return r;
}

// The reason of the rule that excluded the record at the automatic stage, or "".
std::string excluded_by(const std::string& criteria, const Record& r)
{
  auto c = parse_criteria(criteria, "criteria.txt");
  Engine engine(c, stages_in_use(c, {}));
  auto o = engine.screen(r, nullptr, {});
  return o.decision == Final::exclude ? o.reason : "";
}

Outcome screen_one(const std::string& criteria, const Record& r)
{
  auto c = parse_criteria(criteria, "criteria.txt");
  Engine engine(c, stages_in_use(c, {}));
  return engine.screen(r, nullptr, {});
}

} // namespace

TEST_CASE("fields: source, journal (title or abbreviation), ISSN, DOI and PMID")
{
  Record r = article();
  CHECK(excluded_by("automatic exclude \"S\" when source is \"web of science\"", r) == "S");
  CHECK(excluded_by("automatic exclude \"S\" when source is CINAHL", r).empty());
  CHECK(excluded_by("automatic exclude \"S\" when source in CINAHL, \"Web of Science\"", r) == "S");
  CHECK(excluded_by("automatic exclude \"J\" when journal is \"Psychiatric Quarterly\"", r) == "J");
  CHECK(excluded_by("automatic exclude \"J\" when journal is \"psychiatr. q.\"", r) == "J");
  CHECK(excluded_by("automatic exclude \"J\" when journal is not \"Psychiatric Quarterly\"", r).empty());
  CHECK(excluded_by("automatic exclude \"I\" when issn is 00332720", r) == "I");
  CHECK(excluded_by("automatic exclude \"I\" when issn is 0033-2721", r).empty());
  CHECK(excluded_by("automatic exclude \"D\" when doi is \"https://doi.org/10.1007/S11126-015-9347-5\"", r) == "D");
  CHECK(excluded_by("automatic exclude \"P\" when pmid is 23456789", r) == "P");
  r.issn.clear();
  auto o = screen_one("automatic exclude \"I\" when issn is 0033-2720", r);
  CHECK(o.decision == Final::pending);
  CHECK(o.flags.at(0) == "automatic: undecided \"I\" (missing issn)");
}

TEST_CASE("fields: years, dates and normalised types")
{
  Record r = article();
  CHECK(excluded_by("automatic exclude \"Y\" when year >= 2015 and year < 2016", r) == "Y");
  CHECK(excluded_by("automatic exclude \"Y\" when year - 1990 < 25", r).empty());
  CHECK(excluded_by("automatic exclude \"D\" when date < 2016-01-01", r) == "D");
  CHECK(excluded_by("automatic exclude \"T\" when type in review, letter", r).empty());
  r.type = "letter";
  CHECK(excluded_by("automatic exclude \"T\" when type in review, letter", r) == "T");
}

TEST_CASE("fields: title and abstract text with phrases and truncation, as the query evaluator matches")
{
  Record r = article();
  CHECK(excluded_by("automatic exclude \"T\" when title matches \"helpful relationship*\"", r) == "T");
  CHECK(excluded_by("automatic exclude \"T\" when title matches qualitative", r).empty()); // in the abstract only
  CHECK(excluded_by("automatic exclude \"A\" when abstract matches qualitative AND experience*", r) == "A");
  CHECK(excluded_by("automatic exclude \"A\" when abstract matches \"users experiences\"", r) == "A"); // ' folded
  CHECK(excluded_by("automatic exclude \"A\" when abstract matches \"mental-health\"", r) == "A");
  CHECK(excluded_by("automatic exclude \"A\" when abstract matches servic", r).empty()); // whole words
  CHECK(excluded_by("automatic exclude \"X\" when title-abstract matches meta* NOT qualitative", r).empty());
  CHECK(excluded_by("automatic exclude \"X\" when title-abstract matches (meta* OR survey) AND qualitative", r) == "X");
  // A phrase does not run from the end of the title into the abstract.
  CHECK(excluded_by("automatic exclude \"X\" when title-abstract matches \"meta-ethnography we\"", r).empty());
  // Parentheses close the expression: the rest of the rule goes on after them.
  CHECK(excluded_by("automatic exclude \"X\" when (title matches professional*) and year > 2010", r) == "X");
  CHECK(excluded_by("automatic exclude \"X\" when (title matches professional*) and year < 2010", r).empty());
}

TEST_CASE("fields: a missing abstract leaves a title-abstract rule undecided unless the title matches")
{
  Record r = article();
  r.abstract.clear();
  const char* not_qualitative = "automatic exclude \"Not qualitative\" when not title-abstract matches qualitative";
  auto o = screen_one(not_qualitative, r);
  CHECK(o.decision == Final::pending);
  CHECK(o.flags.at(0) == "automatic: undecided \"Not qualitative\" (missing abstract)");
  r.title = "A qualitative study";
  CHECK(screen_one(not_qualitative, r).decision == Final::pending); // the title decides: not excluded
  CHECK(screen_one(not_qualitative, r).flags.empty());
  CHECK(excluded_by("automatic exclude \"Q\" when title-abstract matches qualitative", r) == "Q");
  auto a = screen_one("automatic exclude \"A\" when abstract matches qualitative", r);
  CHECK(a.flags.at(0) == "automatic: undecided \"A\" (missing abstract)");
}

TEST_CASE("language: MEDLINE's bracketed English translation of a title is not evidence of the language")
{
  auto d = detect_language("[The therapeutic relationship in psychiatric care of patients with severe mental "
                           "illness: results of an interview study with nurses and patients].",
                           "");
  CHECK(d.language.empty());
  d = detect_language("[Die therapeutische Beziehung].",
                      "Ziel dieser qualitativen Studie war es, die Erfahrungen von Patientinnen und Patienten mit "
                      "schweren psychischen Erkrankungen in der Beziehung zu professionellen Helfern zu untersuchen. "
                      "Es wurden zwanzig Interviews gefuehrt und ausgewertet.");
  CHECK(d.language == "ger");
  d = detect_language("The therapeutic relationship in psychiatric care of patients with severe mental illness: "
                      "results of an interview study with nurses and patients",
                      "");
  CHECK(d.language == "eng");
}

TEST_CASE("language: a few words are never a reliable detection, so they cannot exclude")
{
  auto d = detect_language("Objetos paradoxais desiguais", "");
  CHECK_FALSE(d.reliable);
  Record r = article();
  r.language.clear();
  r.title = "Objetos paradoxais desiguais";
  r.abstract.clear();
  auto o = screen_one("detect-language: exclude-when-confident 0.9\n"
                      "automatic exclude \"Not in English\" when language is not eng",
                      r);
  CHECK(o.decision == Final::pending);
  CHECK(o.flags.back() == "automatic: undecided \"Not in English\" (missing language)");
  r.title = "Relações Públicas e Design Thinking: experiências convergentes na comunicação das organizações";
  r.abstract = "Este artigo discute as experiências de profissionais de relações públicas com o design thinking "
               "em organizações brasileiras, a partir de entrevistas qualitativas.";
  o = screen_one("detect-language: exclude-when-confident 0.9\n"
                 "automatic exclude \"Not in English\" when language is not eng",
                 r);
  CHECK(o.decision == Final::exclude);
  CHECK(o.flags.at(0).rfind("language detected: por 0.", 0) == 0);
}
