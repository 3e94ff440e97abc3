// synth translate FILE --to PLATFORM: a query file written for another platform, with a
// header comment listing every lossy step by line (docs/translate.md).
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/query/platforms.hpp"
#include "synth/util/file_write.hpp"

#include <cstdio>

namespace synth::cli {
namespace {

struct TranslateOptions
{
  std::string file;
  std::string to;
  std::string output;
  bool json = false;
};

nlohmann::json node_json(const query::Node& n);

nlohmann::json limit_json(const query::Node& n)
{
  nlohmann::json j;
  j["kind"] = "limit";
  j["children"] = {node_json(*n.children[0])};
  nlohmann::json limits = nlohmann::json::array();
  for (const auto& l : n.limits) {
    static const char* const kinds[] = {"publication_date", "language", "other"};
    limits.push_back({{"kind", kinds[static_cast<int>(l.kind)]},
                      {"from", l.from},
                      {"to", l.to},
                      {"languages", l.languages},
                      {"text", l.text}});
  }
  j["limits"] = limits;
  return j;
}

// The tree as JSON: what a term means (text, fields, heading, wildcards, proximity), the
// operators, references by line number (not expanded), limits.
nlohmann::json node_json(const query::Node& n)
{
  using K = query::Node::Kind;
  nlohmann::json j;
  switch (n.kind) {
  case K::term: {
    j["kind"] = "term";
    j["text"] = n.text;
    j["phrase"] = n.is_phrase;
    j["loose_phrase"] = n.loose_phrase; // Scopus's "..." (its {...} is exact)
    j["fields"] = query::field_names(n.fields);
    if (!n.tag.empty()) {
      j["tag"] = n.tag;
    }
    if (n.heading) {
      j["heading"] = {{"vocabulary", query::vocabulary_name(n.heading->vocabulary)},
                      {"explode", n.heading->explode},
                      {"major", n.heading->major},
                      {"subheading", n.heading->subheading}};
    }
    if (n.proximity) {
      j["proximity"] = {{"max_words_between", n.proximity->max_words_between}, {"ordered", n.proximity->ordered}};
    }
    nlohmann::json wc = nlohmann::json::array();
    for (const auto& w : n.wildcards) {
      static const char* const kinds[] = {"any_characters", "optional_character", "one_character"};
      wc.push_back(
        {{"kind", kinds[static_cast<int>(w.kind)]}, {"at_end", w.at_end}, {"max_characters", w.max_characters}});
    }
    j["wildcards"] = wc;
    return j;
  }
  case K::date_range:
    j["kind"] = "date_range";
    j["text"] = query::render(n);
    return j;
  case K::group:
    if (!n.limits.empty()) {
      return limit_json(n);
    }
    j["kind"] = "group";
    j["children"] = {node_json(*n.children[0])};
    return j;
  case K::reference:
    j["kind"] = "reference";
    j["line"] = n.reference;
    return j;
  case K::chain: {
    j["kind"] = "chain";
    nlohmann::json children = nlohmann::json::array();
    for (const auto& c : n.children) {
      children.push_back(node_json(*c));
    }
    nlohmann::json ops = nlohmann::json::array();
    for (const auto& o : n.ops) {
      nlohmann::json op = o.op == query::Op::op_and ? "AND" : o.op == query::Op::op_or ? "OR" : "NOT";
      if (o.near) {
        op = {{"near", {{"max_words_between", o.near->max_words_between}, {"ordered", o.near->ordered}}}};
      }
      ops.push_back(op);
    }
    j["children"] = children;
    j["ops"] = ops;
    return j;
  }
  }
  return j;
}

int run_translate(const TranslateOptions& o, const Globals& g)
{
  query::Syntax target = query::Syntax::pubmed;
  bool known = false;
  for (auto s : {query::Syntax::pubmed, query::Syntax::ovid, query::Syntax::ebsco, query::Syntax::wos,
                 query::Syntax::scopus, query::Syntax::proquest, query::Syntax::cochrane}) {
    if (o.to == query::syntax_key(s)) {
      target = s;
      known = true;
    }
  }
  if (!known || !query::can_translate_to(target)) {
    throw UsageError(fmt::format("--to {}: synth writes pubmed, ovid, ebsco, proquest, wos, scopus or cochrane", o.to));
  }
  auto q = query::check_query_file(o.file);
  auto strategy = query::read_strategy(q);
  auto t = query::translate_strategy(q, strategy, target);
  if (g.json || o.json) {
    nlohmann::json lines = nlohmann::json::array();
    for (std::size_t i = 0; i < strategy.lines.size(); ++i) {
      lines.push_back({{"number", i + 1},
                       {"source_line", strategy.lines[i].line},
                       {"source", strategy.lines[i].text},
                       {"text", i < t.lines.size() ? t.lines[i] : std::string()},
                       {"tree", node_json(*strategy.lines[i].expression)}});
    }
    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : t.notes) {
      notes.push_back({{"line", n.line}, {"note", n.text}});
    }
    print_json({{"file", o.file},
                {"from", query::syntax_key(t.from)},
                {"to", query::syntax_key(t.to)},
                {"lines", lines},
                {"notes", notes},
                {"text", t.text}});
    return 0;
  }
  if (o.output.empty() || o.output == "-") {
    std::fputs(t.text.c_str(), stdout);
    finish_stdout();
  } else {
    util::write_file_atomically(o.output, t.text);
    note(g, fmt::format("wrote {} ({} lines, {} lossy step{})", o.output, t.lines.size(), t.notes.size(),
                        t.notes.size() == 1 ? "" : "s"));
  }
  return 0;
}

} // namespace

Runner setup_translate(CLI::App& sub, const Globals& g)
{
  auto o = std::make_shared<TranslateOptions>();
  sub
    .add_option("file", o->file,
                "The query file to translate (PubMed, Ovid, EBSCOhost, ProQuest, WoS, Scopus or Cochrane syntax)")
    ->required()
    ->check(CLI::ExistingFile);
  sub.add_option("--to", o->to, "The platform to write for: pubmed, ovid, ebsco, proquest, wos, scopus or cochrane")
    ->required()
    ->check(CLI::IsMember({"pubmed", "ovid", "ebsco", "proquest", "wos", "scopus", "cochrane"}));
  sub.add_option("-o,--output", o->output, "Write the query file to FILE instead of stdout");
  sub.add_flag("--json", o->json, "Print the tree, the lines and the notes as one JSON document");
  return [o, &g] { return run_translate(*o, g); };
}

} // namespace synth::cli
