// eval_dedup [FIXTURES_DIR] [--show-errors] [--show-merges TEXT] [--show-uncertain TEXT]
// [--only SET]: runs dedup on
// each labelled set of fixtures/dedup and prints TP, FP, FN, TN, sensitivity and specificity
// per set, counted as
// bib-dedupe's current_results.md counts, beside bib-dedupe's published sensitivity.
// --show-errors lists false merges and missed duplicates with the comparison of each
// missed pair; --show-merges lists the merges whose evidence contains TEXT,
// --show-uncertain the pairs left for review whose evidence contains TEXT ("" for all), with
// whether the labels say they are duplicates.
#include "synth/core/error.hpp"
#include "synth/dedup/compare.hpp"
#include "synth/dedup/evaluate.hpp"
#include "synth/dedup/features.hpp"

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

std::string record_line(const Record& r)
{
  return fmt::format("  [{}] {} | {} | {} | {} | {} | {} | {} | {}", r.source_id, r.title,
                     r.authors.empty() ? "" : r.authors[0].family, r.year ? std::to_string(*r.year) : "", r.journal,
                     r.volume, r.pages, r.doi, r.type);
}

// Every merge whose evidence contains `what` ("place:", "doi; title contained" ...), to
// look at what a rule does on real records.
void show_merges(const dedup::LabelledSet& set, const dedup::Result& result, const std::string& what)
{
  std::unordered_map<std::int64_t, const Record*> by_id;
  for (const auto& r : set.records) {
    by_id[r.id] = &r;
  }
  for (const auto& m : result.members) {
    if (m.evidence.find(what) == std::string::npos) {
      continue;
    }
    auto other = std::stoll(m.evidence.substr(0, m.evidence.find(':')));
    fmt::print("MERGED ({})\n{}\n{}\n", m.evidence, record_line(*by_id.at(other)), record_line(*by_id.at(m.record_id)));
  }
}

void show_uncertain(const dedup::LabelledSet& set, const dedup::Result& result, const std::string& what)
{
  std::unordered_map<std::int64_t, const Record*> by_id;
  for (const auto& r : set.records) {
    by_id[r.id] = &r;
  }
  auto truth = [&](std::int64_t id) { return set.truth[static_cast<std::size_t>(id - 1)]; };
  for (const auto& u : result.uncertain) {
    if (u.evidence.find(what) == std::string::npos) {
      continue;
    }
    const bool dup = truth(u.a) > 0 && truth(u.a) == truth(u.b);
    fmt::print("UNCERTAIN {:.3f} ({}) labelled {}\n{}\n{}\n", u.score, u.evidence, dup ? "duplicate" : "distinct",
               record_line(*by_id.at(u.a)), record_line(*by_id.at(u.b)));
  }
}

void show_errors(const dedup::LabelledSet& set, const dedup::Result& result)
{
  std::unordered_map<std::int64_t, const Record*> by_id;
  for (const auto& r : set.records) {
    by_id[r.id] = &r;
  }
  auto truth = [&](std::int64_t id) { return set.truth[static_cast<std::size_t>(id - 1)]; };
  auto line = [&](std::int64_t id) { return record_line(*by_id.at(id)); };
  for (const auto& m : result.members) {
    if (!m.kept && truth(m.record_id) != truth(m.cluster_id)) {
      fmt::print("FALSE MERGE ({})\n{}\n{}\n", m.evidence, line(m.cluster_id), line(m.record_id));
    }
  }
  if (set.record_level) {
    // Records labelled duplicate but left alone: show the most similar title with the
    // comparison's verdict.
    std::unordered_map<std::int64_t, int> size;
    for (const auto& m : result.members) {
      ++size[m.cluster_id];
    }
    std::vector<dedup::Features> feats;
    for (const auto& r : set.records) {
      feats.push_back(dedup::features(r));
    }
    for (const auto& m : result.members) {
      if (truth(m.record_id) <= 0 || size[m.cluster_id] > 1) {
        continue;
      }
      auto k = static_cast<std::size_t>(m.record_id - 1);
      std::size_t best = k;
      double best_t = -1;
      for (std::size_t o = 0; o < set.records.size(); ++o) {
        double t = o == k ? -1 : dedup::dice(feats[k].bigrams, feats[o].bigrams);
        if (t > best_t) {
          best_t = t;
          best = o;
        }
      }
      auto c = dedup::compare(set.records[k], feats[k], set.records[best], feats[best], {});
      fmt::print("MISSED\n{}\n{}\n    {} ({})\n", line(m.record_id), line(set.records[best].id),
                 c.veto                                   ? "veto"
                 : c.verdict == dedup::Verdict::uncertain ? "uncertain"
                                                          : "different",
                 c.evidence);
    }
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
      // Why each pair across two clusters was not merged: the comparison's verdict and
      // evidence (a veto names its reason).
      for (std::size_t x = 0; x < ids.size(); ++x) {
        for (std::size_t y = x + 1; y < ids.size(); ++y) {
          if (cluster[ids[x]] == cluster[ids[y]]) {
            continue;
          }
          const auto& ra = *by_id.at(ids[x]);
          const auto& rb = *by_id.at(ids[y]);
          auto c = dedup::compare(ra, dedup::features(ra), rb, dedup::features(rb), {});
          const char* v = c.veto                                   ? "veto"
                          : c.verdict == dedup::Verdict::same      ? "same"
                          : c.verdict == dedup::Verdict::uncertain ? "uncertain"
                                                                   : "different";
          fmt::print("    {}-{}: {} {:.3f} ({})\n", ra.source_id, rb.source_id, v, c.score, c.evidence);
        }
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
  std::string merges;
  bool show_review = false;
  std::string review;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--show-errors") {
      errors = true;
    } else if (a == "--show-merges" && i + 1 < argc) {
      merges = argv[++i];
    } else if (a == "--show-uncertain" && i + 1 < argc) {
      show_review = true;
      review = argv[++i];
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
    {"special_cases", "0.3333",
     [&] { return dedup::load_bib_dedupe(d / "bib-dedupe/special_cases", "special_cases"); }},
    {"diabetes", "1.0000",
     [&] {
       return dedup::load_asysd(d / "asysd/labelled_test_set.csv", d / "bib-dedupe/diabetes/merged_record_ids.csv",
                                "diabetes");
     }},
    {"tafenoquine", "-",
     [&] { return dedup::load_endnote_captions(d / "dedupe-sweep/tafenoquine_endnote.xml", "tafenoquine"); }},
  };
  if (!fs::is_directory(d)) {
    fmt::print(stderr, "eval_dedup: no fixtures at {}\n", d.string());
    return 77;
  }
  fmt::print("{:<14} {:>6} {:>6} {:>4} {:>5} {:>6} {:>11} {:>11} {:>10} {:>9} {:>8}\n", "set", "n", "TP", "FP", "FN",
             "TN", "sensitivity", "specificity", "bib-dedupe", "uncertain", "time");
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
                 s.name + (set.record_level ? "*" : ""), set.records.size(), c.tp, c.fp, c.fn, c.tn, c.sensitivity(),
                 c.specificity(), s.published, result.uncertain.size(), secs);
      if (errors) {
        show_errors(set, result);
      }
      if (!merges.empty()) {
        show_merges(set, result, merges);
      }
      if (show_review) {
        show_uncertain(set, result, review);
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
