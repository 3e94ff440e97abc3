// Stage lists as decisions (issue 10, item 4): the labels of screening tools' exports and the
// matching of a list's records to the project's clusters. Pure logic, no I/O.
#include "dedup/records.hpp"

#include "synth/project/stage_list.hpp"

#include <catch2/catch.hpp>

using namespace synth;
using namespace synth::project;
using synth::test::article;

namespace {

std::vector<StoreRecord> store_of(const std::vector<Record>& records, const std::vector<std::int64_t>& kept)
{
  std::vector<StoreRecord> out;
  for (std::size_t i = 0; i < records.size(); ++i) {
    out.push_back({&records[i], kept[i]});
  }
  return out;
}

Record listed(Record r)
{
  r.id = 0;
  r.source = "screened_128";
  r.source_id.clear();
  return r;
}

} // namespace

TEST_CASE("the label column of an ASReview export depends on the stage", "[passed]")
{
  std::vector<std::string> nagtegaal = {
    "record_id", "title", "abstract", "label_included", "label_abstract_screening", "duplicate_record_id"};
  auto ta = find_label_column(nagtegaal, false);
  REQUIRE(ta);
  CHECK(ta->name == "label_abstract_screening");
  CHECK(ta->index == 4);
  auto ft = find_label_column(nagtegaal, true);
  REQUIRE(ft);
  CHECK(ft->name == "label_included");
  CHECK(ft->index == 3);

  // ASReview's own export: asreview_label (v1) or included (v0).
  auto v1 = find_label_column({"record_id", "title", "asreview_label", "asreview_ranking"}, false);
  REQUIRE(v1);
  CHECK(v1->name == "asreview_label");
  auto v0 = find_label_column({"Title", "Included"}, true);
  REQUIRE(v0);
  CHECK(v0->name == "Included");
  CHECK(v0->kind == LabelColumn::Kind::number);

  // Rayyan: its notes column, when nothing else carries labels.
  auto rayyan = find_label_column({"key", "title", "authors", "notes"}, false);
  REQUIRE(rayyan);
  CHECK(rayyan->kind == LabelColumn::Kind::rayyan);

  // A plain list (Zotero CSV): no labels, every record passed.
  CHECK_FALSE(find_label_column({"Key", "Item Type", "Title", "DOI"}, true));
}

TEST_CASE("ASReview labels: 1 passed, 0 excluded, -1 or empty undecided, anything else an error", "[passed]")
{
  LabelColumn c{2, LabelColumn::Kind::number, "asreview_label"};
  std::string error;
  CHECK(parse_label(c, "1", error) == Label::passed);
  CHECK(parse_label(c, " 0 ", error) == Label::excluded);
  CHECK(parse_label(c, "1.0", error) == Label::passed);
  CHECK(parse_label(c, "-1", error) == Label::undecided);
  CHECK(parse_label(c, "", error) == Label::undecided);
  CHECK(error.empty());
  CHECK(parse_label(c, "2", error) == Label::undecided);
  CHECK(error == "asreview_label '2' is not 1, 0, -1 or empty");
  CHECK(parse_label(c, "yes", error) == Label::undecided);
  CHECK(error == "asreview_label 'yes' is not 1, 0, -1 or empty");
}

TEST_CASE("Rayyan's RAYYAN-INCLUSION: every reviewer must agree", "[passed]")
{
  CHECK(rayyan_label(R"(RAYYAN-INCLUSION: {"Ana"=>"Included"})") == Label::passed);
  CHECK(rayyan_label(R"(RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Included"} | RAYYAN-LABELS: RCT)")
        == Label::passed);
  CHECK(rayyan_label(R"(RAYYAN-INCLUSION: {"Ana"=>"Excluded", "Ben"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS: )"
                     R"(wrong population)")
        == Label::excluded);
  CHECK(rayyan_label(R"(RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Excluded"})") == Label::undecided);
  CHECK(rayyan_label(R"(RAYYAN-INCLUSION: {"Ana"=>"Maybe"})") == Label::undecided);
  CHECK(rayyan_label("RAYYAN-LABELS: RCT") == Label::undecided);
  CHECK(rayyan_label("") == Label::undecided);
  CHECK(rayyan_label(R"(RAYYAN-INCLUSION: {"Ana"=>"Incl)") == Label::undecided);
}

TEST_CASE("a list's records match clusters by DOI, PMID, source id, then fields", "[passed]")
{
  std::vector<Record> store = {
    article(1, "Wildfire smoke exposure and respiratory health outcomes in children", "Reid", 2016,
            "Environmental Health Perspectives", "124", "1334-1343", "10.1289/ehp.1409277"),
    // 2 is a duplicate of 1 kept apart from nothing: it belongs to cluster 1.
    article(2, "Wildfire smoke exposure and respiratory health outcomes in children.", "Reid", 2016,
            "Environ Health Perspect", "124", "1334-43", "10.1289/ehp.1409277"),
    article(3, "Mental health after bushfires: a systematic review of the long term outcomes", "Bryant", 2018,
            "Australian and New Zealand Journal of Psychiatry", "52", "542-551"),
    article(4, "Economic costs of wildland fires in the western United States: a review", "Thomas", 2017,
            "Forest Policy and Economics", "77", "1-10"),
  };
  store[2].pmid = "29313373";
  std::vector<std::int64_t> kept = {1, 1, 3, 4};
  auto in_store = store_of(store, kept);

  Record by_doi = listed(store[1]);
  Record by_pmid = listed(store[2]);
  by_pmid.title = "Mental health after bushfires: a systematic review"; // shortened by the export
  Record by_id = listed(store[3]);
  by_id.source = "test";
  by_id.source_id = "4";
  by_id.title = "Costs of fires";
  Record by_fields = listed(store[3]);
  by_fields.source_id.clear();
  Record nothing = article(0, "Seed dormancy and fire: bet-hedging strategies in Mediterranean plants", "Pausas", 2022,
                           "New Phytologist", "236", "1232-1236");
  auto m = match_list(in_store, {by_doi, by_pmid, by_id, by_fields, nothing});
  REQUIRE(m.size() == 5);
  CHECK(m[0].status == ListMatch::Status::matched);
  CHECK(m[0].kept_id == 1);
  CHECK(m[0].how == "doi");
  CHECK(m[1].status == ListMatch::Status::matched);
  CHECK(m[1].kept_id == 3);
  CHECK(m[1].how == "pmid");
  CHECK(m[2].status == ListMatch::Status::matched);
  CHECK(m[2].kept_id == 4);
  CHECK(m[2].how == "source id");
  CHECK(m[3].status == ListMatch::Status::matched);
  CHECK(m[3].kept_id == 4);
  CHECK(m[3].how.rfind("fields", 0) == 0);
  CHECK(m[4].status == ListMatch::Status::unmatched);
  CHECK(m[4].candidates.empty());
}

TEST_CASE("a list record that matches two clusters is ambiguous and names both", "[passed]")
{
  // The same article twice, kept apart (as dedup leaves them when a reviewer said
  // "different"): a list naming it cannot say which one passed.
  std::vector<Record> store = {
    article(5, "Wildfire smoke exposure and respiratory health outcomes in children", "Reid", 2016,
            "Environmental Health Perspectives", "124", "1334-1343", "10.1289/ehp.1409277"),
    article(9, "Wildfire smoke exposure and respiratory health outcomes in children", "Reid", 2016,
            "Environmental Health Perspectives", "124", "1334-1343", "10.1289/ehp.1409277"),
  };
  auto in_store = store_of(store, {5, 9});
  auto m = match_list(in_store, {listed(store[0])});
  REQUIRE(m.size() == 1);
  CHECK(m[0].status == ListMatch::Status::ambiguous);
  CHECK(m[0].candidates == std::vector<std::int64_t>{5, 9});
  CHECK(m[0].how == "doi");
}

TEST_CASE("an erratum sharing the article's DOI is not the article", "[passed]")
{
  std::vector<Record> store = {
    article(1, "Wildfire smoke exposure and respiratory health outcomes in children", "Reid", 2016,
            "Environmental Health Perspectives", "124", "1334-1343", "10.1289/ehp.1409277"),
    article(2, "Erratum: Wildfire smoke exposure and respiratory health outcomes in children", "Reid", 2016,
            "Environmental Health Perspectives", "124", "1500", "10.1289/ehp.1409277"),
  };
  store[1].type = "erratum";
  auto in_store = store_of(store, {1, 2});
  auto m = match_list(in_store, {listed(store[0])});
  REQUIRE(m.size() == 1);
  CHECK(m[0].status == ListMatch::Status::matched);
  CHECK(m[0].kept_id == 1);
}
