#include "synth/dedup/evaluate.hpp"

#include "synth/core/error.hpp"
#include "synth/core/normalise.hpp"
#include "synth/formats/reader.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"
#include "synth/util/utf.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <unordered_map>

namespace synth::dedup {

namespace {

// "id_0000012" -> 12 (also "12").
std::int64_t label_number(std::string_view id)
{
  std::int64_t n = 0;
  bool any = false;
  for (char c : id) {
    if (c >= '0' && c <= '9') {
      n = n * 10 + (c - '0');
      any = true;
    }
  }
  return any ? n : -1;
}

// Assigns each labelled id (by number) the smallest number of its group.
std::unordered_map<std::int64_t, std::int64_t> read_groups(const std::filesystem::path& path)
{
  auto text = util::read_file(path);
  util::CsvTable table(text);
  util::CsvRow row;
  std::unordered_map<std::int64_t, std::int64_t> group;
  bool header = true;
  while (table.next(row)) {
    if (header) {
      header = false;
      continue;
    }
    if (row.fields.empty()) {
      continue;
    }
    std::vector<std::int64_t> ids;
    for (auto part : util::split(row.fields[0], ';')) {
      auto n = label_number(part);
      if (n < 0) {
        throw Error(fmt::format("{}:{}: bad record id '{}'", path.string(), row.line, part));
      }
      ids.push_back(n);
    }
    auto g = *std::min_element(ids.begin(), ids.end());
    for (auto id : ids) {
      group[id] = g;
    }
  }
  return group;
}

// Authors of a benchmark cell ("Deng, Chaoqun and Ravichandran, T." or ASySD's
// "Adeli K.Lewis G. F."), parsed here rather than by parse_author so that the evaluation
// does not depend on how readers treat these two dialects.
std::vector<Author> benchmark_authors(std::string_view cell)
{
  std::vector<Author> out;
  std::string text(cell);
  for (std::size_t p; (p = text.find(" and ")) != std::string::npos;) {
    text.replace(p, 5, ";");
  }
  for (auto part : util::split(text, ';')) {
    part = util::trim(part);
    if (part.empty()) {
      continue;
    }
    Author a;
    if (auto comma = part.find(','); comma != std::string_view::npos) {
      a.family = std::string(util::trim(part.substr(0, comma)));
      a.given = std::string(util::trim(part.substr(comma + 1)));
    } else {
      auto space = part.find(' ');
      a.family = std::string(part.substr(0, space));
      a.given = space == std::string_view::npos ? std::string() : std::string(util::trim(part.substr(space)));
    }
    out.push_back(std::move(a));
  }
  return out;
}

void read_records_csv(const std::string& text, const std::string& label, std::vector<Record>& out)
{
  formats::ReadContext ctx(label, false);
  std::size_t first = out.size();
  formats::read_text(text, formats::Format::csv, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  // Replace the reader's authors by this file's author column, row by row, and give a
  // paper in proceedings its venue: bib-dedupe's CSV keeps it in "booktitle", which the
  // CSV reader does not map (a BibTeX import maps it to the journal field).
  util::CsvTable table(text);
  util::CsvRow row;
  int column = -1;
  int booktitle = -1;
  bool header = true;
  std::size_t k = first;
  while (table.next(row)) {
    if (header) {
      header = false;
      for (std::size_t c = 0; c < row.fields.size(); ++c) {
        if (util::iequals(row.fields[c], "author")) {
          column = static_cast<int>(c);
        } else if (util::iequals(row.fields[c], "booktitle")) {
          booktitle = static_cast<int>(c);
        }
      }
      continue;
    }
    if (k >= out.size()) {
      break;
    }
    auto cell = [&](int c) -> std::string_view {
      return c >= 0 && static_cast<std::size_t>(c) < row.fields.size() ? row.fields[static_cast<std::size_t>(c)]
                                                                       : std::string_view{};
    };
    if (column >= 0) {
      out[k].authors = benchmark_authors(cell(column));
    }
    if (out[k].journal.empty()) {
      out[k].journal = util::collapse_space(cell(booktitle));
    }
    ++k;
  }
}

LabelledSet with_truth(std::string name, std::vector<Record> records,
                       const std::unordered_map<std::int64_t, std::int64_t>& groups, const std::string& file)
{
  LabelledSet set;
  set.name = std::move(name);
  set.records = std::move(records);
  std::unordered_map<std::int64_t, std::int64_t> seen;
  for (std::size_t k = 0; k < set.records.size(); ++k) {
    auto& r = set.records[k];
    auto label = label_number(r.source_id);
    if (label < 0) {
      throw Error(fmt::format("{}: record {} has no id", file, k + 1));
    }
    r.id = static_cast<std::int64_t>(k + 1);
    r.source = "benchmark";
    auto g = groups.find(label);
    set.truth.push_back(g == groups.end() ? -label - 1 : g->second);
  }
  return set;
}

std::string text_of(const pugi::xml_node& node)
{
  std::string out;
  for (auto n : node.select_nodes(".//text()")) {
    out += n.node().value();
  }
  return std::string(util::trim(out));
}

} // namespace

std::string cp1252_to_utf8(std::string_view bytes)
{
  static const char32_t high[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    util::append_utf8(out, c < 0x80 ? c : (c < 0xA0 ? high[c - 0x80] : c));
  }
  return out;
}

Counts evaluate(const LabelledSet& set, const Result& result)
{
  Counts c;
  std::unordered_map<std::int64_t, std::size_t> pos;
  for (std::size_t k = 0; k < set.records.size(); ++k) {
    pos[set.records[k].id] = k;
  }
  if (set.record_level) {
    std::unordered_map<std::int64_t, std::int64_t> size;
    for (const auto& m : result.members) {
      ++size[m.cluster_id];
    }
    for (const auto& m : result.members) {
      bool predicted = size[m.cluster_id] > 1;
      bool actual = set.truth[pos.at(m.record_id)] > 0;
      (predicted ? (actual ? c.tp : c.fp) : (actual ? c.fn : c.tn)) += 1;
    }
    return c;
  }
  std::unordered_map<std::int64_t, std::int64_t> group_size;
  for (auto g : set.truth) {
    ++group_size[g];
  }
  std::int64_t positives = 0;
  for (const auto& [g, n] : group_size) {
    positives += n - 1;
  }
  for (const auto& m : result.members) {
    if (m.kept) {
      continue;
    }
    auto mine = set.truth[pos.at(m.record_id)];
    auto kept = set.truth[pos.at(m.cluster_id)];
    (mine == kept ? c.tp : c.fp) += 1;
  }
  c.fn = positives - c.tp;
  c.tn = static_cast<std::int64_t>(set.records.size()) - c.tp - c.fp - c.fn;
  return c;
}

LabelledSet load_bib_dedupe(const std::filesystem::path& dir, const std::string& name)
{
  auto records_path = dir / "records_pre_merged.csv";
  std::vector<Record> records;
  read_records_csv(util::read_file(records_path), records_path.string(), records);
  auto groups = read_groups(dir / "merged_record_ids.csv");
  return with_truth(name, std::move(records), groups, records_path.string());
}

LabelledSet load_asysd(const std::filesystem::path& records_csv, const std::filesystem::path& groups_csv,
                       const std::string& name)
{
  auto text = cp1252_to_utf8(util::read_file(records_csv));
  std::vector<Record> records;
  read_records_csv(text, records_csv.string(), records);
  auto groups = read_groups(groups_csv);
  return with_truth(name, std::move(records), groups, records_csv.string());
}

LabelledSet load_endnote_captions(const std::filesystem::path& xml, const std::string& name)
{
  auto text = util::read_file(xml);
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size())) {
    throw Error(fmt::format("{}: not XML", xml.string()));
  }
  LabelledSet set;
  set.name = name;
  set.record_level = true;
  std::int64_t id = 0;
  for (auto node : doc.select_nodes("/xml/records/record")) {
    auto rec = node.node();
    Record r;
    r.id = ++id;
    r.source = "benchmark";
    r.source_id = text_of(rec.child("rec-number"));
    r.title = text_of(rec.child("titles").child("title"));
    for (auto a : rec.select_nodes("contributors/authors/author")) {
      for (auto& au : benchmark_authors(text_of(a.node()))) {
        r.authors.push_back(std::move(au));
      }
    }
    auto year = text_of(rec.child("dates").child("year"));
    r.year = parse_date(year).year;
    r.journal = text_of(rec.child("periodical").child("full-title"));
    if (r.journal.empty()) {
      r.journal = text_of(rec.child("titles").child("secondary-title"));
    }
    r.journal_abbrev = text_of(rec.child("periodical").child("abbr-1"));
    r.volume = text_of(rec.child("volume"));
    r.issue = text_of(rec.child("number"));
    r.pages = text_of(rec.child("pages"));
    r.doi = normalise_doi(text_of(rec.child("electronic-resource-num")));
    r.abstract = text_of(rec.child("abstract"));
    for (auto t : rec.select_nodes("work-type")) {
      r.publication_types.push_back(text_of(t.node()));
    }
    if (auto rt = rec.child("ref-type"); rt) {
      r.publication_types.emplace_back(rt.attribute("name").value());
    }
    finish_record(r);
    bool duplicate = text_of(rec.child("caption")) == "Duplicate";
    set.truth.push_back(duplicate ? 1 : -r.id);
    set.records.push_back(std::move(r));
  }
  if (set.records.empty()) {
    throw Error(fmt::format("{}: no EndNote records", xml.string()));
  }
  return set;
}

} // namespace synth::dedup
