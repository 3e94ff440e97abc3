#include "bench_data.hpp"

#include "synth/store/store.hpp"

#include <fstream>
#include <random>

namespace bench {

namespace fs = std::filesystem;
using namespace synth;

namespace {

const std::vector<std::string> k_en = {
  "patients",     "mental", "illness",     "severe",      "schizophrenia", "care",        "services",   "relationship",
  "professional", "staff",  "study",       "experience",  "helpful",       "support",     "recovery",   "treatment",
  "community",    "health", "psychiatric", "therapeutic", "alliance",      "outcomes",    "nurses",     "clients",
  "users",        "the",    "of",          "and",         "with",          "in",          "for",        "was",
  "were",         "to",     "a",           "results",     "methods",       "qualitative", "interviews", "data"};
const std::vector<std::string> k_de = {"Patienten",  "psychischen", "Erkrankungen", "Beziehung", "Versorgung",
                                       "Studie",     "Erfahrungen", "und",          "der",       "die",
                                       "das",        "mit",         "wurden",       "schweren",  "Behandlung",
                                       "Ergebnisse", "zwischen",    "Pflege"};

std::string words(std::mt19937_64& rng, const std::vector<std::string>& vocab, int n)
{
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) {
      s += ' ';
    }
    s += vocab[rng() % vocab.size()];
  }
  return s;
}

} // namespace

std::vector<std::string> extraction_cells(const std::vector<std::string>& row,
                                          const std::vector<std::string>& criteria_columns)
{
  std::vector<std::string> cells;
  for (const auto& name : criteria_columns) {
    cells.push_back(name == "smi_participants" ? row[0]
                    : name == "participants"   ? row[1]
                    : name == "qualitative"    ? "yes"
                                               : "");
  }
  return cells;
}

Data make_data(std::size_t n)
{
  Data data;
  std::mt19937_64 rng(2015);
  data.records.resize(n);
  const char* other[] = {"ger", "fre", "spa", "swe", "nor", "dan", "ita"};
  const char* nonpeer[] = {"editorial", "letter", "comment", "news"};
  for (std::size_t i = 0; i < n; ++i) {
    Record& r = data.records[i];
    r.id = static_cast<std::int64_t>(i + 1);
    r.source = "PubMed";
    r.source_id = r.pmid = std::to_string(10000000 + i);
    int lang = static_cast<int>(rng() % 100);
    bool german_text = false;
    if (lang < 86) {
      r.language = "eng";
    } else if (lang < 93) {
      r.language = other[rng() % 7];
    } else {
      german_text = rng() % 3 == 0; // no language field; a third are German
    }
    const auto& vocab = german_text ? k_de : k_en;
    r.title = words(rng, vocab, 12);
    r.abstract = words(rng, vocab, 180);
    r.year = 1960 + static_cast<int>(rng() % 55);
    r.date = std::to_string(*r.year);
    r.type = rng() % 10 == 0 ? nonpeer[rng() % 4] : "journal-article";
  }
  data.extraction.resize(n);
  for (std::size_t i = 0; i < n; i += 2) {
    for (const char* who : {"AT", "BS"}) {
      screen::Decision d;
      d.record_id = static_cast<std::int64_t>(i + 1);
      d.stage = screen::Stage::title;
      d.verdict = screen::Verdict::include;
      d.reviewer = who;
      data.decisions.push_back(d);
      if (i % 20 == 0) {
        d.stage = screen::Stage::abstract;
        data.decisions.push_back(d);
        d.stage = screen::Stage::full_text;
        data.decisions.push_back(d);
      }
    }
    if (i % 20 == 0) {
      data.extraction[i] = {std::to_string(i % 7), "10"}; // smi_participants, participants
    }
  }
  return data;
}

void write_project(const fs::path& root, const fs::path& criteria, const Data& data)
{
  fs::create_directories(root / "decisions");
  fs::create_directories(root / "extraction");
  fs::copy_file(criteria, root / "criteria.txt", fs::copy_options::overwrite_existing);
  {
    store::Store db(root / "synth.db", store::Store::Mode::create);
    store::Store::Transaction tx(db);
    store::SearchRun run;
    run.database = "PubMed";
    run.run_at = store::now_utc();
    run.tool_version = "bench";
    db.add_search(run);
    for (const auto& r : data.records) {
      Record copy = r;
      db.insert_record(copy, run.id);
    }
    tx.commit();
  }
  std::ofstream out(root / "decisions/bench.csv", std::ios::binary);
  out << "record,stage,decision,reason,reviewer\n";
  for (const auto& d : data.decisions) {
    out << "pmid:" << data.records[static_cast<std::size_t>(d.record_id - 1)].pmid << ',' << screen::stage_name(d.stage)
        << ",include,," << d.reviewer << '\n';
  }
  std::ofstream x(root / "extraction/bench.csv", std::ios::binary);
  x << "record,smi_participants,participants,qualitative\n";
  for (std::size_t i = 0; i < data.records.size(); ++i) {
    if (!data.extraction[i].empty()) {
      x << "pmid:" << data.records[i].pmid << ',' << data.extraction[i][0] << ',' << data.extraction[i][1] << ",yes\n";
    }
  }
}

} // namespace bench
