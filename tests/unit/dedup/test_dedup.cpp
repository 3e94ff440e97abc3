#include "records.hpp"

#include "synth/dedup/dedup.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace synth;
using namespace synth::dedup;

namespace {

std::map<std::int64_t, std::int64_t> clusters_of(const Result& r)
{
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& m : r.members) {
    out[m.record_id] = m.cluster_id;
  }
  return out;
}

const Membership& member(const Result& r, std::int64_t id)
{
  return *std::find_if(r.members.begin(), r.members.end(), [id](const Membership& m) { return m.record_id == id; });
}

} // namespace

TEST_CASE("records with the same DOI form one cluster kept under the smallest id", "[dedup]")
{
  std::vector<Record> recs = {test::article(7, "Helping relationships in mental health services", "Topor", 2013,
                                            "Psychiatr Q", "86", "471-95", "10.1007/s11126-015-9347-5"),
                              test::article(3, "Helping relationships in mental health services.", "Topor", 2013,
                                            "Psychiatric Quarterly", "86", "471-495", "10.1007/s11126-015-9347-5"),
                              test::article(5, "Gut microbiota in mice", "Smith", 2010, "Nature", "1", "1-2")};
  auto r = deduplicate(recs);
  auto c = clusters_of(r);
  CHECK(c[7] == 3);
  CHECK(c[3] == 3);
  CHECK(c[5] == 5);
  CHECK(member(r, 3).kept);
  CHECK_FALSE(member(r, 7).kept);
  CHECK(member(r, 7).evidence == "3: doi");
  CHECK(r.unique == 2);
  REQUIRE(r.merged.size() == 1);
  CHECK(r.merged[0].cluster_id == 3);
  auto journal = std::find_if(r.merged[0].fields.begin(), r.merged[0].fields.end(),
                              [](const MergedField& f) { return f.field == "journal"; });
  REQUIRE(journal != r.merged[0].fields.end());
  CHECK(journal->value == "Psychiatric Quarterly");
  CHECK(journal->from == 3);
}

TEST_CASE("normalised fields match without identifiers", "[dedup]")
{
  std::vector<Record> recs = {test::article(1, "Perioperative nutritional support in patients undergoing hepatectomy",
                                            "Ziegler", 1996, "Jpen: Journal of Parenteral & Enteral Nutrition", "20",
                                            "91-92"),
                              test::article(2, "PERIOPERATIVE NUTRITIONAL SUPPORT IN PATIENTS UNDERGOING HEPATECTOMY.",
                                            "Ziegler", 1996, "JPEN J Parenter Enteral Nutr", "20", "91-2")};
  auto r = deduplicate(recs);
  CHECK(clusters_of(r)[2] == 1);
  CHECK(member(r, 2).evidence == "1: fields: title 1.00, year, first author, journal, volume, pages");
}

TEST_CASE("notices, comments, conference abstracts and parts are never merged", "[dedup]")
{
  auto base = test::article(1, "Effect of exercise on depression in older adults", "Lee", 2010, "BMJ", "340", "c123",
                            "10.1136/bmj.c123");
  SECTION("erratum sharing the DOI")
  {
    auto erratum = test::article(2, "Erratum: Effect of exercise on depression in older adults", "Lee", 2010, "BMJ",
                                 "340", "c123", "10.1136/bmj.c123");
    CHECK(deduplicate({base, erratum}).unique == 2);
  }
  SECTION("comment recognised by its title, sharing the DOI")
  {
    auto comment = test::article(2, "Comment on: Effect of exercise on depression in older adults", "Lee", 2010, "BMJ",
                                 "340", "c123", "10.1136/bmj.c123");
    CHECK(deduplicate({base, comment}).unique == 2);
  }
  SECTION("a notice titled \"...\": Correction. (PsycINFO)")
  {
    auto notice = test::article(2, "\"Effect of exercise on depression in older adults\": Correction.", "Lee", 2010,
                                "BMJ", "340", "c123", "10.1136/bmj.c123");
    CHECK(features(notice).kind == Kind::erratum);
    CHECK(deduplicate({base, notice}).unique == 2);
  }
  SECTION("a comment with a DOI of its own, typed comment")
  {
    auto comment = test::article(2, "Effect of exercise on depression in older adults", "Lee", 2010, "BMJ", "340",
                                 "c400", "10.1136/bmj.c400");
    comment.type = "comment";
    CHECK(deduplicate({base, comment}).unique == 2);
  }
  SECTION("conference abstract and the later article; merged only when configured")
  {
    auto abstract =
      test::article(2, "Effect of exercise on depression in older adults", "Lee", 2009, "Eur Psychiatry", "24", "S12");
    abstract.type = "conference";
    CHECK(deduplicate({base, abstract}).unique == 2);
    auto undated = test::article(2, "Effect of exercise on depression in older adults", "Lee", 2010, "Eur Psychiatry");
    undated.type = "conference";
    Options merge;
    merge.merge_conference_with_article = true;
    CHECK(deduplicate({base, undated}).unique == 2);
    CHECK(deduplicate({base, undated}, merge).unique == 1);
    // One database indexes the item as a conference abstract, another as an article:
    // same year and same first page make it one item.
    auto indexed = base;
    indexed.id = 2;
    indexed.type = "conference";
    indexed.doi.clear();
    CHECK(deduplicate({base, indexed}).unique == 1);
  }
  SECTION("parts of a multi-part study")
  {
    auto p1 = test::article(1, "Recovery in schizophrenia, part 1: a qualitative study", "Lee", 2010, "Schizophr Bull",
                            "36", "100-110");
    auto p2 = test::article(2, "Recovery in schizophrenia, part 2: a qualitative study", "Lee", 2010, "Schizophr Bull",
                            "36", "111-120");
    auto p2b = test::article(3, "Recovery in schizophrenia, part II: a qualitative study", "Lee", 2010,
                             "Schizophrenia Bulletin", "36", "111-20");
    auto r = deduplicate({p1, p2, p2b});
    CHECK(r.unique == 2);
    CHECK(clusters_of(r)[3] == 2);
  }
}

TEST_CASE("a publication type from one database never vetoes a merge by itself", "[dedup]")
{
  // Scopus types the item "Note" (normalised: comment), PubMed "Journal Article": the same
  // DOI, title, volume and pages are one item.
  auto pubmed = test::article(1, "Gambling harms and the prevention paradox", "Delfabbro", 2020,
                              "Addiction Research & Theory", "28", "451-452", "10.1080/16066359.2019.1683339");
  auto scopus = test::article(2, "Gambling harms and the prevention paradox", "Delfabbro", 2020, "Addict. Res. Theory",
                              "28", "451-452", "10.1080/16066359.2019.1683339");
  scopus.type = "comment";
  auto r = deduplicate({pubmed, scopus});
  CHECK(r.unique == 1);
  CHECK(member(r, 2).evidence == "1: doi");
  // Scopus "Erratum", "Letter": the same.
  scopus.type = "erratum";
  CHECK(deduplicate({pubmed, scopus}).unique == 1);
  scopus.type = "letter";
  CHECK(deduplicate({pubmed, scopus}).unique == 1);
  // One PubMed search as nbib (typed letter) and as CSV (untyped): one PMID, one title.
  auto nbib = test::article(3, "Sports betting and young men", "Nyemcsok", 2023, "Lancet Public Health");
  nbib.pmid = "38043855";
  nbib.type = "letter";
  auto csv = nbib;
  csv.id = 4;
  csv.type.clear();
  csv.journal = "Lancet Public Health.";
  CHECK(deduplicate({nbib, csv}).unique == 1);
  // Without an identifier the fields agree but the types do not: a person decides.
  auto typed = test::article(5, "Gambling harms and the prevention paradox", "Delfabbro", 2020, "Addict Res Theory",
                             "28", "451-452");
  typed.type = "erratum";
  auto review = deduplicate({pubmed, typed});
  CHECK(review.unique == 2);
  REQUIRE(review.uncertain.size() == 1);
  CHECK(review.uncertain[0].evidence.rfind("typed article vs erratum; fields: title 1.00", 0) == 0);
}

TEST_CASE("a chain of likely pairs never joins two vetoed records", "[dedup]")
{
  // 2 matches 1 and 3 (no pages); 1 and 3 have different pages: two studies.
  auto a = test::article(1, "Quality of life after stroke: a cohort study of survivors", "Kim", 2012, "Stroke", "43",
                         "100-105");
  auto b = test::article(2, "Quality of life after stroke: a cohort study of survivors", "Kim", 2012, "Stroke", "43");
  auto c = test::article(3, "Quality of life after stroke: a cohort study of survivors", "Kim", 2012, "Stroke", "43",
                         "200-205");
  auto r = deduplicate({a, b, c});
  auto cl = clusters_of(r);
  CHECK(cl[1] != cl[3]);
  CHECK(r.unique == 2);
}

TEST_CASE("a conflict that a cluster already holds does not keep a record out of it", "[dedup]")
{
  // One supplement abstract: two exports with its DOI give pages 51 and 52 (joined by DOI
  // and title), two without a DOI give 51 and 52 as well. All four are one item.
  const char* title = "Effects of incretin on artery lesions in a model of atherosclerosis in mice";
  auto with_doi_51 = test::article(1, title, "Chen", 2014, "Diabetes Metab Res Rev", "30", "51", "10.1002/dmrr.2604");
  auto with_doi_52 = test::article(2, title, "Chen", 2014, "Diabetes Metab Res Rev", "30", "52", "10.1002/dmrr.2604");
  auto plain_51 = test::article(3, title, "Chen", 2014, "Diabetes Metab Res Rev", "30", "51");
  auto plain_52 = test::article(4, title, "Chen", 2014, "Diabetes Metab Res Rev", "30", "52");
  auto r = deduplicate({with_doi_51, with_doi_52, plain_51, plain_52});
  CHECK(r.unique == 1);
  // Without the records that show the conflict inside one item, pages 51 and 52 stay two
  // items (two parts, or two abstracts on consecutive pages).
  auto apart = deduplicate({plain_51, plain_52});
  CHECK(apart.unique == 2);
}

TEST_CASE("the middle band is left for review and decisions are applied", "[dedup]")
{
  auto a =
    test::article(1, "Peer support for people with severe mental illness", "Davidson", 2012, "Psychiatr Serv", "63");
  auto b = test::article(2, "Peer support for people with severe mental illness: a review", "Davidson", 2013);
  auto r = deduplicate({a, b});
  CHECK(r.unique == 2);
  REQUIRE(r.uncertain.size() == 1);
  CHECK(r.uncertain[0].a == 1);
  CHECK(r.uncertain[0].b == 2);

  auto same = deduplicate({a, b}, {}, {ReviewDecision{2, 1, true}});
  CHECK(same.unique == 1);
  CHECK(same.uncertain.empty());
  CHECK(member(same, 2).evidence == "1: review: same");

  auto different = deduplicate({a, b}, {}, {ReviewDecision{1, 2, false}});
  CHECK(different.unique == 2);
  CHECK(different.uncertain.empty());

  auto erratum = test::article(3, "Erratum: Peer support for people with severe mental illness", "Davidson", 2012);
  // A reviewer's "same" overrides every rule, even a veto.
  auto overridden = deduplicate({a, erratum}, {}, {ReviewDecision{1, 3, true}});
  CHECK(overridden.unique == 1);
  CHECK(overridden.decisions_vetoed == 0);
  CHECK(member(overridden, 3).evidence == "1: review: same");
  // Only the reviewers' own "different" keeps a "same" apart: 1 = 2 and 2 = 3, but 1 != 3.
  auto contradicted = deduplicate(
    {a, b, erratum}, {}, {ReviewDecision{1, 2, true}, ReviewDecision{2, 3, true}, ReviewDecision{1, 3, false}});
  CHECK(contradicted.unique == 2);
  CHECK(contradicted.decisions_vetoed == 1);
}

TEST_CASE("a pages or volume conflict against strong agreement goes to review, once per two clusters", "[dedup]")
{
  // The online-first copy (volume 32, pages N.PAG, 2016) and three copies of the print
  // article (volume 33, pages 115-129, 2017): one cluster of three, and the online copy
  // offered for review once, not silently apart.
  const char* title = "A prospective investigation of affect, the desire to gamble, and gambling motivations";
  auto print_a = test::article(1, title, "Goldstein", 2017, "Journal of Gambling Studies", "33", "115-129",
                               "10.1007/s10899-016-9616-8");
  auto print_b =
    test::article(2, title, "Goldstein", 2017, "J Gambl Stud", "33", "115-29", "10.1007/s10899-016-9616-8");
  auto print_c = test::article(3, title, "Goldstein", 2017, "Journal of Gambling Studies", "33", "115-129");
  auto online = test::article(4, title, "Goldstein", 2016, "Journal of Gambling Studies", "32", "1-15");
  auto r = deduplicate({print_a, print_b, print_c, online});
  CHECK(r.unique == 2);
  REQUIRE(r.uncertain.size() == 1);
  CHECK(r.uncertain[0].b == 4);
  CHECK(r.uncertain[0].evidence.rfind("different volume; fields: title 1.00, year within one, first author, journal", 0)
        == 0);
  // A "different" decision on one pair keeps the two clusters apart and off the list.
  auto apart = deduplicate({print_a, print_b, print_c, online}, {}, {ReviewDecision{1, 4, false}});
  CHECK(apart.unique == 2);
  CHECK(apart.uncertain.empty());
  // Parts of one study (other pages, another first author's turn) are not asked about.
  auto part = test::article(5, title, "Smith", 2017, "Journal of Gambling Studies", "33", "131-140");
  CHECK(deduplicate({print_a, part}).uncertain.empty());
}

TEST_CASE("the result does not depend on input order", "[dedup]")
{
  std::vector<Record> recs = {
    test::article(1, "Working alliance in community mental health care", "Priebe", 2005, "Br J Psychiatry", "187",
                  "438-9"),
    test::article(2, "Working alliance in community mental health care.", "Priebe", 2005,
                  "British Journal of Psychiatry", "187", "438-439"),
    test::article(3, "Working alliance in community mental health care", "Priebe", 2005, "BJP"),
    test::article(4, "Shared decision making in psychiatry", "Hamann", 2006, "Acta Psychiatr Scand", "114", "265-73")};
  auto forward = deduplicate(recs);
  std::reverse(recs.begin(), recs.end());
  auto backward = deduplicate(recs);
  CHECK(clusters_of(forward) == clusters_of(backward));
  CHECK(clusters_of(forward)[2] == 1);
  CHECK(clusters_of(forward)[3] == 1);
  CHECK(clusters_of(forward)[4] == 4);
}
