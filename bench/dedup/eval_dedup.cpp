// eval_dedup [FIXTURES_DIR] [--show-errors]: runs dedup on each labelled set of
// fixtures/dedup and prints TP, FP, FN, TN, sensitivity and specificity per set, counted as
// bib-dedupe's current_results.md counts, beside bib-dedupe's published sensitivity.
#include "synth/core/error.hpp"
#include "synth/dedup/evaluate.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
using namespace synth;

namespace {

void show_errors(const dedup::LabelledSet& set, const dedup::Result& result)
{
  std::unordered_map<std::int64_t, const Record*> by_id;
  for (const auto& r : set.records) {
    by_id[r.id] = &r;
  }
  auto truth = [&](std::int64_t id) { return set.truth[static_cast<std::size_t>(id - 1)]; };
  auto line = [&](std::int64_t id) {
    const auto* r = by_id.at(id);
    return fmt::format("  [{}] {} | {} | {} | {} | {} | {} | {} | {}", r->source_id, r->title,
                       r->authors.empty() ? "" : r->authors[0].family,
                       r->year ? std::to_string(*r->year) : "", r->journal, r->volume, r->pages,
                       r->doi, r->type);
  };
  for (const auto& m : result.members) {
    if (!m.kept && truth(m.record_id) != truth(m.cluster_id)) {
      fmt::print("FALSE MERGE ({})\n{}\n{}\n", m.evidence, line(m.cluster_id), line(m.record_id));
    }
  }
  if (set.record_level) {
    return;
  }
  std::unordered_map<std::int64_t, std::int64_t> cluster;
  for (const auto& m : result.members) {
    cluster[m.record_id] = m.cluster_id;
  }
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> groups;
  for (const auto& r : set.records) {
    if (truth(r.id) > 0) {
      groups[truth(r.id)].push_back(r.id);
    }
  }
  for (const auto& [g, ids] : groups) {
    bool split = false;
    for (auto id : ids) {
      split = split || cluster[id] != cluster[ids[0]];
    }
    if (split) {
      fmt::print("MISSED\n");
      for (auto id : ids) {
        fmt::print("{} -> {}\n", line(id), cluster[id]);
      }
    }
  }
}

} // namespace

int main(int argc, char** argv)
{
  fs::path fixtures = std::getenv("SYNTH_FIXTURES") ? std::getenv("SYNTH_FIXTURES") : SYNTH_FIXTURES_DEFAULT;
  bool errors = false;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--show-errors") {
      errors = true;
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else {
      fixtures = a;
    }
  }
  const fs::path d = fixtures / "dedup";
  struct Set
  {
    std::string name;
    std::string published; // bib-dedupe's sensitivity in current_results.md
    std::function<dedup::LabelledSet()> load;
  };
  std::vector<Set> sets = {
    {"respiratory", "0.9358", [&] { return dedup::load_bib_dedupe(d / "bib-dedupe/respiratory", "respiratory"); }},
    {"digital_work", "0.9973", [&] { return dedup::load_bib_dedupe(d / "bib-dedupe/digital_work", "digital_work"); }},
    {"special_cases", "0.3333", [&] { return dedup::load_bib_dedupe(d / "bib-dedupe/special_cases", "special_cases"); }},
    {"diabetes", "1.0000", [&] {
       return dedup::load_asysd(d / "asysd/labelled_test_set.csv",
                                d / "bib-dedupe/diabetes/merged_record_ids.csv", "diabetes");
     }},
    {"tafenoquine", "-", [&] {
       return dedup::load_endnote_captions(d / "dedupe-sweep/tafenoquine_endnote.xml", "tafenoquine");
     }},
  };
  if (!fs::is_directory(d)) {
    fmt::print(stderr, "eval_dedup: no fixtures at {}\n", d.string());
    return 77;
  }
  fmt::print("{:<14} {:>6} {:>6} {:>4} {:>5} {:>6} {:>11} {:>11} {:>10} {:>9} {:>8}\n", "set", "n",
             "TP", "FP", "FN", "TN", "sensitivity", "specificity", "bib-dedupe", "uncertain", "time");
  int status = 0;
  for (const auto& s : sets) {
    if (!only.empty() && s.name != only) {
      continue;
    }
    try {
      auto set = s.load();
      auto t0 = std::chrono::steady_clock::now();
      auto result = dedup::deduplicate(set.records);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      auto c = dedup::evaluate(set, result);
      fmt::print("{:<14} {:>6} {:>6} {:>4} {:>5} {:>6} {:>11.4f} {:>11.4f} {:>10} {:>9} {:>7.2f}s\n",
                 s.name + (set.record_level ? "*" : ""), set.records.size(), c.tp, c.fp, c.fn, c.tn,
                 c.sensitivity(), c.specificity(), s.published, result.uncertain.size(), secs);
      if (errors) {
        show_errors(set, result);
      }
      if (c.fp != 0) {
        status = 1;
      }
    } catch (const Error& e) {
      fmt::print(stderr, "eval_dedup: {}: {}\n", s.name, e.what());
      status = 1;
    }
  }
  fmt::print("* counted per record (EndNote Duplicate captions: positive = in a cluster of two or more)\n");
  return status;
}
