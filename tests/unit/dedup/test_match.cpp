// Field agreement (match.hpp) and the rules of compare() that use it: each rule with a pair
// it must join and a pair it must keep apart.
#include "records.hpp"

#include "synth/dedup/compare.hpp"

#include <catch2/catch.hpp>

using namespace synth;
using namespace synth::dedup;

namespace {

Features f(const Record& r) { return features(r); }

Comparison cmp(const Record& a, const Record& b, const Options& o = {})
{
  return compare(a, features(a), b, features(b), o);
}

Record with_author(Record r, std::string family, std::string given)
{
  r.authors = {Author{std::move(family), std::move(given)}};
  return r;
}

} // namespace

TEST_CASE("first authors agree across particles, suffixes, lost letters and swapped names", "[dedup]")
{
  auto base = test::article(1, "t", "", 2000);
  auto agree = [&](const char* fa, const char* ga, const char* fb, const char* gb) {
    return author_agreement(f(with_author(base, fa, ga)), f(with_author(base, fb, gb)));
  };
  CHECK(agree("De Botton", "T", "Botton", "T") == 2);
  CHECK(agree("Abdel Aziz", "K", "Aziz", "K") == 2);
  CHECK(agree("von Pawel", "J", "Pawel", "J") == 2);
  CHECK(agree("Lynch Jr", "T", "Lynch", "T") == 2);
  CHECK(agree("Frimodt-Møller", "N", "Frimodt-Moller", "N") == 2);
  CHECK(agree("Cobano?lu", "U", "Cobanoglu", "U") == 2);
  CHECK(agree("Jooa Julia", "Lee", "Lee", "J.J.") == 1); // family and given swapped
  CHECK(agree("Carignani", "Andrea", "Andrea", "C.") == 1);
  CHECK(agree("Rosa", "U", "Bouros", "D") == -1);
  CHECK(agree("Botton", "T", "Bottone", "T") == 1); // prefix: a truncated name, weak
  CHECK(agree("Wang", "X.", "Wang", "Li") == 2);
}

TEST_CASE("journal names match their abbreviations, run-together forms and acronyms", "[dedup]")
{
  auto words = [](const char* j) { return *f(test::article(1, "t", "", 2000, j)).journal; };
  CHECK(journal_match(words("Dtsch-Med-Wochenschr"), words("Deutsche Medizinische Wochenschrift")));
  CHECK(journal_match(words("Jthoraccardiovascsurg"), words("The Journal of thoracic and cardiovascular surgery")));
  CHECK(journal_match(words("ICIS : Transforming Society with Digital Innovation"),
                      words("International Conference on Information Systems")));
  CHECK(journal_match(words("2007 International Conference on Service Systems and Service Management"),
                      words("INTERNATIONAL CONFERENCE ON SERVICE SYSTEMS AND SERVICE MANAGEMENT, VOLS 1-3")));
  CHECK(journal_match(words("Paediatric Anaesthesia"), words("Pediatric Anesthesia")));
  CHECK_FALSE(journal_match(words("Annals of Internal Medicine"), words("ACP Journal Club")));
  CHECK_FALSE(journal_match(words("Thorax"), words("Journal of Thoracic Oncology")));
}

TEST_CASE("records share journal names, not the absence of one", "[dedup]")
{
  JournalCache cache; // as in a run: equal names share one list of words
  auto a = features(test::article(1, "t", "A", 2018, "International Conference on Information Systems"), cache);
  auto b = features(test::article(2, "t", "A", 2018, "Hawaii International Conference on System Sciences"), cache);
  auto c = features(test::article(3, "t", "A", 2018, "International Conference on Information Systems"), cache);
  CHECK(a.journal_abbrev == b.journal_abbrev); // both without an abbreviation
  CHECK(journal_agreement(a, b) == -1);
  CHECK(journal_agreement(a, c) == 1);
  CHECK(journal_agreement(a, features(test::article(4, "t", "A", 2018), cache)) == 0);
}

TEST_CASE("pages agree on a common range start and overlapping ranges are no conflict", "[dedup]")
{
  auto pages = [](const char* p) { return f(test::article(1, "t", "A", 2000, "J", "1", p)); };
  CHECK(page_agreement(pages("233-238+230-235+246-251"), pages("230-5, 246-51, 233-8")) == 1);
  CHECK(page_agreement(pages("678-684"), pages("676-682")) == 0);
  CHECK(page_agreement(pages("1262-1268"), pages("S33-38")) == -1);
  CHECK(page_agreement(pages("01-Sep"), pages("515-523")) == -1); // 1-9 online first
  CHECK(page_agreement(pages("JC6-9"), pages("08-Aug")) == -1);
  CHECK(same_page_range(pages("47--65"), pages("47-65")));
  CHECK_FALSE(same_page_range(pages("47"), pages("47")));
}

TEST_CASE("a title contained in another is evidence only with an identifier or a place", "[dedup]")
{
  auto a = test::article(1, "Diminished control in crowdsourcing", "Gould", 2016,
                         "ACM Transactions on Computer-Human Interaction", "23", "1--29");
  auto b = test::article(2,
                         "Diminished control in crowdsourcing: An investigation of crowdworker "
                         "multitasking behavior",
                         "Gould", 2016, "ACM Transactions on Computer-Human Interaction", "23", "1-29");
  CHECK(title_contained(f(a), f(b), 3));
  CHECK_FALSE(title_contained(f(a), f(b), 4));
  auto c = cmp(a, b);
  CHECK(c.verdict == Verdict::same);
  CHECK(c.evidence == "place: title 0.56, year, first author, journal, volume, pages 1--29, title contained");
  // Without the page range: left for review.
  a.pages.clear();
  CHECK(cmp(a, b).verdict == Verdict::uncertain);
  // With one DOI: the same item.
  a.doi = b.doi = "10.1145/2928269";
  CHECK(cmp(a, b).evidence == "doi; title contained");
}

TEST_CASE("a translated title joins on the place of publication only", "[dedup]")
{
  auto en = test::article(1,
                          "Platform economy and crowdworking as challenges for the german model "
                          "of industrial relations",
                          "Greef", 2020, "Industrielle Beziehungen", "27", "205--226");
  auto de = test::article(2,
                          "Plattformökonomie und Crowdworking als Herausforderungen für das "
                          "deutsche Modell der Arbeitsbeziehungen",
                          "Greef", 2020, "Industrielle Beziehungen", "27", "205 -- 226");
  CHECK(cmp(en, de).verdict == Verdict::same);
  CHECK(cmp(en, de).evidence.find("title translated") != std::string::npos);
  // Two English titles at the same pages of one volume: a journal that numbers pages per
  // issue, two papers. Never joined on the place alone.
  auto one = test::article(1,
                           "The Commodification of Digital Labor in the Gig Economy: Online "
                           "Outsourcing and Insecure Employment",
                           "Durlauf", 2019, "Psychosociological Issues in Human Resource Management", "7", "54--59");
  auto two = test::article(2,
                           "Big Data Analytics in Human Resource Management: Automated "
                           "Decision-Making Processes and Predictive Hiring",
                           "Durlauf", 2019, "Psychosociological Issues in Human Resource Management", "7", "54--59");
  CHECK(cmp(one, two).verdict == Verdict::different);
}

TEST_CASE("an identifier with the same title overrides conflicting volume and pages", "[dedup]")
{
  auto a = test::article(1, "The mediated effects of social support in professional online communities", "Ihl", 2020,
                         "Computers in Human Behavior", "113", "11", "10.1016/j.chb.2020.106482");
  auto b = test::article(2, "The mediated effects of social support in professional online communities", "Ihl", 2020,
                         "Computers in Human Behavior", "113", "106482", "10.1016/j.chb.2020.106482");
  CHECK(veto_reason(a, f(a), b, f(b), {}).empty());
  CHECK(cmp(a, b).verdict == Verdict::same);
  // Different titles under one DOI (a supplement's DOI): pages still keep them apart.
  auto c = b;
  c.title = "Gut microbiota in mice fed a high fat diet";
  CHECK(veto_reason(a, f(a), c, f(c), {}) == "different pages");
}

TEST_CASE("a lost volume does not veto an otherwise identical citation", "[dedup]")
{
  const char* title = "A DPP-4 inhibitor but not incretins suppresses the progression of abdominal aorta aneurysms";
  auto a = test::article(1, title, "Kohashi", 2015, "Diabetes", "1", "A134");
  auto b = test::article(2, title, "Kohashi", 2015, "Diabetes", "64", "A134");
  CHECK(veto_reason(a, f(a), b, f(b), {}).empty());
  CHECK(cmp(a, b).verdict == Verdict::same);
  // A short title, another first page or another year: the volume vetoes.
  auto shortened = a;
  shortened.title = "Aortic aneurysms in mice";
  auto short_b = b;
  short_b.title = shortened.title;
  CHECK(veto_reason(shortened, f(shortened), short_b, f(short_b), {}) == "different volume");
  b.pages = "A135";
  CHECK(veto_reason(a, f(a), b, f(b), {}) == "different volume");
}

TEST_CASE("notes and annotations in titles do not hide a duplicate", "[dedup]")
{
  auto a = test::article(1, "U.K. controlled trial of intrapleural streptokinase for pleural infection", "Maskell",
                         2005, "New England Journal of Medicine", "352", "865-874");
  auto b = test::article(2,
                         "U.K. Controlled trial of intrapleural streptokinase for pleural infection."
                         "[Erratum appears in N Engl J Med. 2005 May 19;352(20):2146]",
                         "Maskell", 2005, "N Engl J Med", "352", "865");
  CHECK(cmp(a, b).verdict == Verdict::same);
  auto fr = test::article(3, "Cardiovascular effects of DPP-4 inhibitors. [French]", "Verges", 2013,
                          "Medecine des Maladies Metaboliques", "7", "251-255");
  auto plain = test::article(4, "Cardiovascular effects of DPP-4 inhibitors", "Verges", 2013,
                             "Medecine des Maladies Metaboliques", "7", "251-255");
  CHECK(cmp(fr, plain).verdict == Verdict::same);
  // A notice titled after its article stays a notice.
  auto notice = test::article(5, "Cardiovascular effects of DPP-4 inhibitors [Erratum]", "Verges", 2013,
                              "Medecine des Maladies Metaboliques", "7", "251-255");
  CHECK(f(notice).kind == Kind::erratum);
  CHECK(cmp(notice, plain).veto);
}

TEST_CASE("copies of one record join, however little else they give", "[dedup]")
{
  auto a = test::article(1, "Standardization in action", "Cordella", 2004);
  a.pages = "405--418";
  auto b = a;
  b.id = 2;
  CHECK(cmp(a, b).evidence == "identical");
  // A long title alone is enough; a short one is not.
  auto lone = test::article(3, "Proceedings of the Annual Hawaii International Conference on System Sciences", "", 0);
  lone.year.reset();
  auto lone2 = lone;
  lone2.id = 4;
  CHECK(cmp(lone, lone2).verdict == Verdict::same);
  auto editorial = test::article(5, "Editorial", "", 2015);
  auto editorial2 = editorial;
  editorial2.id = 6;
  CHECK(cmp(editorial, editorial2).verdict != Verdict::same);
  // Not a copy: one field differs.
  b.year = 2005;
  CHECK(cmp(a, b).evidence != "identical");
}

TEST_CASE("recurring columns of different issues stay apart", "[dedup]")
{
  auto column = [](std::int64_t id, const char* issue, const char* pages) {
    auto r = test::article(id, "Editor's Comments", "Weber", 2003, "MIS Quarterly", "27", pages);
    r.issue = issue;
    return r;
  };
  CHECK(cmp(column(1, "2", "iii--xi"), column(2, "3", "iii-xii")).verdict != Verdict::same);
  CHECK(cmp(column(1, "1", ""), column(2, "2", "")).verdict != Verdict::same);
  CHECK(cmp(column(1, "2", "iii--xi"), column(2, "2", "iii-xi")).verdict == Verdict::same);
  CHECK(cmp(column(1, "1", ""), column(2, "1", "")).verdict == Verdict::same);
  // A typo in a column's title: the same page range of the volume still tells.
  auto review = column(1, "2", "iii--xi");
  review.title = "Editor's Comments: The Year in Review";
  auto typo = column(2, "2", "iii-xi");
  typo.title = "Editor's Commemts: The Year in Review";
  CHECK(cmp(review, typo).verdict == Verdict::same);
  typo.issue = "3";
  CHECK(cmp(review, typo).verdict != Verdict::same);
  // Front matter pages are not body pages.
  CHECK(page_agreement(f(column(1, "2", "iii-xi")), f(column(2, "2", "3-11"))) == -1);
}

TEST_CASE("two DOIs do not veto an otherwise identical citation", "[dedup]")
{
  const char* title = "Liraglutide and linagliptin improves glycemic control in a novel hamster model of obesity";
  auto a = test::article(1, title, "Hansen", 2012, "Appetite", "59", "e24", "10.1016/j.regpep.2012.05.039");
  auto b = test::article(2, title, "Hansen", 2012, "Appetite", "59", "e24", "10.1016/j.appet.2012.05.003");
  CHECK(veto_reason(a, f(a), b, f(b), {}).empty());
  CHECK(cmp(a, b).verdict == Verdict::same);
  // Another first page, another year or a shorter title: the DOIs veto.
  auto other_page = b;
  other_page.pages = "e25";
  CHECK(veto_reason(a, f(a), other_page, f(other_page), {}) == "different doi");
  auto other_year = b;
  other_year.year = 2013;
  CHECK(veto_reason(a, f(a), other_year, f(other_year), {}) == "different doi");
  auto short_a = a;
  short_a.title = "Liraglutide in hamsters";
  auto short_b = b;
  short_b.title = short_a.title;
  CHECK(veto_reason(short_a, f(short_a), short_b, f(short_b), {}) == "different doi");
}

TEST_CASE("a supplement number given as the volume is no volume conflict", "[dedup]")
{
  const char* title = "Glucagon-like peptide-1 receptor is expressed in atherosclerotic vascular lesions";
  auto a = test::article(1, title, "Stahle", 2015, "European Heart Journal Cardiovascular Imaging", "1");
  auto b = test::article(2, title, "Stahle", 2015, "European Heart Journal Cardiovascular Imaging", "16");
  CHECK(veto_reason(a, f(a), b, f(b), {}) == "different volume");
  b.issue = "SUPPL. 1";
  CHECK(veto_reason(a, f(a), b, f(b), {}).empty());
  b.issue = "Suppl 2";
  CHECK(veto_reason(a, f(a), b, f(b), {}) == "different volume");
}

TEST_CASE("a name written twice or run together is still the first author", "[dedup]")
{
  // CAB Abstracts writes "Du LanFang, Du LanFang" (family name first, twice); another
  // database "Du, L.".
  auto cab = test::article(1, "Prevalence of gambling disorder among university students in China", "", 2019,
                           "Chinese Mental Health Journal", "33", "612-617");
  cab.authors = {Author{"Du LanFang", "Du LanFang"}, Author{"Du LanFang", "Du LanFang"},
                 Author{"Wang Hui", "Wang Hui"}};
  auto other = with_author(cab, "Du", "L.");
  other.id = 2;
  other.authors.push_back(Author{"Wang", "H."});
  CHECK(f(cab).first_author == "du");
  CHECK(f(cab).authors.size() == 2);
  CHECK(author_agreement(f(cab), f(other)) == 2);
  CHECK(cmp(cab, other).verdict == Verdict::same);
  // An EndNote export: "J., Selkoe D. J.Hardy" (an initial as the family name, the next
  // author run into the given names).
  auto garbled = with_author(test::article(3, "The amyloid hypothesis of Alzheimer's disease at 25 years", "", 2016,
                                           "EMBO Mol Med", "8", "595-608"),
                             "J.", "Selkoe D. J.Hardy");
  auto clean = with_author(garbled, "Selkoe", "Dennis J.");
  clean.id = 4;
  clean.journal = "EMBO Molecular Medicine";
  CHECK(f(garbled).first_author == "selkoe");
  CHECK(cmp(garbled, clean).verdict == Verdict::same);
}

TEST_CASE("a journal article and a book chapter need more than title, year and first author", "[dedup]")
{
  auto article = test::article(1, "Gambling harm and the public health approach in Australia", "Browne", 2019,
                               "Journal of Gambling Studies", "35", "");
  auto chapter = test::article(2, "Gambling harm and the public health approach in Australia", "Browne", 2019,
                               "Gambling Disorder", "", "117-136");
  chapter.type = "book-chapter";
  auto c = cmp(article, chapter);
  CHECK(c.verdict == Verdict::uncertain);
  // The same chapter from two databases is still one item.
  auto again = chapter;
  again.id = 3;
  again.journal = "Gambling disorder (Springer)";
  again.pages = "117-36";
  CHECK(cmp(chapter, again).verdict == Verdict::same);
}

TEST_CASE("first authors that differ do not keep a pair out of review", "[dedup]")
{
  // Two letters under one heading, or a name an export garbled: title, year, journal,
  // volume and pages agree, the first authors do not. A person decides.
  auto a = test::article(1, "A trial of intrapleural streptokinase", "Rosa", 2005, "New England Journal of Medicine",
                         "352", "2243-2245");
  auto b = test::article(2, "A trial of intrapleural streptokinase", "Bouros", 2005, "N Engl J Med", "352", "2243-5");
  auto c = cmp(a, b);
  CHECK(c.verdict == Verdict::uncertain);
  CHECK(c.evidence == "fields: title 1.00, year, journal, volume, pages");
  // Without the journal's place, a shared title is not enough to ask.
  b.volume.clear();
  b.pages.clear();
  CHECK(cmp(a, b).verdict == Verdict::different);
}

TEST_CASE("ordinary noise: an article number against pages 1-N, a name in the other order", "[dedup]")
{
  auto numbered = test::article(1, "Loot boxes and problem gambling among adolescents in Denmark", "Kristiansen", 2021,
                                "Addiction", "116", "e12724");
  auto paged = test::article(2, "Loot boxes and problem gambling among adolescents in Denmark", "Kristiansen", 2021,
                             "Addiction", "116", "1-6");
  CHECK(page_agreement(f(numbered), f(paged)) == 0);
  CHECK(cmp(numbered, paged).verdict == Verdict::same);
  // Page 2 onwards is a place in the issue: still a conflict.
  paged.pages = "2-8";
  CHECK(page_agreement(f(numbered), f(paged)) == -1);

  // "Xi, L F" in one database, "Long, F X" in another: one name, family name first or last.
  auto a = with_author(test::article(3, "Gambling disorder among university students in Guangzhou", "", 2020,
                                     "Chinese Mental Health Journal", "34", "101-105"),
                       "Xi", "L F");
  auto b = with_author(a, "Long", "F X");
  b.id = 4;
  CHECK(author_agreement(f(a), f(b)) == 1);
  CHECK(cmp(a, b).verdict == Verdict::same);
  auto c = with_author(a, "Long", "F Y");
  CHECK(author_agreement(f(a), f(c)) == -1);
}

TEST_CASE("two DOIs under one title, first author and journal a year apart go to review", "[dedup]")
{
  // digital_work 1003663 / 1003664: Journal of Information Technology printed the article
  // twice (2009 24:46-54 and 2010 25:56-64), each with its own DOI. Not merged by rule, not
  // left apart silently: a person decides.
  const char* title = "Sponsorship and IT vendor management of projects";
  auto a =
    test::article(1, title, "Liu", 2009, "Journal of Information Technology", "24", "46--54", "10.1057/jit.2009.2");
  auto b =
    test::article(2, title, "Liu", 2010, "Journal of Information Technology", "25", "56--64", "10.1057/jit.2008.23");
  CHECK(veto_reason(a, f(a), b, f(b), {}) == "different doi");
  auto c = cmp(a, b);
  CHECK(c.verdict == Verdict::uncertain);
  CHECK(c.evidence == "different doi; fields: title 1.00, year within one, first author, journal");
  // Another first author, another journal or two years apart: the DOIs keep them apart.
  auto other_author = with_author(b, "Lin", "A");
  CHECK(cmp(a, other_author).verdict == Verdict::different);
  auto other_journal = b;
  other_journal.journal = "European Journal of Information Systems";
  CHECK(cmp(a, other_journal).verdict == Verdict::different);
  auto later = b;
  later.year = 2011;
  CHECK(cmp(a, later).verdict == Verdict::different);
  // A reprint keeps its length: another number of pages (an introduction to the special
  // section of each year, a one-page correction) or no pages, and the DOIs keep them apart.
  auto shorter = b;
  shorter.pages = "56--60";
  CHECK(cmp(a, shorter).verdict == Verdict::different);
  auto unpaged = b;
  unpaged.pages.clear();
  CHECK(cmp(a, unpaged).verdict == Verdict::different);
}

TEST_CASE("a title inside the other with the same first author, year and journal is one item", "[dedup]")
{
  // digital_work 2002950 / 4002951: one database kept Harvard Business Review's kicker
  // ("How did it ...") before the title; the other gave the year as the volume and no pages.
  auto a = test::article(1, "Upwork\u2019s CEO on how an introverted engineer learned to lead", "Kasriel", 2016,
                         "Harvard Business Review", "2016", "");
  auto b = test::article(2, "How did it ... Upwork's CEO on how an introverted engineer learned to lead", "Kasriel",
                         2016, "Harvard Business Review", "94", "35+");
  auto c = cmp(a, b);
  CHECK(c.verdict == Verdict::same);
  CHECK(c.evidence == "fields: title 0.92, year, first author, journal, title contained");
  // A year apart, another first author or another journal: a person decides, as before.
  auto later = b;
  later.year = 2017;
  CHECK(cmp(a, later).verdict == Verdict::uncertain);
  auto other_journal = b;
  other_journal.journal = "MIT Sloan Management Review";
  CHECK(cmp(a, other_journal).verdict == Verdict::uncertain);
  // A short title inside a longer one is not specific enough.
  auto short_a = test::article(3, "Leading remote teams", "Kasriel", 2016, "Harvard Business Review");
  auto short_b = test::article(4, "Leading remote teams: what we learned", "Kasriel", 2016, "Harvard Business Review");
  CHECK(cmp(short_a, short_b).verdict != Verdict::same);
}
