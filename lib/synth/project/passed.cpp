#include "synth/project/passed.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"
#include "synth/project/importer.hpp"
#include "synth/screen/inputs.hpp"
#include "synth/screen/summary.hpp"
#include "synth/store/store.hpp"
#include "synth/store/views.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/file_write.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace synth::project {

namespace fs = std::filesystem;

namespace {

// A cluster named in the decisions file: `source:id` of its kept record (stable when the
// store is rebuilt from the same files), or its synth id when the source name holds a colon.
std::string reference(const Record& r)
{
  if (!r.source.empty() && r.source.find(':') == std::string::npos && !r.source_id.empty()) {
    return r.source + ":" + r.source_id;
  }
  return std::to_string(r.id);
}

std::string short_title(const Record& r)
{
  std::string t = r.title.size() > 80 ? r.title.substr(0, 77) + "..." : r.title;
  return r.year ? fmt::format("'{}' ({})", t, *r.year) : fmt::format("'{}'", t);
}

// Reviewer names in a file name: letters, digits, '-' and '_' kept, anything else '_'.
std::string file_part(std::string_view s)
{
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out;
}

// The labels of a CSV list by the line where each row starts.
struct Labels
{
  std::string column;
  std::unordered_map<std::int64_t, Label> by_line;
};

Labels read_labels(std::string_view text, const std::string& label, bool full_text)
{
  Labels labels;
  auto first_line = text.substr(0, text.find('\n'));
  char sep =
    first_line.find(',') == std::string_view::npos && first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  util::CsvTable table(text, sep);
  util::CsvRow row;
  if (!table.next(row)) {
    return labels;
  }
  auto column = find_label_column(row.fields, full_text);
  if (!column) {
    return labels;
  }
  labels.column = column->name;
  std::vector<std::string> errors;
  while (table.next(row)) {
    if (!row.error.empty()) {
      continue; // the record reader reports it
    }
    std::string error;
    std::string_view cell = column->index < row.fields.size() ? std::string_view(row.fields[column->index]) : "";
    labels.by_line[row.line] = parse_label(*column, cell, error);
    if (!error.empty() && errors.size() < 20) {
      errors.push_back(fmt::format("{}:{}: {}", label, row.line, error));
    }
  }
  if (!errors.empty()) {
    throw Error(util::join(errors, "\n"), "nothing was written: correct the file and run the command again");
  }
  return labels;
}

} // namespace

std::string default_passed_reason(const fs::path& file, bool labelled)
{
  return (labelled ? "not included in " : "not in ") + file.filename().string();
}

namespace {

// The list as read: its records and the label of each.
struct List
{
  std::vector<Record> records;
  std::vector<Label> label_of;
};

// 1. The list: any format synth imports, read by its readers; the labels from its label
// column (CSV) or Rayyan's notes.
List read_list(const PassedOptions& options, PassedResult& result)
{
  const bool full_text = options.stage == screen::Stage::full_text;
  std::string text;
  try {
    text = util::read_file(options.file);
  } catch (const util::InputError& e) {
    throw Error(e.what(), e.hint());
  }
  formats::ReadContext ctx(options.label, false);
  auto format = formats::detect_format(std::string_view(text).substr(0, 4096), options.file);
  if (!format) {
    ctx.fail(1, std::string(formats::k_unknown_format));
  }
  result.format = std::string(formats::format_name(*format));
  List list;
  std::vector<std::optional<Label>> notes_label; // Rayyan's notes in a record (RIS N1, BibTeX note)
  formats::read_text(text, *format, ctx, [&](Record&& r) {
    notes_label.push_back(r.raw.find("RAYYAN-INCLUSION:") != std::string::npos ? std::optional(rayyan_label(r.raw))
                                                                               : std::nullopt);
    r.raw.clear();
    list.records.push_back(std::move(r));
  });
  if (list.records.empty()) {
    throw Error(fmt::format("{}: no records found in this {} file", options.label, result.format),
                "nothing was written: a list without records would exclude every record at the stage");
  }
  for (auto& r : list.records) {
    if (r.source.empty()) { // as import names it
      r.source = !ctx.default_source.empty() ? ctx.default_source : file_source_name(options.file);
    }
  }
  Labels labels;
  if (*format == formats::Format::csv) {
    labels = read_labels(text, options.label, full_text);
  }
  result.label_column = labels.column;
  list.label_of.assign(list.records.size(), Label::passed);
  for (std::size_t i = 0; i < list.records.size(); ++i) {
    auto& label = list.label_of[i];
    if (auto it = labels.by_line.find(list.records[i].provenance.line); it != labels.by_line.end()) {
      label = it->second;
    } else if (labels.column.empty() && notes_label[i]) {
      label = *notes_label[i];
      result.label_column = "notes"; // Rayyan writes its notes as N1 (RIS) or note (BibTeX)
    }
    result.list_passed += label == Label::passed;
    result.list_excluded += label == Label::excluded;
    result.list_undecided += label == Label::undecided;
  }
  result.list_records = static_cast<std::int64_t>(list.records.size());
  return list;
}

// 2. The store's records (without their long fields) and clusters.
struct StoreView
{
  std::vector<Record> records;
  std::vector<StoreRecord> in_store; // points into records
  std::unordered_map<std::int64_t, const Record*> by_id;
  std::vector<std::int64_t> unique; // the kept record of each cluster, and every record in none
};

void read_store(store::Store& store, StoreView& view)
{
  store.for_each_record([&](const Record& r) {
    view.records.push_back(r);
    auto& k = view.records.back();
    k.raw.clear();
    k.abstract.clear();
    k.keywords.clear();
    k.mesh.clear();
    return true;
  });
  auto clusters = store::cluster_memberships(store); // cluster_id is the kept record's synth id
  view.in_store.reserve(view.records.size());
  for (const auto& r : view.records) {
    auto it = clusters.find(r.id);
    std::int64_t k = it == clusters.end() ? r.id : it->second.cluster_id;
    view.in_store.push_back({&r, k});
    view.by_id[r.id] = &r;
    if (k == r.id) {
      view.unique.push_back(r.id);
    }
  }
}

// The clusters the list passes, and those it leaves undecided.
struct Matched
{
  std::set<std::int64_t> passed, waiting;
};

// 3. Matching (only the records that pass or wait: the others are excluded anyway).
// Refuses a list record that matches records dedup keeps apart, and with --strict one that
// matches none.
Matched match_records(const List& list, const StoreView& view, const PassedOptions& options, PassedResult& result)
{
  std::vector<Record> wanted;
  std::vector<std::size_t> wanted_index;
  for (std::size_t i = 0; i < list.records.size(); ++i) {
    if (list.label_of[i] != Label::excluded) {
      wanted.push_back(list.records[i]);
      wanted_index.push_back(i);
    }
  }
  auto matches = match_list(view.in_store, wanted);
  Matched out;
  std::vector<std::string> ambiguous;
  std::map<std::string, std::int64_t> how;
  for (std::size_t w = 0; w < wanted.size(); ++w) {
    const auto& m = matches[w];
    const Record& r = list.records[wanted_index[w]];
    std::string where = fmt::format("{}:{}", options.label, r.provenance.line ? r.provenance.line : r.provenance.index);
    if (m.status == ListMatch::Status::ambiguous) {
      std::vector<std::string> names;
      for (auto id : m.candidates) {
        const Record* c = view.by_id.at(id);
        names.push_back(fmt::format("{} {} {}", id, reference(*c), short_title(*c)));
      }
      ambiguous.push_back(fmt::format("{}: {} matches {} records that dedup keeps apart (by {}): {}", where,
                                      short_title(r), m.candidates.size(), m.how, util::join(names, "; ")));
    } else if (m.status == ListMatch::Status::unmatched) {
      result.unmatched.push_back(fmt::format("{}: {}", where, short_title(r)));
    } else {
      ++result.matched;
      ++how[m.how.substr(0, m.how.find(':'))];
      (list.label_of[wanted_index[w]] == Label::passed ? out.passed : out.waiting).insert(m.kept_id);
    }
  }
  if (!ambiguous.empty()) {
    throw Error(util::join(ambiguous, "\n"),
                "nothing was written: if they are one item, say so in the dedup review file (synth dedup --review "
                "FILE) and run synth dedup; else correct the list");
  }
  if (options.strict && !result.unmatched.empty()) {
    throw Error(fmt::format("{}: {} record{} match{} no record of the project:\n{}", options.label,
                            result.unmatched.size(), result.unmatched.size() == 1 ? "" : "s",
                            result.unmatched.size() == 1 ? "es" : "", util::join(result.unmatched, "\n")),
                "nothing was written (--strict)");
  }
  for (const auto& [step, n] : how) {
    result.how.push_back(fmt::format("{} {}", step, n));
  }
  return out;
}

// 4. The decisions: one row per unique record.
std::string decision_rows(const StoreView& view, const Matched& matched, const std::string& stage,
                          const PassedOptions& options, PassedResult& result)
{
  std::string csv = "record,stage,decision,reason,reviewer\n";
  for (auto id : view.unique) {
    bool in = matched.passed.count(id) > 0;
    if (!in && matched.waiting.count(id)) {
      ++result.pending;
      continue;
    }
    std::string line;
    util::append_csv_field(line, reference(*view.by_id.at(id)));
    line += ',' + stage + (in ? ",include," : ",exclude,");
    if (!in) {
      util::append_csv_field(line, result.reason);
    }
    line += ',';
    util::append_csv_field(line, options.reviewer);
    csv += line + '\n';
    (in ? result.include_rows : result.exclude_rows) += 1;
  }
  return csv;
}

} // namespace

PassedResult build_passed(store::Store& store, const Project& project, const PassedOptions& options)
{
  PassedResult result;
  const bool full_text = options.stage == screen::Stage::full_text;
  if (options.stage == screen::Stage::automatic) {
    throw UsageError("--stage automatic is not a reviewers' stage: use title, abstract, title-abstract or full-text");
  }
  if (full_text && (!options.reason || util::trim(*options.reason).empty())) {
    throw UsageError("--passed at full-text needs --reason: the reason PRISMA shows for the records excluded there");
  }
  std::string stage(screen::stage_name(options.stage));
  result.output =
    options.output.value_or(project.decisions() / fmt::format("passed-{}-{}.csv", stage, file_part(options.reviewer)));
  result.output_label = screen::detail::label_of(result.output, project);

  auto list = read_list(options, result);
  result.reason = options.reason && !util::trim(*options.reason).empty()
                    ? std::string(util::trim(*options.reason))
                    : default_passed_reason(options.file, !result.label_column.empty());
  StoreView view;
  read_store(store, view);
  result.unique_records = static_cast<std::int64_t>(view.unique.size());
  auto matched = match_records(list, view, options, result);
  result.csv = decision_rows(view, matched, stage, options, result);
  result.stage = options.stage;
  result.passed_ids.assign(matched.passed.begin(), matched.passed.end());
  return result;
}

std::vector<std::string> passed_but_excluded_before(store::Store& store, const PassedResult& result)
{
  std::set<std::int64_t> passed(result.passed_ids.begin(), result.passed_ids.end());
  std::vector<std::string> out;
  for (const auto& o : screen::outcomes(store)) {
    if (o.decision != screen::Final::exclude || screen::stage_index(o.stage) >= screen::stage_index(result.stage)
        || !passed.count(o.record_id)) {
      continue;
    }
    auto r = store.record(o.record_id);
    out.push_back(fmt::format("{} {}: excluded at {}{}", r ? reference(*r) : std::to_string(o.record_id),
                              r ? short_title(*r) : std::string(), screen::stage_name(o.stage),
                              o.reason.empty() ? std::string() : " (" + o.reason + ")"));
  }
  return out;
}

void write_passed(const PassedResult& result)
{
  std::error_code ec;
  fs::create_directories(result.output.parent_path(), ec);
  util::write_file_atomically(result.output, result.csv, "the decisions file");
}

} // namespace synth::project
