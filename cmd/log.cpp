// synth log: the search log (PRISMA-S items 1, 8, 9, 13, 15): every search and import with
// its database, query, date, counts and synth version.
#include "command.hpp"
#include "output.hpp"

#include "synth/store/screen_tables.hpp"
#include "synth/store/store.hpp"

namespace synth::cli {
namespace {

std::vector<std::string> util_lines(const std::string& text)
{
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  if (!cur.empty()) {
    out.push_back(cur);
  }
  return out;
}

nlohmann::json opt(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

// What the search recorded beyond the counts: how PubMed read the term, which field tags
// could not be applied to some records, and the warnings of the run.
void print_notes(const store::SearchDetails& d)
{
  const auto& e = d.engine;
  if (auto t = e.find("query_translation"); t != e.end() && t->is_string()) {
    fmt::print("  translation:  {}\n", t->get<std::string>());
  }
  if (auto u = e.find("unhonoured_tags"); u != e.end() && u->is_object()) {
    for (const auto& [tag, n] : u->items()) {
      fmt::print("  not applied:  [{}] on {} records that lack the field\n", tag, n.dump());
    }
  }
  for (const auto& f : d.findings) {
    fmt::print("  finding:      {}:{}: {} [{}]: {}{}\n", f.line, f.col, f.severity, f.code, f.message,
               f.fix.empty() ? "" : "; " + f.fix);
  }
  for (const auto& text : d.warnings) {
    fmt::print("  warning:      {}\n", text);
  }
}

// A stop by the stopping rule (synth screen --stop-by-rule, docs/screen.md).
void print_stop(const store::ScreenStop& s)
{
  fmt::print("#stop-{} {} stopping rule {}\n", s.id, s.run_at, s.stage);
  fmt::print("  rule:         Callaghan & Mueller-Hansen 2020, recall >= {:g} % with {:g} % confidence\n",
             100 * s.target, 100 * s.confidence);
  fmt::print("  target:       {:g}\n  confidence:   {:g}\n  p-value:      {:.3g}\n", s.target, s.confidence, s.p_value);
  fmt::print("  reviewer:     {}\n  screened:     {}\n  relevant:     {}\n", s.reviewer, thousands(s.screened),
             thousands(s.relevant));
  fmt::print("  unscreened:   {} (excluded in {})\n  synth:        {}\n", thousands(s.unscreened), s.file,
             s.tool_version);
}

nlohmann::json stop_json(const store::ScreenStop& s)
{
  return {{"id", s.id},
          {"kind", "stopping-rule"},
          {"stage", s.stage},
          {"reviewer", s.reviewer},
          {"rule", "Callaghan & Mueller-Hansen 2020"},
          {"target", s.target},
          {"confidence", s.confidence},
          {"p_value", s.p_value},
          {"screened", s.screened},
          {"relevant", s.relevant},
          {"unscreened", s.unscreened},
          {"file", s.file},
          {"run_at", s.run_at},
          {"tool_version", s.tool_version}};
}

int run_log(bool full, const Globals& g)
{
  auto store = open_store(g);
  auto runs = store->searches();
  auto stops = store::screen_stops(*store);
  if (g.json) {
    auto list = nlohmann::json::array();
    for (const auto& r : runs) {
      auto details = store::details_to_json(r.details);
      list.push_back({{"id", r.id},
                      {"kind", r.kind},
                      {"database", r.database},
                      {"query_file", r.query_file},
                      {"query_text", r.query_text},
                      {"query_sent", r.query_sent},
                      {"file", r.file},
                      {"format", r.format},
                      {"run_at", r.run_at},
                      {"hits_reported", opt(r.hits_reported)},
                      {"records_retrieved", r.records_retrieved},
                      {"records_matched", opt(r.records_matched)},
                      {"records_new", r.records_new},
                      {"tool_version", r.tool_version},
                      {"details", details}});
    }
    auto stop_list = nlohmann::json::array();
    for (const auto& s : stops) {
      stop_list.push_back(stop_json(s));
    }
    print_json({{"searches", list}, {"stops", stop_list}});
    return 0;
  }
  if (runs.empty() && stops.empty()) {
    fmt::print("no searches or imports yet\n");
    return 0;
  }
  for (const auto& r : runs) {
    fmt::print("#{} {} {} {}\n", r.id, r.run_at, r.kind, r.database);
    if (!r.query_file.empty()) {
      fmt::print("  query file:   {}\n", r.query_file);
    }
    if (!r.file.empty()) {
      fmt::print("  file:         {}{}\n", r.file, r.format.empty() ? "" : " (" + r.format + ")");
    }
    if (r.query_sent.find('\n') != std::string::npos) {
      // a hand-run strategy, verbatim, one line of it per line
      fmt::print("  strategy:\n");
      for (const auto& line : util_lines(r.query_sent)) {
        fmt::print("    {}\n", line);
      }
    } else if (!r.query_sent.empty()) {
      fmt::print("  query sent:   {}\n", r.query_sent);
    }
    if (r.hits_reported) {
      fmt::print("  hits:         {}\n", thousands(*r.hits_reported));
    }
    fmt::print("  retrieved:    {}\n", thousands(r.records_retrieved));
    if (r.records_matched) {
      fmt::print("  matched:      {}\n", thousands(*r.records_matched));
    }
    fmt::print("  new:          {}\n", thousands(r.records_new));
    fmt::print("  synth:        {}\n", r.tool_version);
    print_notes(r.details);
    if (full && !r.query_text.empty()) {
      fmt::print("  query text:\n");
      for (auto line : util_lines(r.query_text)) {
        fmt::print("    {}\n", line);
      }
    }
  }
  for (const auto& s : stops) {
    print_stop(s);
  }
  return 0;
}

} // namespace

Runner setup_log(CLI::App& sub, const Globals& g)
{
  auto full = std::make_shared<bool>(false);
  sub.add_flag("--full", *full, "Also print each query file verbatim");
  return [full, &g] { return run_log(*full, g); };
}

} // namespace synth::cli
