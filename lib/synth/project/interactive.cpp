#include "synth/project/interactive.hpp"

#include "synth/core/error.hpp"
#include "synth/screen/inputs.hpp"
#include "synth/screen/store_io.hpp"
#include "synth/store/screen_tables.hpp"
#include "synth/store/store.hpp"
#include "synth/util/file_write.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace synth::project {

namespace fs = std::filesystem;

namespace {

void check_reviewer(const std::string& reviewer)
{
  bool ok = !reviewer.empty() && std::all_of(reviewer.begin(), reviewer.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
  if (!ok || reviewer.front() == '.') {
    throw UsageError(fmt::format("reviewer '{}' cannot name a decision file, expected letters, digits, '.', '_' "
                                 "or '-' (e.g. AT)",
                                 reviewer));
  }
}

std::string file_text(const fs::path& path)
{
  std::error_code ec;
  return fs::exists(path, ec) ? screen::detail::read_text(path) : std::string();
}

void add_terms(std::vector<Term>& terms, std::string_view expression)
{
  for (auto& t : highlight_terms(expression)) {
    if (std::none_of(terms.begin(), terms.end(),
                     [&](const Term& o) { return o.word == t.word && o.prefix == t.prefix; })) {
      terms.push_back(std::move(t));
    }
  }
}

} // namespace

InteractiveData load_interactive(store::Store& store, const Project& project, screen::Stage stage,
                                 const std::string& reviewer, const screen::Inputs& inputs,
                                 const util::WallClock& clock)
{
  check_reviewer(reviewer);
  if (stage == screen::Stage::automatic) {
    throw UsageError("the automatic stage has no reviewer, expected title, abstract, title-abstract or full-text");
  }
  InteractiveData data;
  data.file = project.decisions() / fmt::format("{}-{}.csv", screen::stage_name(stage), reviewer);
  data.file_label = screen::detail::label_of(data.file, project);

  // Screening as synth screen runs it: the records that reached the stage.
  screen::run(store, project, inputs);
  std::vector<std::int64_t> ids;
  for (const auto& o : store::screening_outcomes(store)) {
    auto s = screen::parse_stage(o.stage);
    if (s && *s != screen::Stage::automatic && screen::stage_index(*s) >= screen::stage_index(stage)) {
      ids.push_back(o.record_id);
    }
  }
  std::unordered_map<std::int64_t, std::size_t> candidate;
  for (auto id : ids) {
    auto rec = store.record(id);
    if (!rec) {
      continue;
    }
    rec->raw.clear();
    candidate.emplace(id, data.records.size());
    data.texts.push_back(rec->title + " " + rec->abstract);
    data.records.push_back(std::move(*rec));
  }

  // The reviewer's own decisions at the stage (screen::run has checked the file).
  std::string own = file_text(data.file);
  if (!own.empty()) {
    auto index = screen::load_record_index(store);
    for (const auto& d : screen::parse_decisions(own, data.file_label, index)) {
      auto it = candidate.find(d.record_id);
      if (d.stage == stage && it != candidate.end()) {
        data.prior.push_back({it->second, d.verdict});
      }
    }
  }
  auto ymd = util::utc_today(clock);
  data.today = rows_on(own, fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())));

  // The criteria: the stage's reasons and the terms of `matches` conditions.
  fs::path criteria_path = inputs.criteria.value_or(project.criteria());
  std::error_code ec;
  if (inputs.criteria || fs::exists(criteria_path, ec)) {
    auto criteria = screen::parse_criteria(screen::detail::read_text(criteria_path),
                                           screen::detail::label_of(criteria_path, project));
    data.stopping = {criteria.options.stopping_target, criteria.options.stopping_confidence};
    for (const auto& rule : criteria.rules) {
      if (rule.stage == stage
          && std::find(data.reasons.begin(), data.reasons.end(), rule.reason) == data.reasons.end()) {
        data.reasons.push_back(rule.reason);
      }
      auto m = rule.text.find("matches");
      if (m != std::string::npos) {
        add_terms(data.terms, std::string_view(rule.text).substr(m + 7));
      }
    }
  }
  if (fs::is_directory(project.queries(), ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(project.queries(), ec)) {
      if (e.is_regular_file()) {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      add_terms(data.terms, file_text(f));
    }
  }
  return data;
}

DecisionFile::DecisionFile(fs::path path) : m_path(std::move(path)) {}

void DecisionFile::append(std::string_view row)
{
  std::error_code ec;
  fs::create_directories(m_path.parent_path(), ec);
  std::string old = file_text(m_path);
  std::string text;
  if (util::trim(old).empty()) {
    text = std::string(k_session_header) + "\n";
  } else if (old.back() != '\n' && old.back() != '\r') {
    text = "\n"; // a file written by hand without a last line end
  }
  text += row;
  util::append_file_synced(m_path, text, "the decision file");
}

void DecisionFile::undo()
{
  std::string text = file_text(m_path);
  util::write_file_atomically(m_path, drop_last_row(text), "the decision file");
}

} // namespace synth::project
