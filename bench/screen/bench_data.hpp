#pragma once
// Synthetic records, decisions and extraction data for bench_screen, and a project on disk
// holding them (store, criteria.txt, decisions/bench.csv, extraction/bench.csv).
#include "synth/core/record.hpp"
#include "synth/screen/decisions.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace bench {

struct Data
{
  std::vector<synth::Record> records;                 // ids 1..n
  std::vector<synth::screen::Decision> decisions;
  std::vector<std::vector<std::string>> extraction;   // per record: smi_participants, participants
};

// Deterministic (fixed seed).
Data make_data(std::size_t n);

// Creates the project at `root`: records inserted in one transaction, the criteria copied
// to criteria.txt, the decisions and extraction data written as the CSV files a user keeps.
void write_project(const std::filesystem::path& root, const std::filesystem::path& criteria, const Data& data);

} // namespace bench
