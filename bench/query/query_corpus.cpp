// query_corpus [DIR]: what synth makes of every real strategy in the fixtures
// ($SYNTH_FIXTURES/queries, or DIR): for each folder, how many files are accepted (sent
// as written, warnings or not), refused (errors), or kept verbatim as another
// platform's syntax; every finding counted by code; and the files of another platform
// checked once more as if their header said `database: pubmed`, to show that each is
// named (never read as PubMed). The figures quoted in docs/search.md come from this.
#include "synth/query/query.hpp"
#include "synth/util/input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace synth::query;
namespace fs = std::filesystem;

namespace {

struct Tally
{
  int files = 0;
  int accepted = 0;
  int accepted_clean = 0; // without a warning
  int refused = 0;
  int verbatim = 0; // another platform's syntax, under its own database
  std::map<std::string, int> warnings;
  std::map<std::string, int> errors;
  std::map<std::string, int> syntaxes;

  void add(const QueryFile& q)
  {
    ++files;
    if (has_errors(q)) {
      ++refused;
    } else if (q.syntax != Syntax::pubmed) {
      ++verbatim;
      ++syntaxes[std::string(syntax_name(q.syntax))];
    } else {
      ++accepted;
      accepted_clean += q.findings.empty() ? 1 : 0;
    }
    for (const auto& f : q.findings) {
      ++(f.severity == Severity::error ? errors : warnings)[f.code];
    }
  }
};

std::string counts(const std::map<std::string, int>& m)
{
  std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [code, n] : v) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", code, n);
  }
  return out.empty() ? "none" : out;
}

void print(const std::string& label, const Tally& t)
{
  fmt::print("{}: {} files: {} accepted ({} without a finding), {} refused, {} kept verbatim{}\n", label, t.files,
             t.accepted, t.accepted_clean, t.refused, t.verbatim,
             t.syntaxes.empty() ? "" : " (" + counts(t.syntaxes) + ")");
  fmt::print("  warnings by code: {}\n", counts(t.warnings));
  fmt::print("  errors by code:   {}\n", counts(t.errors));
}

} // namespace

int main(int argc, char** argv)
{
  fs::path root;
  if (argc > 1) {
    root = argv[1];
  } else if (const char* env = std::getenv("SYNTH_FIXTURES"); env && *env) {
    root = fs::path(env) / "queries";
  } else {
    root = fs::path(SYNTH_FIXTURES_DEFAULT) / "queries";
  }
  if (!fs::is_directory(root)) {
    fmt::print(stderr, "query_corpus: no folder {} (set SYNTH_FIXTURES)\n", root.string());
    return 1;
  }
  std::map<std::string, std::vector<fs::path>> folders;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() == ".query") {
      folders[fs::relative(e.path().parent_path(), root).generic_string()].push_back(e.path());
    }
  }
  Tally all;
  Tally foreign_as_pubmed;
  int named = 0;
  for (auto& [folder, files] : folders) {
    std::sort(files.begin(), files.end());
    Tally t;
    for (const auto& path : files) {
      auto text = synth::util::read_file(path);
      auto q = check_query_text(text, path.string());
      t.add(q);
      all.add(q);
      if (q.syntax != Syntax::pubmed && engine(q) == Engine::manual) {
        // the same strategy under database: pubmed
        auto at = text.find("database: " + q.database);
        text.replace(at, 10 + q.database.size(), "database: pubmed");
        auto as_pubmed = check_query_text(text, path.string());
        foreign_as_pubmed.add(as_pubmed);
        bool is_named = !as_pubmed.findings.empty() && as_pubmed.findings.front().code == "FOREIGN-SYNTAX"
                        && as_pubmed.findings.front().message.find(std::string(syntax_name(q.syntax)) + " syntax")
                             != std::string::npos;
        named += is_named ? 1 : 0;
      }
    }
    print(folder, t);
  }
  print("all", all);
  if (foreign_as_pubmed.files > 0) {
    fmt::print("other platforms' strategies under database: pubmed: {} of {} refused and named with their platform "
               "and line\n",
               named, foreign_as_pubmed.files);
  }
  return 0;
}
