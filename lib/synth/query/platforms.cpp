#include "synth/query/platforms.hpp"

#include "synth/query/platforms_boolean.hpp"

#include "synth/core/error.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace synth::query {

namespace {

using namespace platforms_detail;

// Ovid limits a line, not an expression (`limit 3 to english language`): a line whose whole
// search is limited without naming a line (Scopus's one query `((...) AND
// LANGUAGE(english)) AND (PUBYEAR > 1989 AND PUBYEAR < 2014)`) becomes a line for the search
// and one `limit N to ...` line for each limit, innermost first; the last keeps the line's
// number, so references to it still name it. The new lines take numbers below zero, which
// the writers' numbering maps like any other.
Strategy limits_on_lines(const Strategy& s)
{
  Strategy out = s;
  out.lines.clear();
  int fresh = 0;
  for (const auto& l : s.lines) {
    std::vector<const Node*> groups;
    for (const Node* x = l.expression.get();
         x != nullptr && x->kind == Node::Kind::group && !x->limits.empty() && x->children.size() == 1
         && x->children[0]->kind != Node::Kind::reference;
         x = x->children[0].get()) {
      groups.push_back(x);
    }
    if (groups.empty()) {
      out.lines.push_back(l);
      continue;
    }
    Line search = l;
    search.number = --fresh;
    search.expression = groups.back()->children[0];
    out.lines.push_back(search);
    for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
      const Line& before = out.lines.back();
      auto ref = std::make_shared<Node>();
      ref->kind = Node::Kind::reference;
      ref->reference = before.number;
      ref->line = (*it)->line;
      ref->col = (*it)->col;
      ref->children = {before.expression};
      auto limited = std::make_shared<Node>(**it);
      limited->children = {ref};
      Line next = l;
      next.number = std::next(it) == groups.rend() ? l.number : --fresh;
      next.expression = limited;
      out.lines.push_back(next);
    }
  }
  if (!out.lines.empty()) {
    out.expression = out.lines.back().expression;
  }
  return out;
}

// What the source platform searches that no other platform's field or phrase holds, by the
// file line of the search: Web of Science's TS= (and a term without a tag, read as TS) adds
// Keywords Plus (the tree has no field for it); Scopus's "..." is a loose phrase
// (Node::loose_phrase), which no other platform has. Said on the target's line.
void source_only_notes(const Node& n, Syntax source, Syntax target, std::vector<std::string>& out)
{
  if (n.kind == Node::Kind::reference) {
    return; // the line it names says it
  }
  if (n.kind == Node::Kind::term) {
    const FieldSet topic{Field::title, Field::abstract, Field::keywords};
    if (source == Syntax::wos && n.fields == topic && !n.heading) {
      out.push_back(fmt::format("Web of Science's TS= (topic) also searches Keywords Plus (words from the titles of "
                                "cited references), which {} does not have: narrowed",
                                syntax_name(target)));
    }
    if (n.loose_phrase) {
      out.push_back(fmt::format("Scopus's \"{}\" is a loose phrase (plurals and spelling variants, punctuation "
                                "ignored): written as {}'s phrase, narrowed",
                                n.text, syntax_name(target)));
    }
    return;
  }
  for (const auto& c : n.children) {
    source_only_notes(*c, source, target, out);
  }
}

std::string header_value(const QueryFile& q, const std::string& key)
{
  auto it = q.header.find(key);
  return it == q.header.end() ? std::string() : it->second;
}

std::unique_ptr<LineWriter> make_writer(Syntax source, Syntax target, Notes& notes, const Numbers& numbers,
                                        Vocabulary vocabulary)
{
  switch (target) {
  case Syntax::pubmed:
    return pubmed_writer(notes, numbers);
  case Syntax::ovid:
    return ovid_writer(notes, numbers, target_vocabulary(Syntax::ovid, vocabulary));
  case Syntax::ebsco:
    return ebsco_writer(notes, numbers);
  case Syntax::proquest:
    return proquest_writer(notes, numbers);
  case Syntax::wos:
    return wos_writer(notes, numbers, source == Syntax::wos);
  case Syntax::scopus:
    return scopus_writer(notes, numbers);
  case Syntax::cochrane:
    return cochrane_writer(notes, numbers);
  }
  return pubmed_writer(notes, numbers);
}

// How the target numbers line n of its history in the query file: PubMed, Web of Science
// and Cochrane #n, EBSCOhost and ProQuest Sn, Ovid by position (no prefix).
std::string line_prefix(Syntax target, int n)
{
  switch (target) {
  case Syntax::pubmed:
  case Syntax::wos:
  case Syntax::cochrane:
    return fmt::format("#{}", n);
  case Syntax::ebsco:
  case Syntax::proquest:
    return fmt::format("S{}", n);
  case Syntax::ovid:
  case Syntax::scopus:
    return "";
  }
  return "";
}

std::string note_label(Syntax target, int n)
{
  switch (target) {
  case Syntax::ovid:
    return fmt::format("line {}", n);
  case Syntax::scopus:
    return fmt::format("from line {}", n);
  default:
    return line_prefix(target, n);
  }
}

} // namespace

std::vector<std::string> field_names(const FieldSet& fields)
{
  static const char* const names[] = {"title",
                                      "abstract",
                                      "keywords",
                                      "text_words",
                                      "all_fields",
                                      "heading",
                                      "subheading",
                                      "substance",
                                      "pharmacological_action",
                                      "author",
                                      "author_first",
                                      "author_last",
                                      "author_full",
                                      "author_identifier",
                                      "investigator",
                                      "corporate_author",
                                      "editor",
                                      "affiliation",
                                      "journal",
                                      "journal_identifier",
                                      "volume",
                                      "issue",
                                      "pages",
                                      "location_identifier",
                                      "article_identifier",
                                      "record_identifier",
                                      "isbn",
                                      "book",
                                      "language",
                                      "publication_type",
                                      "publisher",
                                      "place_of_publication",
                                      "secondary_source",
                                      "grant",
                                      "conflict_of_interest",
                                      "personal_name_subject",
                                      "transliterated_title",
                                      "filter",
                                      "date_publication",
                                      "date_entry",
                                      "date_create",
                                      "date_mesh",
                                      "date_completion",
                                      "date_modification",
                                      "heading_word"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<std::size_t>(Field::heading_word) + 1);
  std::vector<std::string> out;
  for (std::size_t b = 0; b < sizeof(names) / sizeof(names[0]); ++b) {
    if (fields.has(static_cast<Field>(b))) {
      out.emplace_back(names[b]);
    }
  }
  return out;
}

std::string vocabulary_name(Vocabulary vocabulary)
{
  switch (vocabulary) {
  case Vocabulary::mesh:
    return "MeSH";
  case Vocabulary::emtree:
    return "Emtree";
  case Vocabulary::cinahl:
    return "CINAHL Headings";
  case Vocabulary::apa:
    return "APA Thesaurus";
  case Vocabulary::sociological:
    return "Sociological Thesaurus";
  case Vocabulary::eric:
    return "ERIC Thesaurus";
  case Vocabulary::database:
    return "database thesaurus";
  }
  return "MeSH";
}

Vocabulary target_vocabulary(Syntax target, Vocabulary source)
{
  switch (target) {
  case Syntax::ovid:
    return source == Vocabulary::emtree || source == Vocabulary::apa || source == Vocabulary::cinahl
               || source == Vocabulary::eric
             ? source
             : Vocabulary::mesh;
  case Syntax::ebsco:
    return source == Vocabulary::apa || source == Vocabulary::cinahl ? source : Vocabulary::mesh;
  default:
    return Vocabulary::mesh;
  }
}

bool can_translate_to(Syntax /*target*/) { return true; }

Translation translate_strategy(const QueryFile& query, const Strategy& source, Syntax target)
{
  if (!can_translate_to(target)) {
    throw Error(fmt::format("synth cannot write {} syntax", syntax_name(target)));
  }
  for (const auto& f : source.findings) {
    if (f.severity == Severity::error) {
      throw Error(error_text(query.path, f));
    }
  }
  if (!source.expression) {
    throw Error(fmt::format("{}: no search to translate", query.path));
  }
  // one term ORed under several fields is written once, in the union of the fields
  const Strategy merged = merge_same_terms(source, target);
  const Strategy strategy = target == Syntax::ovid ? limits_on_lines(merged) : merged;
  Translation t;
  t.from = strategy.syntax;
  t.to = target;
  Notes notes(t.notes);
  // line n of the source is line n of the target, numbered 1, 2, 3 ... as both platforms
  // number their histories
  std::map<int, int> numbers;
  int next = 0;
  for (const auto& l : strategy.lines) {
    numbers[l.number] = ++next;
  }
  auto writer = make_writer(strategy.syntax, target, notes, numbers, strategy.vocabulary);
  std::vector<std::string> body;
  next = 0;
  // read on the source's lines, before terms are merged (TI=x OR AB=x OR AK=x is not TS=x)
  std::map<int, std::vector<std::string>> lost;
  for (const auto& l : source.lines) {
    if (target != source.syntax && l.expression) {
      source_only_notes(*l.expression, source.syntax, target, lost[l.line]);
    }
  }
  for (const auto& l : strategy.lines) {
    notes.at(++next);
    if (auto it = lost.find(l.line); it != lost.end()) {
      for (auto& text : it->second) {
        notes.add(std::move(text));
      }
      lost.erase(it); // said on the first line written for it
    }
    auto text = writer->write_line(*l.expression);
    t.lines.push_back(text);
    if (target == Syntax::scopus) {
      continue; // one query: the last line, references written out
    }
    auto prefix = line_prefix(target, next);
    body.push_back(prefix.empty() ? text : fmt::format("{} {}", prefix, text));
  }
  if (target == Syntax::scopus && !t.lines.empty()) {
    body.push_back(t.lines.back());
  }
  if (target != Syntax::pubmed && !query.limits.empty()) {
    notes.at(0);
    notes.add(fmt::format("the header's date window and language stay in the header, not in the lines: run the last "
                          "line with {}'s limits",
                          syntax_name(target)));
  }
  std::string out;
  out += fmt::format("# Translated by synth from {} ({} syntax) to {} syntax.\n", query.path, syntax_name(t.from),
                     syntax_name(target));
  if (t.notes.empty()) {
    out += "# Nothing lost: every line says what the original says.\n";
  } else {
    out += fmt::format("# {} lossy step{}, by line of this history:\n", t.notes.size(), t.notes.size() == 1 ? "" : "s");
    for (const auto& n : t.notes) {
      out += n.line == 0 ? fmt::format("#   the file: {}\n", n.text)
                         : fmt::format("#   {}: {}\n", note_label(target, n.line), n.text);
    }
  }
  if (target_vocabulary(target, strategy.vocabulary) == Vocabulary::mesh) {
    out += fmt::format("database: {}\n", syntax_key(target));
  } else {
    // a CINAHL strategy written for Ovid is for CINAHL on Ovid: its headings are CINAHL's
    out += fmt::format("database: {}\nsyntax: {}\n", query.database, syntax_key(target));
  }
  for (const char* key : {"name", "date-from", "date-to", "language"}) {
    if (auto v = header_value(query, key); !v.empty()) {
      out += fmt::format("{}: {}\n", key, v);
    }
  }
  for (const auto& [key, value] : query.header) {
    if (key.rfind("x-", 0) == 0 && key != "x-translated-from") {
      out += fmt::format("{}: {}\n", key, value);
    }
  }
  out += fmt::format("x-translated-from: {} ({})\n", query.path, syntax_key(t.from));
  out += "---\n";
  for (const auto& line : body) {
    out += line + "\n";
  }
  t.text = std::move(out);
  return t;
}

} // namespace synth::query
