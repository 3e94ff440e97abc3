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
  std::vector<synth::Record> records; // ids 1..n
  std::vector<synth::screen::Decision> decisions;
  // Per record: {smi_participants, participants} (empty when the record has none); the
  // rules' columns are named in k_extraction_columns, and qualitative is "yes" for all.
  std::vector<std::vector<std::string>> extraction;
};

// The extraction columns of the bench: each record with data has these values.
std::vector<std::string> extraction_cells(const std::vector<std::string>& row,
                                          const std::vector<std::string>& criteria_columns);

// Deterministic (fixed seed).
Data make_data(std::size_t n);

// Creates the project at `root`: records inserted in one transaction, the criteria copied
// to criteria.txt, the decisions and extraction data written as the CSV files a user keeps.
void write_project(const std::filesystem::path& root, const std::filesystem::path& criteria, const Data& data);

} // namespace bench
