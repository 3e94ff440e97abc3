// bench_screen [RECORDS] [--store]: applies examples/criteria/ljungberg-2015.criteria to
// RECORDS synthetic records (default 1,000,000) and prints records, seconds, records/s.
// Target (issue 5): 1,000,000 records in at most 10 s.
//
// The records look like a large search's: 86 % English, 7 % in another language, 7 % with
// no language (their language is detected with CLD2 from title and abstract, as for Crossref
// records); years 1960-2014; 10 % editorials, letters, comments or news; titles of ~12 and
// abstracts of ~180 words. Half the records have a title include so that they reach the
// abstract stage and its text rule; a tenth of those have full-text data for the SMI rule.
// With --store the same is timed end to end through `synth screen`'s library call on a
// SQLite store (read records, decisions and extraction files, write all results).
#include "synth/core/project.hpp"
#include "synth/screen/engine.hpp"
#include "synth/screen/screen.hpp"
#include "synth/store/store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace synth;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_en = {
  "patients", "mental", "illness", "severe", "schizophrenia", "care", "services", "relationship", "professional",
  "staff", "study", "experience", "helpful", "support", "recovery", "treatment", "community", "health",
  "psychiatric", "therapeutic", "alliance", "outcomes", "nurses", "clients", "users", "the", "of", "and",
  "with", "in", "for", "was", "were", "to", "a", "results", "methods", "qualitative", "interviews", "data"};
const std::vector<std::string> k_de = {
  "Patienten", "psychischen", "Erkrankungen", "Beziehung", "Versorgung", "Studie", "Erfahrungen", "und",
  "der", "die", "das", "mit", "wurden", "schweren", "Behandlung", "Ergebnisse", "zwischen", "Pflege"};

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

std::vector<Record> make_records(std::size_t n)
{
  std::mt19937_64 rng(2015);
  std::vector<Record> records(n);
  const char* other[] = {"ger", "fre", "spa", "swe", "nor", "dan", "ita"};
  const char* nonpeer[] = {"editorial", "letter", "comment", "news"};
  for (std::size_t i = 0; i < n; ++i) {
    Record& r = records[i];
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
  return records;
}

double seconds_since(std::chrono::steady_clock::time_point t0)
{
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
  std::size_t n = 1000000;
  bool with_store = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--store") {
      with_store = true;
    } else {
      n = std::stoul(a);
    }
  }
  fs::path criteria_file = fs::path(SYNTH_SOURCE_DIR) / "examples/criteria/ljungberg-2015.criteria";
  auto criteria = screen::read_criteria(criteria_file, "ljungberg-2015.criteria");
  // The same decisions and extraction data for both measurements.
  std::vector<screen::Decision> decisions;
  std::vector<std::vector<std::string>> extraction(n);
  for (std::size_t i = 0; i < n; i += 2) {
    for (const char* who : {"AT", "BS"}) {
      screen::Decision d;
      d.record_id = static_cast<std::int64_t>(i + 1);
      d.stage = screen::Stage::title;
      d.verdict = screen::Verdict::include;
      d.reviewer = who;
      decisions.push_back(d);
      if (i % 20 == 0) {
        d.stage = screen::Stage::abstract;
        decisions.push_back(d);
        d.stage = screen::Stage::full_text;
        decisions.push_back(d);
      }
    }
    if (i % 20 == 0) {
      extraction[i] = {std::to_string(i % 7), "10"}; // smi_participants, participants
    }
  }
  fmt::print("generating {} records...\n", n);
  auto records = make_records(n);

  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  screen::Engine engine(criteria, screen::stages_in_use(criteria, decisions));
  std::vector<std::vector<const screen::Decision*>> by_record(n);
  for (const auto& d : decisions) {
    by_record[static_cast<std::size_t>(d.record_id - 1)].push_back(&d);
  }
  std::size_t included = 0, excluded = 0, pending = 0, detected = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto o = engine.screen(records[i], extraction[i].empty() ? nullptr : &extraction[i], by_record[i]);
    included += o.decision == screen::Final::include;
    excluded += o.decision == screen::Final::exclude;
    pending += o.decision == screen::Final::pending;
    detected += o.detected && !o.detected->language.empty();
  }
  double s = seconds_since(t0);
  double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  fmt::print("engine: records {}  seconds {:.2f}  records/s {:.0f}  (cpu seconds {:.2f}; included {}, excluded {}, "
             "pending {}, languages detected {})\n",
             n, s, static_cast<double>(n) / s, cpu, included, excluded, pending, detected);
  fmt::print("target: 1,000,000 records in at most 10 s -> {}\n",
             n >= 1000000 ? (s <= 10.0 ? "met" : "NOT met") : "run with 1000000 records to check");

  if (!with_store) {
    return 0;
  }
  std::string tmpl = (fs::temp_directory_path() / "synth-bench-screen-XXXXXX").string();
  fs::path root = mkdtemp(tmpl.data());
  {
    store::Store db(root / "synth.db", store::Store::Mode::create);
    {
      store::Store::Transaction tx(db);
      store::SearchRun run;
      run.database = "PubMed";
      run.run_at = store::now_utc();
      run.tool_version = "bench";
      db.add_search(run);
      for (auto& r : records) {
        db.insert_record(r, run.id);
      }
      tx.commit();
    }
    fs::create_directories(root / "decisions");
    fs::create_directories(root / "extraction");
    fs::copy_file(criteria_file, root / "criteria.txt");
    {
      std::ofstream out(root / "decisions/bench.csv");
      out << "record,stage,decision,reason,reviewer\n";
      for (const auto& d : decisions) {
        out << d.record_id << ',' << screen::stage_name(d.stage) << ",include,," << d.reviewer << '\n';
      }
      std::ofstream x(root / "extraction/bench.csv");
      x << "record,smi_participants,participants\n";
      for (std::size_t i = 0; i < n; ++i) {
        if (!extraction[i].empty()) {
          x << (i + 1) << ',' << extraction[i][0] << ',' << extraction[i][1] << '\n';
        }
      }
    }
    auto t1 = std::chrono::steady_clock::now();
    auto result = screen::run(db, Project{root}, {});
    double s1 = seconds_since(t1);
    fmt::print("store:  records {}  seconds {:.2f}  records/s {:.0f}  (decisions {}, included {}, excluded {}, "
               "pending {})\n",
               result.records, s1, static_cast<double>(result.records) / s1, result.decisions, result.included,
               result.excluded, result.pending);
  }
  fs::remove_all(root);
  return 0;
}
