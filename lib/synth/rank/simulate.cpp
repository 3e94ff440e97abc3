#include "synth/rank/simulate.hpp"

#include "synth/core/error.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

namespace synth::rank {

namespace {

std::optional<std::size_t> column_of(const std::vector<std::string>& header, std::string_view name)
{
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (util::iequals(util::trim(header[i]), name)) {
      return i;
    }
  }
  return std::nullopt;
}

// Records to screen until `recall` of the `total` relevant ones are found.
std::size_t needed(double recall, std::size_t total)
{
  return static_cast<std::size_t>(std::ceil(recall * static_cast<double>(total) - 1e-9));
}

} // namespace

LabelledSet read_labelled_csv(const std::filesystem::path& path, std::string_view label_column)
{
  const std::string name = path.string();
  std::string text = util::read_file(path);
  util::CsvTable table(text);
  util::CsvRow row;
  if (!table.next(row)) {
    throw Error(name + ": empty file, expected a header with title, abstract and " + std::string(label_column));
  }
  auto title = column_of(row.fields, "title");
  auto abstract = column_of(row.fields, "abstract");
  auto label = column_of(row.fields, label_column);
  if (!title) {
    throw Error(name + ":" + std::to_string(row.line) + ": no column \"title\" in the header");
  }
  if (!label) {
    throw Error(name + ":" + std::to_string(row.line) + ": no column \"" + std::string(label_column)
                  + "\" in the header",
                "name the label column with --label COLUMN");
  }
  LabelledSet set;
  std::size_t n_relevant = 0;
  while (table.next(row)) {
    if (!row.error.empty()) {
      throw Error(name + ":" + std::to_string(row.error_line) + ": " + row.error);
    }
    auto field = [&](std::optional<std::size_t> c) -> std::string_view {
      return c && *c < row.fields.size() ? std::string_view(row.fields[*c]) : std::string_view();
    };
    auto value = util::trim(field(label));
    if (value != "0" && value != "1") {
      throw Error(name + ":" + std::to_string(row.line) + ": " + std::string(label_column) + " is \""
                  + std::string(value) + "\", expected 0 or 1");
    }
    std::string t(field(title));
    auto a = util::trim(field(abstract));
    if (a.empty()) {
      ++set.without_abstract;
    } else {
      t += ' ';
      t += a;
    }
    set.texts.push_back(std::move(t));
    set.relevant.push_back(value == "1");
    n_relevant += value == "1";
  }
  if (n_relevant == 0 || n_relevant == set.relevant.size()) {
    throw Error(name + ": " + std::to_string(set.relevant.size()) + " records, " + std::to_string(n_relevant)
                + " labelled 1 in " + std::string(label_column)
                + ": a simulation needs at least one relevant and one irrelevant record");
  }
  return set;
}

Run simulate(const Ranker& ranker, const std::vector<bool>& relevant, std::uint64_t seed,
             const StoppingOptions& stopping, Retrain retrain)
{
  Run run;
  run.seed = seed;
  const std::size_t n = relevant.size();
  std::vector<std::size_t> rel, irr;
  for (std::size_t r = 0; r < n; ++r) {
    (relevant[r] ? rel : irr).push_back(r);
  }
  if (rel.empty() || irr.empty() || ranker.size() != n) {
    throw Error("simulation needs one relevant and one irrelevant record, and one label per record");
  }
  std::mt19937_64 rng(seed);
  run.prior_relevant = rel[rng() % rel.size()];
  run.prior_irrelevant = irr[rng() % irr.size()];

  std::vector<Label> labels(n, Label::pending);
  std::vector<bool> seq;
  std::size_t found = 0;
  const std::size_t total_relevant = rel.size();
  auto screen = [&](std::size_t r) {
    labels[r] = relevant[r] ? Label::relevant : Label::irrelevant;
    run.order.push_back(r);
    seq.push_back(relevant[r]);
    found += relevant[r];
    if (!run.stopped && seq.size() < n) {
      auto t = stopping_test(seq, n, stopping);
      if (t.met) {
        run.stopped = true;
        run.stop_screened = seq.size();
        run.stop_recall = static_cast<double>(found) / static_cast<double>(total_relevant);
        run.stop_p_value = t.p_value;
      }
    }
  };
  screen(run.prior_relevant);
  screen(run.prior_irrelevant);
  while (run.order.size() < n && (found < total_relevant || !run.stopped)) {
    auto order = Ranker::order_pending(ranker.scores(labels, seed), labels);
    std::size_t batch =
      std::min(retrain == Retrain::every_decision ? std::size_t{1} : retrain_batch(run.order.size()), order.size());
    for (std::size_t i = 0; i < batch; ++i) {
      screen(order[i]);
    }
  }
  if (!run.stopped) {
    run.stop_screened = run.order.size();
    run.stop_recall = static_cast<double>(found) / static_cast<double>(total_relevant);
    run.stop_p_value = 0;
  }

  // Metrics, positions counted from 1 with the priors.
  const double N = static_cast<double>(n);
  const std::size_t at_95 = needed(0.95, total_relevant), ten_percent = n / 10;
  std::size_t seen = 0, pos_95 = 0, pos_100 = 0, found_10 = 0;
  double discovery = 0;
  for (std::size_t i = 0; i < run.order.size(); ++i) {
    if (!relevant[run.order[i]]) {
      continue;
    }
    ++seen;
    if (i < ten_percent) {
      ++found_10;
    }
    if (i >= 2) {
      discovery += static_cast<double>(i + 1) / N;
    }
    if (seen == at_95) {
      pos_95 = i + 1;
      run.record_95 = run.order[i];
    }
    if (seen == total_relevant) {
      pos_100 = i + 1;
    }
  }
  run.wss_95 = (N - static_cast<double>(pos_95)) / N - 0.05;
  run.wss_100 = (N - static_cast<double>(pos_100)) / N;
  run.rrf_10 = static_cast<double>(found_10) / static_cast<double>(total_relevant);
  run.atd = total_relevant > 1 ? discovery / static_cast<double>(total_relevant - 1) : 0.0;
  return run;
}

Summary summarise(const std::vector<Run>& runs, const std::vector<bool>& relevant, const StoppingOptions& stopping)
{
  Summary s;
  s.records = relevant.size();
  s.relevant = static_cast<std::size_t>(std::count(relevant.begin(), relevant.end(), true));
  s.runs = runs.size();
  if (runs.empty()) {
    return s;
  }
  for (const auto& r : runs) {
    s.wss_95 += r.wss_95;
    s.wss_100 += r.wss_100;
    s.rrf_10 += r.rrf_10;
    s.atd += r.atd;
    s.runs_stopped += r.stopped;
    s.runs_meeting_target += r.stop_recall >= stopping.target - 1e-12;
    s.recall_min = std::min(s.recall_min, r.stop_recall);
    s.recall_mean += r.stop_recall;
    s.screened_mean += static_cast<double>(r.stop_screened);
    s.work_saved_mean += 1.0 - static_cast<double>(r.stop_screened) / static_cast<double>(s.records);
  }
  const double k = static_cast<double>(runs.size());
  s.wss_95 /= k;
  s.wss_100 /= k;
  s.rrf_10 /= k;
  s.atd /= k;
  s.recall_mean /= k;
  s.screened_mean /= k;
  s.work_saved_mean /= k;
  return s;
}

} // namespace synth::rank
