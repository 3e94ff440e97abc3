#include "synth/project/exporter.hpp"

#include "synth/formats/ris.hpp"
#include "synth/rank/ranker.hpp"
#include "synth/rank/tfidf.hpp"
#include "synth/screen/stage.hpp"
#include "synth/store/fulltext.hpp"
#include "synth/store/record_codec.hpp"
#include "synth/store/views.hpp"
#include "synth/util/csv.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <unordered_map>

namespace synth::project {

const char* const k_csv_header =
  "record_id,cluster_id,source,source_record_id,doi,pmid,title,year,journal,authors,language,"
  "publication_types,stage,decision,reason,type,abstract,flags";

const char* const k_csv_fulltext_columns = "fulltext,is_oa,oa_status,best_url,pdf_url,license,host_type,checked_at";

std::optional<ExportFormat> parse_export_format(std::string_view name)
{
  if (name == "ris") {
    return ExportFormat::ris;
  }
  if (name == "csv") {
    return ExportFormat::csv;
  }
  if (name == "jsonl") {
    return ExportFormat::jsonl;
  }
  return std::nullopt;
}

std::optional<ExportSelection> parse_export_selection(std::string_view name)
{
  if (name == "all") {
    return ExportSelection::all;
  }
  if (name == "unique") {
    return ExportSelection::unique;
  }
  if (name == "included") {
    return ExportSelection::included;
  }
  if (name == "excluded") {
    return ExportSelection::excluded;
  }
  if (name == "pending") {
    return ExportSelection::pending;
  }
  if (name == "sought") {
    return ExportSelection::sought;
  }
  return std::nullopt;
}

bool is_screening_stage(std::string_view name)
{
  return name == "automatic" || name == "title" || name == "abstract" || name == "title-abstract"
         || name == "full-text";
}

namespace {
using Screening = store::ScreeningOutcome;

std::string authors_text(const std::vector<Author>& authors)
{
  std::string out;
  for (const auto& a : authors) {
    if (!out.empty()) {
      out += "; ";
    }
    out += a.given.empty() ? a.family : fmt::format("{}, {}", a.family, a.given);
  }
  return out;
}

// The RIS record with N1 notes on its screening before its ER line.
void write_ris_screened(std::ostream& out, const Record& r, const Screening& s)
{
  std::ostringstream ris;
  formats::write_ris(ris, r);
  std::string text = ris.str();
  std::string notes = fmt::format("N1  - synth id {}\r\n", r.id);
  if (s.decision == "pending") {
    notes += fmt::format("N1  - screening: pending at {}\r\n", s.stage);
  } else if (s.decision == "exclude") {
    notes += fmt::format("N1  - screening: excluded at {}{}{}\r\n", s.stage, s.reason.empty() ? "" : ": ", s.reason);
  } else {
    notes += "N1  - screening: included\r\n";
  }
  std::string_view flags = s.flags;
  while (!flags.empty()) {
    auto end = flags.find("; ");
    auto flag = flags.substr(0, end);
    if (!flag.empty()) {
      notes += fmt::format("N1  - flag: {}\r\n", flag);
    }
    flags = end == std::string_view::npos ? std::string_view() : flags.substr(end + 2);
  }
  auto er = text.rfind("ER  - ");
  text.insert(er == std::string::npos ? text.size() : er, notes);
  out << text;
}

std::string joined(const std::vector<std::string>& items)
{
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += "; ";
    }
    out += item;
  }
  return out;
}
} // namespace

namespace {

// A record's place in the review: its cluster and the screening outcome.
struct Placement
{
  std::int64_t cluster_id = 0;
  bool kept = true;
  Screening screening;
};

bool selected(const Placement& p, ExportSelection selection, std::string_view stage)
{
  const auto& decision = p.screening.decision;
  switch (selection) {
  case ExportSelection::all:
    break;
  case ExportSelection::unique:
    if (!p.kept) {
      return false;
    }
    break;
  case ExportSelection::included:
    if (decision != "include") {
      return false;
    }
    break;
  case ExportSelection::excluded:
    if (decision != "exclude") {
      return false;
    }
    break;
  case ExportSelection::pending:
    if (decision != "pending") {
      return false;
    }
    break;
  case ExportSelection::sought:
    if (!p.kept || p.screening.stage != "full-text") {
      return false;
    }
    break;
  }
  return stage.empty() || p.screening.stage == stage;
}

// The Unpaywall columns of a record sought for retrieval (k_csv_fulltext_columns). A record
// synth fulltext has not looked at is "not checked", like one without a DOI (checked_at
// tells them apart: empty before the lookup).
void append_fulltext_fields(std::string& line, const store::FulltextCheck* c)
{
  auto field = [&](std::string_view v, bool last = false) {
    util::append_csv_field(line, v);
    line += last ? "\r\n" : ",";
  };
  if (!c) {
    field("not checked");
    for (int i = 0; i < 6; ++i) {
      field("");
    }
    field("", true);
    return;
  }
  field(c->result);
  field(c->result == "found" ? (c->is_oa ? "yes" : "no") : "");
  field(c->oa_status);
  field(c->best_url);
  field(c->pdf_url);
  field(c->license);
  field(c->host_type);
  field(c->checked_at, true);
}

void write_csv_row(std::ostream& out, std::string& line, const Record& r, const Placement& p,
                   const store::FulltextCheck* fulltext, bool with_fulltext)
{
  const auto& s = p.screening;
  line.clear();
  auto field = [&](std::string_view v, bool last = false) {
    util::append_csv_field(line, v);
    line += last ? "\r\n" : ",";
  };
  field(std::to_string(r.id));
  field(std::to_string(p.cluster_id));
  field(r.source);
  field(r.source_id);
  field(r.doi);
  field(r.pmid);
  field(r.title);
  field(r.year ? std::to_string(*r.year) : "");
  field(r.journal);
  field(authors_text(r.authors));
  field(r.language);
  field(joined(r.publication_types));
  field(s.stage);
  field(s.decision);
  field(s.reason);
  field(r.type);
  field(r.abstract);
  field(s.flags, !with_fulltext);
  if (with_fulltext) {
    append_fulltext_fields(line, fulltext);
  }
  out << line;
}

void write_jsonl_row(std::ostream& out, const Record& r, const Placement& p, const store::FulltextCheck* fulltext,
                     bool with_fulltext)
{
  const auto& s = p.screening;
  nlohmann::json j;
  j["record_id"] = r.id;
  j["cluster_id"] = p.cluster_id;
  j["source"] = r.source;
  j["source_record_id"] = r.source_id;
  j["doi"] = r.doi;
  j["pmid"] = r.pmid;
  j["title"] = r.title;
  j["abstract"] = r.abstract;
  auto authors = nlohmann::json::array();
  for (const auto& a : r.authors) {
    authors.push_back({{"family", a.family}, {"given", a.given}});
  }
  j["authors"] = authors;
  j["year"] = r.year ? nlohmann::json(*r.year) : nlohmann::json();
  j["date"] = r.date;
  j["journal"] = r.journal;
  j["journal_abbrev"] = r.journal_abbrev;
  j["issn"] = r.issn;
  j["volume"] = r.volume;
  j["issue"] = r.issue;
  j["pages"] = r.pages;
  j["language"] = r.language;
  j["publication_types"] = r.publication_types;
  j["type"] = r.type;
  j["keywords"] = r.keywords;
  j["mesh"] = r.mesh;
  j["url"] = r.url;
  j["file"] = r.provenance.file;
  j["line"] = r.provenance.line;
  j["stage"] = s.stage;
  j["decision"] = s.decision;
  j["reason"] = s.reason;
  j["flags"] = s.flags;
  if (with_fulltext) {
    if (fulltext) {
      j["fulltext"] = {{"result", fulltext->result},         {"is_oa", fulltext->is_oa},
                       {"oa_status", fulltext->oa_status},   {"best_url", fulltext->best_url},
                       {"pdf_url", fulltext->pdf_url},       {"license", fulltext->license},
                       {"host_type", fulltext->host_type},   {"version", fulltext->version},
                       {"checked_at", fulltext->checked_at}, {"request", fulltext->request}};
    } else {
      j["fulltext"] = {{"result", "not checked"}};
    }
  }
  out << j.dump() << '\n';
}

} // namespace

std::int64_t export_records(store::Store& store, ExportFormat format, ExportSelection selection, std::ostream& out,
                            std::string_view stage)
{
  auto clusters = store::cluster_memberships(store);
  auto screening = store::screening_rows(store);
  auto placement = [&](std::int64_t id) {
    Placement p{id, true, {}};
    if (auto it = clusters.find(id); it != clusters.end()) {
      p.cluster_id = it->second.cluster_id;
      p.kept = it->second.kept;
    }
    if (auto it = screening.find(id); it != screening.end()) {
      p.screening = it->second;
    }
    return p;
  };
  const bool with_fulltext = selection == ExportSelection::sought;
  std::map<std::int64_t, store::FulltextCheck> fulltext;
  if (with_fulltext) {
    fulltext = store::fulltext_checks(store);
  }
  if (format == ExportFormat::csv) {
    out << k_csv_header << (with_fulltext ? "," : "") << (with_fulltext ? k_csv_fulltext_columns : "") << "\r\n";
  }
  std::int64_t written = 0;
  std::string line;
  auto write = [&](const Record& r, const Placement& p) {
    ++written;
    const store::FulltextCheck* check = nullptr;
    if (auto it = fulltext.find(r.id); it != fulltext.end()) {
      check = &it->second;
    }
    switch (format) {
    case ExportFormat::ris:
      if (p.screening.decision.empty()) {
        formats::write_ris(out, r);
      } else {
        write_ris_screened(out, r, p.screening);
      }
      break;
    case ExportFormat::csv:
      write_csv_row(out, line, r, p, check, with_fulltext);
      break;
    case ExportFormat::jsonl:
      write_jsonl_row(out, r, p, check, with_fulltext);
      break;
    }
  };
  auto target = screen::parse_stage(stage);
  if (selection == ExportSelection::pending && target && *target != screen::Stage::automatic) {
    // Ranked order (docs/screen.md): the records that reached the stage, labelled by their
    // outcome there (passed: relevant; excluded there: irrelevant; pending: to rank).
    std::vector<std::int64_t> ids;
    std::vector<std::string> texts;
    std::vector<rank::Label> labels;
    store.for_each_record([&](const Record& r) {
      auto p = placement(r.id);
      auto at = screen::parse_stage(p.screening.stage);
      if (!p.kept || !at || screen::stage_index(*at) < screen::stage_index(*target)) {
        return true;
      }
      ids.push_back(r.id);
      texts.push_back(r.title + " " + r.abstract);
      labels.push_back(*at != *target                      ? rank::Label::relevant
                       : p.screening.decision == "exclude" ? rank::Label::irrelevant
                       : p.screening.decision == "pending" ? rank::Label::pending
                                                           : rank::Label::relevant);
      return true;
    });
    if (ids.empty()) {
      return 0;
    }
    rank::Ranker ranker(rank::tfidf(texts));
    for (auto k : ranker.ranked(labels, 1)) {
      auto r = store.record(ids[k]);
      if (r) {
        write(*r, placement(r->id));
      }
    }
    return written;
  }
  store.for_each_record([&](const Record& r) {
    auto p = placement(r.id);
    if (selected(p, selection, stage)) {
      write(r, p);
    }
    return true;
  });
  return written;
}

} // namespace synth::project
