#include "generator.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synth::bench {

namespace {

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

} // namespace

Generator::Generator(const std::filesystem::path& fixtures)
{
  for (const auto& set : {dedup::load_bib_dedupe(fixtures / "dedup/bib-dedupe/respiratory", "r"),
                          dedup::load_bib_dedupe(fixtures / "dedup/bib-dedupe/digital_work", "d")}) {
    for (const auto& r : set.records) {
      if (r.title.empty()) {
        continue;
      }
      m_base.push_back(r);
      for (const auto& a : r.authors) {
        if (!a.family.empty()) {
          m_families.push_back(a.family);
        }
      }
      std::size_t i = 0;
      while (i < r.title.size()) {
        auto j = r.title.find(' ', i);
        auto w = r.title.substr(i, j == std::string::npos ? std::string::npos : j - i);
        if (w.size() > 3) {
          m_vocabulary.push_back(w);
        }
        i = j == std::string::npos ? r.title.size() : j + 1;
      }
    }
  }
}

std::size_t Generator::pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }

bool Generator::chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }

Record Generator::study(std::size_t k)
{
  Record r = m_base[k % m_base.size()];
  r.raw.clear();
  // A distinct study: three extra title words, another author, year, volume and pages.
  r.title += fmt::format(" {} {} {}", m_vocabulary[pick(m_vocabulary.size())], m_vocabulary[pick(m_vocabulary.size())],
                         m_vocabulary[pick(m_vocabulary.size())]);
  r.authors = {Author{m_families[pick(m_families.size())], "J. K."}, Author{m_families[pick(m_families.size())], "M."}};
  r.year = 1980 + static_cast<int>(pick(44));
  r.volume = std::to_string(1 + pick(300));
  auto first = 1 + pick(3000);
  r.pages = fmt::format("{}-{}", first, first + 3 + pick(20));
  r.doi = chance(0.7) ? fmt::format("10.9999/bench.{}", k) : "";
  r.pmid.clear();
  r.type = "journal-article";
  return r;
}

Record Generator::perturb(Record r)
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

dedup::LabelledSet Generator::make(std::size_t n)
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
  std::shuffle(order.begin(), order.end(), m_rng);
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

} // namespace synth::bench
