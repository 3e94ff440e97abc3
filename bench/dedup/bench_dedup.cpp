// bench_dedup: dedup on synthetic sets of 10,000, 100,000 and 1,000,000 records made from
// the real records of fixtures/dedup with known truth (generator.hpp). Each line gives
// wall time, CPU time (both threads), peak RSS, TP, FN, sensitivity, false merges, the
// time of each step and the machine's load average (the machine is shared: compare CPU
// time when the load is high).
//
//   bench_dedup [SIZES...]             the core (dedup::deduplicate on records in memory),
//                                      then the 100k -> 1M time ratio
//   bench_dedup --store [SIZES...]     what `synth dedup` does: the records are put in a
//                                      SQLite store first (not timed), then dedup::run is
//                                      timed: read every record, dedup, write clusters,
//                                      uncertain pairs and merged records in one transaction
//   bench_dedup --write-project DIR N  a review project with N records and DIR/truth.csv,
//                                      to time the real command (`synth --project DIR dedup`)
//   bench_dedup --check DIR            TP, FN and false merges of DIR's clusters
#include "generator.hpp"

#include "synth/dedup/store_io.hpp"
#include "synth/store/store.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
using namespace synth;

namespace {

struct Usage
{
  double wall = 0;
  double cpu = 0;
};

Usage now()
{
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return {std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(),
          secs(ru.ru_utime) + secs(ru.ru_stime)};
}

double peak_rss_mb()
{
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

std::string load_average()
{
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "?" : one;
}

void header()
{
  fmt::print("{:>9} {:>8} {:>8} {:>8} {:>9} {:>7} {:>11} {:>6}  {:>5}  {}\n", "records", "wall s", "cpu s", "RSS MB",
             "TP", "FN", "sensitivity", "false", "load", "steps");
}

void line(std::size_t n, Usage used, const dedup::Counts& c, const std::string& steps)
{
  fmt::print("{:>9} {:>8.2f} {:>8.2f} {:>8.0f} {:>9} {:>7} {:>11.4f} {:>6}  {:>5}  {}\n", n, used.wall, used.cpu,
             peak_rss_mb(), c.tp, c.fn, c.sensitivity(), c.fp, load_average(), steps);
  std::fflush(stdout);
}

// The records of `set` in a new store at dir/synth.db (a project folder like synth init's).
void fill_store(const fs::path& dir, dedup::LabelledSet& set)
{
  for (const auto* sub : {"queries", "decisions", "extraction", "cache"}) {
    fs::create_directories(dir / sub);
  }
  store::Store s(dir / "synth.db", store::Store::Mode::create);
  store::SearchRun run;
  run.database = "bench";
  store::Store::Transaction tx(s);
  auto id = s.add_search(run);
  for (auto& r : set.records) {
    s.insert_record(r, id);
  }
  tx.commit();
}

// The clusters that dedup wrote in the store, as a Result to evaluate.
dedup::Result clusters_of(store::Store& s)
{
  dedup::Result r;
  auto st = s.prepare("SELECT record_id, cluster_id, kept FROM clusters ORDER BY record_id");
  while (st.step()) {
    r.members.push_back(dedup::Membership{st.column_int(0), st.column_int(1), st.column_int(2) != 0, {}});
  }
  return r;
}

int run_core(bench::Generator& gen, const std::vector<std::size_t>& sizes)
{
  header();
  std::vector<double> times;
  for (auto n : sizes) {
    auto set = gen.make(n);
    auto before = now();
    auto result = dedup::deduplicate(set.records);
    auto after = now();
    Usage used{after.wall - before.wall, after.cpu - before.cpu};
    times.push_back(used.wall);
    const auto& t = result.timing;
    line(n, used, dedup::evaluate(set, result),
         fmt::format("features {:.1f}, blocking {:.1f}, comparing {:.1f} ({} pairs), clustering {:.1f}", t.features,
                     t.blocking, t.comparing, result.comparisons, t.clustering));
  }
  for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
    if (sizes[i] == 100000 && sizes[i + 1] == 1000000) {
      fmt::print("wall time ratio 100k -> 1M: {:.2f}x (target <= 15x)\n", times[i + 1] / times[i]);
    }
  }
  return 0;
}

int run_store(bench::Generator& gen, const std::vector<std::size_t>& sizes)
{
  fmt::print("through the store: read every record, dedup, write clusters (one transaction)\n");
  header();
  for (auto n : sizes) {
    auto set = gen.make(n);
    auto dir = fs::temp_directory_path() / fmt::format("synth-bench-dedup-{}", ::getpid());
    fs::remove_all(dir);
    auto fill0 = now();
    fill_store(dir, set);
    auto fill1 = now();
    // Only the truth is kept in memory: the records are in the store.
    std::vector<Record> keep;
    keep.reserve(set.records.size());
    for (const auto& r : set.records) {
      Record id_only;
      id_only.id = r.id;
      keep.push_back(std::move(id_only));
    }
    set.records = std::move(keep);
    {
      store::Store s(dir / "synth.db", store::Store::Mode::open_existing);
      auto before = now();
      auto report = dedup::run(s, {}, std::nullopt);
      auto after = now();
      const auto& t = report.timing;
      line(n, {after.wall - before.wall, after.cpu - before.cpu}, dedup::evaluate(set, clusters_of(s)),
           fmt::format("read {:.1f}, features {:.1f}, blocking {:.1f}, comparing {:.1f}, clustering {:.1f}, "
                       "write {:.1f}; {} unique, {} uncertain; filling the store took {:.1f} s (not counted)",
                       report.read_seconds, t.features, t.blocking, t.comparing, t.clustering, report.write_seconds,
                       report.summary.unique, report.summary.uncertain_pairs, fill1.wall - fill0.wall));
    }
    fs::remove_all(dir);
  }
  return 0;
}

int write_project(bench::Generator& gen, const fs::path& dir, std::size_t n)
{
  if (fs::exists(dir / "synth.db")) {
    fmt::print(stderr, "bench_dedup: {} already holds a project\n", dir.string());
    return 2;
  }
  auto set = gen.make(n);
  fill_store(dir, set);
  std::ofstream truth(dir / "truth.csv");
  truth << "record_id,study\n";
  for (std::size_t k = 0; k < set.records.size(); ++k) {
    truth << set.records[k].id << ',' << set.truth[k] << '\n';
  }
  fmt::print("wrote {} records to {}; now: synth --project {} dedup; bench_dedup --check {}\n", n,
             (dir / "synth.db").string(), dir.string(), dir.string());
  return 0;
}

int check_project(const fs::path& dir)
{
  dedup::LabelledSet set;
  std::ifstream truth(dir / "truth.csv");
  std::string row;
  std::getline(truth, row);
  while (std::getline(truth, row)) {
    auto comma = row.find(',');
    Record r;
    r.id = std::stoll(row.substr(0, comma));
    set.records.push_back(std::move(r));
    set.truth.push_back(std::stoll(row.substr(comma + 1)));
  }
  store::Store s(dir / "synth.db", store::Store::Mode::open_existing);
  auto c = dedup::evaluate(set, clusters_of(s));
  fmt::print("{} records: TP {}, FN {}, sensitivity {:.4f}, false merges {}\n", set.records.size(), c.tp, c.fn,
             c.sensitivity(), c.fp);
  return c.fp == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
  fs::path fixtures = std::getenv("SYNTH_FIXTURES") ? std::getenv("SYNTH_FIXTURES") : SYNTH_FIXTURES_DEFAULT;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--check") {
    return check_project(args[1]);
  }
  bench::Generator gen(fixtures);
  fmt::print("base: {} fixture records\n", gen.base_records());
  if (args.size() == 3 && args[0] == "--write-project") {
    return write_project(gen, args[1], std::stoul(args[2]));
  }
  bool store = !args.empty() && args[0] == "--store";
  std::vector<std::size_t> sizes;
  for (std::size_t i = store ? 1 : 0; i < args.size(); ++i) {
    sizes.push_back(std::stoul(args[i]));
  }
  if (sizes.empty()) {
    sizes = {10000, 100000, 1000000};
  }
  return store ? run_store(gen, sizes) : run_core(gen, sizes);
}
