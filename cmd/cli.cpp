// The synth app built from the command table: help texts with argument names, an epilog of
// exit codes and environment variables, examples, `synth help COMMAND`, the dispatch and
// the exit codes (DESIGN.md section 3).
#include "cli.hpp"

#include "output.hpp"

#include "synth/core/error.hpp"
#include "synth/core/version.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace synth::cli {
namespace {

struct Entry
{
  std::string_view name;
  std::string_view meaning;
};

// DESIGN.md section 3.
const std::vector<Entry> k_exit_codes{
  {"0", "success"},
  {"1", "failure: bad input data, network, store, a failed --expect"},
  {"2", "usage error: unknown command or flag, missing argument, no project"},
};

// DESIGN.md section 3 and docs/search.md (only `synth search` uses the network).
const std::vector<Entry> k_environment{
  {"SYNTH_PUBMED_URL", "E-utilities base URL (default https://eutils.ncbi.nlm.nih.gov/entrez/eutils/)"},
  {"SYNTH_CROSSREF_URL", "Crossref REST API base URL (default https://api.crossref.org/)"},
  {"SYNTH_OPENALEX_URL", "OpenAlex API base URL (default https://api.openalex.org)"},
  {"SYNTH_UNPAYWALL_URL", "Unpaywall API base URL for synth fulltext (default https://api.unpaywall.org)"},
  {"NCBI_API_KEY", "sent to NCBI as api_key (10 requests a second instead of 3); never printed"},
  {"OPENALEX_API_KEY", "sent to OpenAlex as api_key; never printed"},
  {"SYNTH_EMAIL", "sent to NCBI as email, to Crossref and OpenAlex as mailto, to Unpaywall as email "
                  "(required there); never printed"},
  {"SYNTH_HTTP_TIMEOUT", "seconds allowed for one request (60); SYNTH_CONNECT_TIMEOUT: to connect (15)"},
  {"SYNTH_RETRIES", "attempts after the first (5); SYNTH_RETRY_BASE_MS, SYNTH_RETRY_MAX_MS: backoff"},
};

const std::vector<Example> k_overview_examples{
  {"synth init my-review && cd my-review", "create a review project"},
  {"synth search queries/*.query && synth dedup && synth screen", "search, find duplicates, screen"},
  {"synth prisma --format svg -o prisma.svg", "draw the PRISMA 2020 flow diagram"},
};

const Command* find_command(std::string_view name)
{
  const auto& table = commands();
  auto it = std::find_if(table.begin(), table.end(), [&](const Command& c) { return c.name == name; });
  return it == table.end() ? nullptr : &*it;
}

std::string command_names()
{
  std::string names;
  for (const auto& c : commands()) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", c.name);
  }
  return names + ", help";
}

std::string entries(const std::vector<Entry>& list)
{
  std::size_t width = 0;
  for (const auto& e : list) {
    width = std::max(width, e.name.size());
  }
  std::string out;
  for (const auto& e : list) {
    out += fmt::format("  {:<{}}  {}\n", e.name, width, e.meaning);
  }
  return out;
}

std::string epilog(const std::vector<Example>& examples)
{
  std::string out = "Examples:\n";
  for (const auto& e : examples) {
    out += fmt::format("  {}\n      {}\n", e.command, e.what);
  }
  out += "\nExit status:\n" + entries(k_exit_codes);
  out += "\nEnvironment:\n" + entries(k_environment);
  return out;
}

// CLI11's formatter with the names of the table: positionals shown by their argument name
// (FILE, not files), a command's page led by its summary and description.
class Formatter : public CLI::Formatter
{
public:
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override
  {
    if (is_positional && !opt->get_option_text().empty()) {
      return opt->get_option_text();
    }
    return CLI::Formatter::make_option_name(opt, is_positional);
  }

  std::string make_option_opts(const CLI::Option* opt) const override
  {
    return opt->get_positional() ? std::string() : CLI::Formatter::make_option_opts(opt);
  }

  std::string make_description(const CLI::App* app) const override
  {
    if (app->get_parent() == nullptr) {
      return CLI::Formatter::make_description(app);
    }
    if (const Command* c = find_command(app->get_name())) {
      return fmt::format("synth {}: {}\n\n{}\n\n", c->name, c->summary, c->description);
    }
    return CLI::Formatter::make_description(app);
  }
};

std::string upper_name(const CLI::Option* opt)
{
  std::string name = opt->get_lnames().empty() ? opt->get_name(true, false) : opt->get_lnames().front();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char ch) { return ch == '-' ? '_' : static_cast<char>(std::toupper(ch)); });
  return name;
}

// The value's name after an option in help (--output FILE), from the table; an option the
// table does not name gets its own name in capitals, never CLI11's TEXT.
void name_arguments(CLI::App& sub, const Command& command)
{
  for (const auto& a : command.args) {
    if (sub.get_option_no_throw(std::string(a.option)) == nullptr) {
      throw std::logic_error(fmt::format("command table: synth {} has no option {}", command.name, a.option));
    }
  }
  for (auto* opt : sub.get_options()) {
    if (opt == sub.get_help_ptr() || (!opt->get_positional() && opt->get_type_name().empty())) {
      continue; // a flag: no value to name
    }
    std::string text;
    auto named = std::find_if(command.args.begin(), command.args.end(),
                              [&](const ArgName& a) { return opt->check_name(std::string(a.option)); });
    text = named != command.args.end() ? std::string(named->text) : upper_name(opt);
    if (!opt->get_positional()) {
      if (!opt->get_default_str().empty()) {
        text += "=" + opt->get_default_str();
      }
      if (opt->get_expected_max() >= CLI::detail::expected_max_vector_size) {
        text += " ...";
      }
    }
    opt->option_text(text);
  }
}

int print_error(const std::string& message, const std::string& hint)
{
  fmt::print(stderr, "synth: error: {}\n", message);
  if (!hint.empty()) {
    fmt::print(stderr, "hint: {}\n", hint);
  }
  return 0;
}

} // namespace

std::unique_ptr<Cli> make_cli()
{
  auto cli = std::make_unique<Cli>();
  auto& app = cli->app;
  auto formatter = std::make_shared<Formatter>();
  formatter->label("SUBCOMMAND", "COMMAND");
  formatter->column_width(34);
  app.formatter(formatter);
  app.set_version_flag("--version", std::string("synth ") + synth::k_version);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(fmt::format("Run `synth help COMMAND` (or synth COMMAND --help, man synth-COMMAND) for a command's\n"
                         "options and examples.\n\n{}",
                         epilog(k_overview_examples)));

  auto& g = cli->globals;
  app.add_option("--project", cli->project, "Review project folder (default: current directory)")->option_text("DIR");
  app.add_flag("--json", g.json, "Print one JSON document on stdout");
  auto* verbose = app.add_flag("-v,--verbose", g.verbose, "More diagnostics on stderr (repeat for more)");
  auto* quiet = app.add_flag("-q,--quiet", g.quiet, "Only errors on stderr");
  verbose->excludes(quiet);

  for (const auto& command : commands()) {
    auto* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    sub->group("Commands");
    sub->footer(epilog(command.examples));
    auto runner = command.setup(*sub, g);
    name_arguments(*sub, command);
    cli->runners.emplace_back(sub, std::move(runner));
  }

  auto* help = app.add_subcommand("help", "The help page of synth or of one COMMAND");
  help->group("Commands");
  help->add_option("command", cli->help_topic, "A command of synth")->option_text("COMMAND");
  help->footer(epilog({{"synth help import", "the options and examples of synth import"}}));
  Cli* self = cli.get();
  cli->runners.emplace_back(help, [self] {
    fmt::print("{}", help_page(*self, self->help_topic));
    return 0;
  });
  return cli;
}

std::string help_page(Cli& cli, const std::string& command)
{
  if (command.empty()) {
    return cli.app.get_formatter()->make_help(&cli.app, "synth", CLI::AppFormatMode::Normal);
  }
  if (find_command(command) == nullptr && command != "help") {
    throw UsageError(fmt::format("unknown command '{}'", command),
                     fmt::format("one of {}; see synth --help", command_names()));
  }
  auto* sub = cli.app.get_subcommand(command);
  return sub->get_formatter()->make_help(sub, "synth " + command, CLI::AppFormatMode::Normal);
}

int run(int argc, char** argv)
{
  auto cli = make_cli();
  auto& app = cli->app;

  // "synth serch": CLI11 would say only that a subcommand is required.
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--project") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') {
      continue;
    }
    if (find_command(arg) == nullptr && arg != "help") {
      print_error(fmt::format("unknown command '{}'", arg),
                  fmt::format("one of {}; see synth --help", command_names()));
      return 2;
    }
    break;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors speak like every other error: "synth: error: ...", a hint, exit 2.
    std::string where = "synth";
    for (const auto* sub : app.get_subcommands()) {
      where += " " + sub->get_name();
    }
    print_error(e.what(), fmt::format("see {} --help", where));
    return e.get_exit_code() == 0 ? 0 : 2;
  }
  auto& globals = cli->globals;
  if (!cli->project.empty()) {
    globals.project = cli->project;
  }

  if (globals.quiet) {
    silence_warnings();
  }
  auto logger = spdlog::stderr_color_mt("synth");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("synth: %l: %v");
  spdlog::set_level(globals.quiet         ? spdlog::level::err
                    : globals.verbose > 1 ? spdlog::level::debug
                    : globals.verbose     ? spdlog::level::info
                                          : spdlog::level::warn);

  for (auto& [sub, runner] : cli->runners) {
    if (sub->parsed()) {
      try {
        int rc = runner();
        finish_stdout();
        return rc;
      } catch (const synth::UsageError& e) {
        print_error(e.what(), e.hint());
        return 2;
      } catch (const synth::Error& e) {
        print_error(e.what(), e.hint());
        return 1;
      } catch (const std::exception& e) {
        print_error(e.what(), {});
        return 1;
      }
    }
  }
  return 2;
}

} // namespace synth::cli
