#include "records.hpp"

#include "synth/dedup/compare.hpp"
#include "synth/dedup/features.hpp"

#include <catch2/catch.hpp>

using namespace synth;
using namespace synth::dedup;

TEST_CASE("page ranges are normalised", "[dedup]")
{
  CHECK(normalise_pages("1112-9") == std::pair<std::string, std::string>{"1112", "1119"});
  CHECK(normalise_pages("1112-1119") == std::pair<std::string, std::string>{"1112", "1119"});
  CHECK(normalise_pages("47--65") == std::pair<std::string, std::string>{"47", "65"});
  CHECK(normalise_pages("e123") == std::pair<std::string, std::string>{"123", ""});
  CHECK(normalise_pages("S12-S15") == std::pair<std::string, std::string>{"12", "15"});
  CHECK(normalise_pages("221") == std::pair<std::string, std::string>{"221", ""});
  CHECK(normalise_pages("") == std::pair<std::string, std::string>{"", ""});
}

TEST_CASE("journal abbreviations match their full names", "[dedup]")
{
  auto words = [](const char* j) { return *features(test::article(1, "t", "", 2000, j)).journal; };
  CHECK(journal_match(words("J Orthop Trauma"), words("Journal of Orthopaedic Trauma")));
  CHECK(journal_match(words("JPEN. Journal of parenteral and enteral nutrition"),
                      words("Jpen: Journal of Parenteral & Enteral Nutrition")));
  CHECK_FALSE(journal_match(words("J Orthop Res"), words("Journal of Orthopaedic Trauma")));
  CHECK_FALSE(journal_match(words("Lancet"), words("BMJ")));
}

TEST_CASE("titles are folded and notices recognised", "[dedup]")
{
  auto f = features(test::article(1, "<i>Über</i> die Größe: a Study.", "Müller", 2001));
  CHECK(f.title == "uber die grosse a study");
  CHECK(f.first_author == "muller");
  CHECK(f.kind == Kind::article);
  CHECK(features(test::article(1, "Erratum: Effect of X on Y", "A", 2001)).kind == Kind::erratum);
  CHECK(features(test::article(1, "Correction to: Effect of X on Y", "A", 2001)).kind == Kind::erratum);
  CHECK(features(test::article(1, "Correction of scoliosis in adults", "A", 2001)).kind == Kind::article);
  CHECK(features(test::article(1, "Retraction notice", "A", 2001)).kind == Kind::retraction);
  CHECK(features(test::article(1, "Comment on: Effect of X on Y", "A", 2001)).kind == Kind::comment);
  CHECK(features(test::article(1, "Re: Effect of X on Y", "A", 2001)).kind == Kind::comment);
  CHECK(features(test::article(1, "Re-evaluation of X", "A", 2001)).kind == Kind::article);
  CHECK(features(test::article(1, "Mental illness, part II: outcomes", "A", 2001)).part == 2);
  auto typed = test::article(1, "Effect of X on Y", "A", 2001);
  typed.type = "retraction";
  CHECK(features(typed).kind == Kind::retraction);
}

TEST_CASE("the bigram similarity of titles", "[dedup]")
{
  auto f = [](const char* t) { return features(test::article(1, t, "A", 2000)); };
  CHECK(dice(f("Effect of exercise on depression").bigrams, f("EFFECT OF EXERCISE ON DEPRESSION.").bigrams) == 1.0);
  double typo = dice(f("Effect of exercise on depression in older adults").bigrams,
                     f("Effect of exarcise on depression in older adults").bigrams);
  CHECK(typo > 0.9);
  CHECK(typo < 1.0);
  CHECK(dice(f("Effect of exercise on depression").bigrams, f("Gut microbiota in mice").bigrams) < 0.3);
}
