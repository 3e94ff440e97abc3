// bench_dedup [SIZES...]: builds sets of 10,000, 100,000 and 1,000,000 records from the real
// records of fixtures/dedup with realistic perturbations (case, punctuation, journal
// abbreviation, missing DOI, page formats, title typos, author initials) and known truth,
// runs the dedup core on each, and prints time, peak RSS, sensitivity and false merges, and
// the 100k -> 1M time ratio. With --store it also runs 10k and 100k through a SQLite store.
#include "synth/dedup/evaluate.hpp"
#include "synth/dedup/store_io.hpp"
#include "synth/store/store.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace synth;

namespace {

double peak_rss_mb()
{
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

std::string abbreviate(const std::string& journal)
{
  std::string out;
  std::size_t i = 0;
  while (i < journal.size()) {
    auto j = journal.find(' ', i);
    auto w = journal.substr(i, j == std::string::npos ? std::string::npos : j - i);
    i = j == std::string::npos ? journal.size() : j + 1;
    if (w == "of" || w == "and" || w == "the" || w == "&" || w.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    out += w.size() > 5 ? w.substr(0, 4) : w;
  }
  return out;
}

struct Generator
{
  std::vector<Record> base;
  std::vector<std::string> vocabulary;
  std::vector<std::string> families;
  std::mt19937_64 rng{20261126};

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

  Record study(std::size_t k)
  {
    Record r = base[k % base.size()];
    r.abstract.clear();
    r.raw.clear();
    // A distinct study: three extra title words, another author, year, volume and pages.
    r.title += fmt::format(" {} {} {}", vocabulary[pick(vocabulary.size())],
                           vocabulary[pick(vocabulary.size())], vocabulary[pick(vocabulary.size())]);
    r.authors = {Author{families[pick(families.size())], "J. K."}, Author{families[pick(families.size())], "M."}};
    r.year = 1980 + static_cast<int>(pick(44));
    r.volume = std::to_string(1 + pick(300));
    auto first = 1 + pick(3000);
    r.pages = fmt::format("{}-{}", first, first + 3 + pick(20));
    r.doi = chance(0.7) ? fmt::format("10.9999/bench.{}", k) : "";
    r.pmid.clear();
    r.type = "journal-article";
    return r;
  }

  Record perturb(Record r)
  {
    if (chance(0.3)) {
      for (auto& c : r.title) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
    }
    if (chance(0.4)) {
      r.title += ".";
    }
    if (chance(0.3)) {
      for (auto& c : r.title) {
        if (c == ':' || c == ',') {
          c = ' ';
        }
      }
    }
    if (chance(0.2) && r.title.size() > 20) {
      auto p = 10 + pick(r.title.size() - 15);
      r.title[p] = static_cast<char>('a' + pick(26)); // typo
    }
    if (chance(0.5)) {
      r.journal = abbreviate(r.journal);
    }
    if (chance(0.5)) {
      r.doi.clear();
    }
    auto dash = r.pages.find('-');
    if (chance(0.5) && dash != std::string::npos) {
      auto a = r.pages.substr(0, dash);
      auto b = r.pages.substr(dash + 1);
      std::size_t same = 0;
      while (same + 1 < b.size() && same < a.size() && a[same] == b[same]) {
        ++same;
      }
      r.pages = a + "-" + b.substr(same); // 1112-1119 -> 1112-9
    }
    for (auto& a : r.authors) {
      if (!a.given.empty()) {
        a.given = a.given.substr(0, 1);
      }
    }
    if (chance(0.1) && r.year) {
      r.year = *r.year + 1; // online first vs print
    }
    return r;
  }

  dedup::LabelledSet make(std::size_t n)
  {
    dedup::LabelledSet set;
    set.name = fmt::format("{}", n);
    std::size_t k = 0;
    while (set.records.size() < n) {
      auto s = study(k++);
      auto group = static_cast<std::int64_t>(k);
      std::size_t copies = chance(0.3) ? 1 + pick(2) : 0;
      set.records.push_back(s);
      set.truth.push_back(group);
      for (std::size_t c = 0; c < copies && set.records.size() < n; ++c) {
        set.records.push_back(perturb(s));
        set.truth.push_back(group);
      }
    }
    // Shuffle so that duplicates are not neighbours, then number in that order.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
      order[i] = i;
    }
    std::shuffle(order.begin(), order.end(), rng);
    dedup::LabelledSet out;
    out.name = set.name;
    for (std::size_t i = 0; i < n; ++i) {
      out.records.push_back(std::move(set.records[order[i]]));
      out.records.back().id = static_cast<std::int64_t>(i + 1);
      out.records.back().source = "bench";
      out.records.back().source_id = std::to_string(i + 1);
      out.truth.push_back(set.truth[order[i]]);
    }
    return out;
  }
};

} // namespace

int main(int argc, char** argv)
{
  fs::path fixtures = std::getenv("SYNTH_FIXTURES") ? std::getenv("SYNTH_FIXTURES") : SYNTH_FIXTURES_DEFAULT;
  std::vector<std::size_t> sizes;
  bool with_store = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--store") {
      with_store = true;
    } else {
      sizes.push_back(std::stoul(a));
    }
  }
  if (sizes.empty()) {
    sizes = {10000, 100000, 1000000};
  }
  Generator gen;
  for (const auto& set : {dedup::load_bib_dedupe(fixtures / "dedup/bib-dedupe/respiratory", "r"),
                          dedup::load_bib_dedupe(fixtures / "dedup/bib-dedupe/digital_work", "d")}) {
    for (const auto& r : set.records) {
      if (r.title.empty()) {
        continue;
      }
      gen.base.push_back(r);
      for (const auto& a : r.authors) {
        if (!a.family.empty()) {
          gen.families.push_back(a.family);
        }
      }
      std::size_t i = 0;
      while (i < r.title.size()) {
        auto j = r.title.find(' ', i);
        auto w = r.title.substr(i, j == std::string::npos ? std::string::npos : j - i);
        if (w.size() > 3) {
          gen.vocabulary.push_back(w);
        }
        i = j == std::string::npos ? r.title.size() : j + 1;
      }
    }
  }
  fmt::print("base: {} fixture records, {} title words, {} author names\n", gen.base.size(),
             gen.vocabulary.size(), gen.families.size());
  fmt::print("{:>9} {:>9} {:>12} {:>10} {:>12} {:>11} {:>13}\n", "records", "time s", "peak RSS MB",
             "TP", "FN", "sensitivity", "false merges");
  std::vector<double> times;
  for (auto n : sizes) {
    auto set = gen.make(n);
    auto t0 = std::chrono::steady_clock::now();
    auto result = dedup::deduplicate(set.records);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    times.push_back(secs);
    auto c = dedup::evaluate(set, result);
    fmt::print("{:>9} {:>9.2f} {:>12.0f} {:>10} {:>12} {:>11.4f} {:>13}\n", n, secs, peak_rss_mb(),
               c.tp, c.fn, c.sensitivity(), c.fp);
    std::fflush(stdout);
    if (with_store && n <= 100000) {
      auto dir = fs::temp_directory_path() / fmt::format("synth-bench-dedup-{}", ::getpid());
      fs::remove_all(dir);
      fs::create_directories(dir);
      {
        store::Store s(dir / "synth.db", store::Store::Mode::create);
        store::SearchRun run;
        run.database = "bench";
        {
          store::Store::Transaction tx(s);
          auto id = s.add_search(run);
          for (auto& r : set.records) {
            s.insert_record(r, id);
          }
          tx.commit();
        }
        auto s0 = std::chrono::steady_clock::now();
        auto report = dedup::run(s, {}, std::nullopt);
        double ss = std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
        fmt::print("{:>9} {:>9.2f} {:>12.0f}   through the store (read, dedup, write clusters): {} unique\n",
                   n, ss, peak_rss_mb(), report.summary.unique);
      }
      fs::remove_all(dir);
    }
  }
  for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
    if (sizes[i] == 100000 && sizes[i + 1] == 1000000) {
      fmt::print("time ratio 100k -> 1M: {:.2f}x (target <= 15x)\n", times[i + 1] / times[i]);
    }
  }
  return 0;
}
