// bench_translate [RUNS]: a 300-line Ovid strategy read (parse_ovid) and written for every
// target synth writes (PubMed, Ovid, EBSCOhost, ProQuest, Web of Science, Scopus, Cochrane): issue 11 asks for under 50
// ms for all targets.
//
// The strategy is written like the Cochrane Ovid strategies of the fixtures, only longer:
// exploded and major headings with subheadings, truncated words on .ti,ab. / .tw. / .mp.,
// adjN with OR groups, # and ? wildcards, or/ and and/ combinations every tenth line, a
// limit at the end. Each figure is the median of RUNS runs (default 50), with the fastest
// and slowest.
#include "synth/query/platforms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

using namespace synth::query;

namespace {

std::string three_hundred_lines()
{
  static const char* const k_words[] = {"schizophreni$", "psychos#s",  "bipolar",   "depress$",   "recover$",
                                        "h?ematuria",    "relation$2", "qualitat$", "interview$", "therap$"};
  static const char* const k_headings[] = {"Schizophrenia",       "Psychotic Disorders",     "Bipolar Disorder",
                                           "Depressive Disorder", "Kidney Failure, Chronic", "Nurses"};
  std::string text = "database: ovid\nname: a 300-line strategy\n---\n";
  int n = 0;
  std::vector<int> blocks;
  while (n < 298) {
    ++n;
    if (n % 10 == 0) {
      text += fmt::format("or/{}-{}\n", n - 9, n - 1);
      blocks.push_back(n);
      continue;
    }
    const char* w = k_words[n % 10];
    const char* h = k_headings[n % 6];
    switch (n % 5) {
    case 0:
      text += fmt::format("{}.ti,ab.\n", w);
      break;
    case 1:
      text += fmt::format("exp {}/ or *{}/di, th\n", h, h);
      break;
    case 2:
      text += fmt::format("(({} or {}) adj3 (care or support$)).tw.\n", w, k_words[(n + 1) % 10]);
      break;
    case 3:
      text += fmt::format("(optical adj2 coherence adj2 {}).tw,ot.\n", w);
      break;
    default:
      text += fmt::format("\"{} study\".mp. or {} scale$.ti.\n", w, w);
      break;
    }
  }
  std::string all;
  for (int b : blocks) {
    all += (all.empty() ? "" : ",") + std::to_string(b);
  }
  text += fmt::format("and/{}\n", all);
  text += fmt::format("limit {} to english language\n", n + 1);
  return text;
}

} // namespace

int main(int argc, char** argv)
{
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  auto text = three_hundred_lines();
  auto q = check_query_text(text, "bench.query");
  std::vector<double> ms;
  std::size_t lines = 0;
  std::size_t notes = 0;
  std::size_t bytes = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto s = read_strategy(q);
    notes = 0;
    bytes = 0;
    for (auto target : {Syntax::pubmed, Syntax::ovid, Syntax::ebsco, Syntax::proquest, Syntax::wos, Syntax::scopus,
                        Syntax::cochrane}) {
      auto t = translate_strategy(q, s, target);
      notes += t.notes.size();
      bytes += t.text.size();
    }
    auto end = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    lines = s.lines.size();
  }
  std::sort(ms.begin(), ms.end());
  fmt::print(
    "translate a {}-line Ovid strategy to pubmed, ovid, ebsco, proquest, wos, scopus and cochrane ({} notes, {} bytes written): median {:.2f} ms "
    "(fastest {:.2f}, slowest {:.2f}, {} runs; target < 50 ms)\n",
    lines, notes, bytes, ms[ms.size() / 2], ms.front(), ms.back(), runs);
  return 0;
}
