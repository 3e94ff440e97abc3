// bench_query [RUNS]: how long synth takes to read and check a strategy (issue 9: a
// 1,000-line strategy parsed and linted in under 50 ms), and the hostile strategies of
// issue 15 (39 doubling lines, 100,000 ORed terms, 100,000 '(').
//
// The 1,000-line strategy is written like the largest Cochrane strategies, only longer:
// numbered lines of 1 to 8 terms (tagged words, truncation, phrases, MeSH headings with
// subheadings and :noexp, proximity), every tenth line ORing the nine before it, and a
// last line ANDing the blocks. Each figure is the median of RUNS runs (default 50), with
// the fastest and slowest; the machine may be shared, so compare medians.
#include "synth/query/query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

using namespace synth::query;

namespace {

std::string thousand_lines()
{
  static const char* const k_words[] = {"schizophreni", "psychos",  "bipolar",   "depress",   "recover", "alliance",
                                        "relation",     "qualitat", "interview", "experienc", "therap",  "nurs"};
  static const char* const k_headings[] = {
    "Schizophrenia", "Psychotic Disorders", "Bipolar Disorder", "Depressive Disorder", "Professional-Patient Relations",
    "Nurses"};
  std::string text = "database: pubmed\nname: a 1,000-line strategy\ndate-from: 1990-01-01\n---\n";
  int n = 0;
  std::vector<int> blocks;
  while (n < 999) {
    ++n;
    if (n % 10 == 0) {
      text += fmt::format("#{} ", n);
      for (int k = n - 9; k < n; ++k) {
        text += fmt::format("{}#{}", k == n - 9 ? "" : " OR ", k);
      }
      text += "\n";
      blocks.push_back(n);
      continue;
    }
    const char* w = k_words[n % 12];
    const char* h = k_headings[n % 6];
    switch (n % 5) {
    case 0:
      text += fmt::format("#{} {}*[tiab]\n", n, w);
      break;
    case 1:
      text += fmt::format("#{} \"{} {}*\"[tiab] OR {}{}[ti]\n", n, w, k_words[(n + 1) % 12], w, n);
      break;
    case 2:
      text += fmt::format("#{} {}[mh] OR \"{}\"[majr:noexp] OR {}/therapy[mh] OR therapy[sh]\n", n, h, h, h);
      break;
    case 3:
      text += fmt::format("#{} (\"{} care\"[tiab:~3] OR {}*[tw]) AND (english[la] OR review[pt])\n"
                          "   OR {}{}[tiab] OR \"{} study\"[tiab]\n",
                          n, w, w, w, n, w);
      break;
    default:
      text += fmt::format("#{} {}{}[tiab] OR {}*[ot] OR \"{} {}\"[ti]\n", n, w, n, w, w, k_headings[n % 6]);
      break;
    }
  }
  text += "#1000 ";
  for (std::size_t i = 0; i < blocks.size(); i += 10) {
    text += fmt::format("{}(#{}", i ? " AND " : "", blocks[i]);
    for (std::size_t k = i + 1; k < std::min(blocks.size(), i + 10); ++k) {
      text += fmt::format(" OR #{}", blocks[k]);
    }
    text += ")";
  }
  return text + "\n";
}

struct Timing
{
  double median = 0; // wall clock
  double min = 0;
  double max = 0;
  double cpu = 0; // median CPU time of the process: what the work costs when others share the machine
};

double cpu_ms()
{
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

Timing time_runs(int runs, const std::function<void()>& work)
{
  std::vector<double> ms;
  std::vector<double> cpu;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    double c0 = cpu_ms();
    work();
    cpu.push_back(cpu_ms() - c0);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return Timing{ms[ms.size() / 2], ms.front(), ms.back(), cpu[cpu.size() / 2]};
}

void print(const std::string& what, const Timing& t)
{
  fmt::print("  {:<52} median {:8.2f} ms (min {:.2f}, max {:.2f}); CPU {:.2f} ms\n", what, t.median, t.min, t.max,
             t.cpu);
}

} // namespace

int main(int argc, char** argv)
{
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  auto text = thousand_lines();
  auto q = check_query_text(text, "bench.query");
  std::size_t terms = 0;
  for (const auto& l : q.lines) {
    terms += static_cast<std::size_t>(std::count(l.text.begin(), l.text.end(), '['));
  }
  fmt::print("bench_query: {} runs each; the machine may be shared with other builds\n", runs);
  fmt::print("1,000-line strategy: {} lines, {} bytes, {} tagged terms, {} findings ({} errors), sent as {} "
             "characters\n",
             q.lines.size(), text.size(), terms, q.findings.size(), has_errors(q) ? "some" : "no", to_pubmed(q).size());
  auto check = time_runs(runs, [&] { (void)check_query_text(text, "bench.query"); });
  print("parse + lint (check_query_text), target under 50 ms", check);
  print("... and the PubMed term (to_pubmed)", time_runs(runs, [&] { (void)to_pubmed(q); }));
  print("... and compiling it for local evaluation", time_runs(runs, [&] { CompiledQuery c(q); }));

  std::string doubling = "database: pubmed\n---\n#1 a[tiab]\n";
  for (int n = 2; n <= 39; ++n) {
    doubling += fmt::format("#{} #{} OR #{}\n", n, n - 1, n - 1);
  }
  auto dq = check_query_text(doubling, "doubling.query");
  fmt::print("issue 15: 39 lines of #n #n-1 OR #n-1 ({} bytes): {}\n", doubling.size(),
             dq.findings.empty() ? std::string("accepted") : format_finding("doubling.query", dq.findings.front()));
  print("check of the 39 doubling lines", time_runs(runs, [&] { (void)check_query_text(doubling, "d"); }));

  std::string ors = "database: pubmed\n---\n";
  for (int i = 0; i < 100000; ++i) {
    ors += fmt::format("{}term{}[tiab]", i ? " OR " : "", i);
  }
  print("check of 100,000 ORed terms (one line)",
        time_runs(std::max(1, runs / 10), [&] { (void)check_query_text(ors, "ors"); }));
  std::string parens = "database: pubmed\n---\n" + std::string(100000, '(') + "a" + std::string(100000, ')');
  auto pq = check_query_text(parens, "parens.query");
  fmt::print("issue 15: 100,000 '(': {}\n", format_finding("parens.query", pq.findings.front()));
  print("check of 100,000 '('", time_runs(runs, [&] { (void)check_query_text(parens, "p"); }));
  return check.median < 50.0 ? 0 : 1;
}
