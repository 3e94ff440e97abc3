#pragma once
// Synthetic review records with known truth for bench_dedup: distinct studies made from the
// real records of fixtures/dedup (three extra title words, other authors, year, volume,
// pages, DOI for 70 %; the real abstract, so that a store holds what a real one holds, but
// no raw text), and 0-2 copies of 30 % of them as another database would give them (case,
// punctuation, journal abbreviated, DOI dropped, page range shortened, a title typo,
// authors' initials, year off by one).
#include "synth/dedup/evaluate.hpp"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace synth::bench {

class Generator
{
public:
  // Reads the records of the bib-dedupe respiratory and digital_work sets.
  explicit Generator(const std::filesystem::path& fixtures);

  // A set of n records, shuffled, ids 1..n, truth = study number. Deterministic for a
  // given sequence of calls.
  dedup::LabelledSet make(std::size_t n);

  std::size_t base_records() const { return m_base.size(); }

private:
  Record study(std::size_t k);
  Record perturb(Record r);
  std::size_t pick(std::size_t n);
  bool chance(double p);

  std::vector<Record> m_base;
  std::vector<std::string> m_vocabulary;
  std::vector<std::string> m_families;
  std::mt19937_64 m_rng{20261126};
};

} // namespace synth::bench
