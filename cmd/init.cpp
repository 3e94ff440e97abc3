// synth init [DIR]: creates a review project (DESIGN.md section 2).
#include "command.hpp"
#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/core/project.hpp"
#include "synth/store/store.hpp"

namespace synth::cli {
namespace {

struct InitOptions
{
  std::string dir = ".";
};

int run_init(const InitOptions& options, const Globals& g)
{
  namespace fs = std::filesystem;
  Project project{fs::absolute(options.dir)};
  if (fs::exists(project.db())) {
    throw Error(fmt::format("{}: already a synth project", options.dir), "use it as it is, or choose another folder");
  }
  fs::create_directories(project.root);
  for (const auto& dir : {project.queries(), project.decisions(), project.extraction(), project.cache()}) {
    fs::create_directories(dir);
  }
  store::Store store(project.db(), store::Store::Mode::create);
  if (g.json) {
    print_json({{"project", project.root.string()}, {"store", project.db().string()}});
  } else {
    fmt::print("created review project {}\n", options.dir);
    note(g,
         fmt::format("next: put query files in {}/queries, then `synth search` or `synth import FILE`", options.dir));
  }
  return 0;
}

} // namespace

Runner setup_init(CLI::App& sub, const Globals& g)
{
  auto options = std::make_shared<InitOptions>();
  sub.add_option("dir", options->dir, "Folder of the new project (default: current directory)");
  return [options, &g] { return run_init(*options, g); };
}

} // namespace synth::cli
