#pragma once
// The screen module's reads and writes of the store (internal to screen.cpp and the
// readers in summary.cpp), over store/screen_tables.hpp where the SQL is.
#include "synth/screen/decisions.hpp"
#include "synth/screen/engine.hpp"

#include <functional>
#include <memory>

#include "synth/store/screen_tables.hpp"

namespace synth::screen {

struct RunResult;

// Record references of every record, mapped to their kept record (clusters).
RecordIndex load_record_index(store::Store& store);

// Reads the unique records a batch at a time (store/screen_tables.hpp).
using UniqueRecordReader = store::UniqueRecordReader;

// Replaces the screening tables: the constructor deletes the previous result.
class ResultWriter
{
public:
  ResultWriter(store::Store& store, const Criteria& criteria);
  ~ResultWriter();
  void write(std::int64_t record_id, const Outcome& outcome);
  void write_inputs(const std::vector<Decision>& decisions, const Extraction& extraction, const RunResult& result);

private:
  store::ScreenResultWriter m_tables;
};

} // namespace synth::screen
