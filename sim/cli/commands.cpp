// gigsim commands; see commands.hpp. Every error is caught here, once, and turned into an exit
// code: InputError -> 2, anything else -> 1.
#include "cli/commands.hpp"

#include <omp.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "cli/summary.hpp"
#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "engine/run.hpp"
#include "engine/simulation.hpp"
#include "io/run_file.hpp"
#include "scenario/parameter_docs.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"

namespace po = boost::program_options;

namespace gigsim::cli {
namespace {

volatile std::sig_atomic_t g_stop_requested = 0;

extern "C" void request_stop(int) { g_stop_requested = 1; }

constexpr const char* kUsage =
    R"(gigsim - agent-based simulator of online freelance work under AI automation

Usage:
  gigsim run [SCENARIO] [-o FILE] [--seed N] [--steps N] [--threads N] [--set KEY=VALUE]...
             [--force] [--quiet] [--profile]
  gigsim validate SCENARIO
  gigsim show-defaults [--markdown]
  gigsim --version
  gigsim --help

Commands:
  run            Simulate a scenario (the embedded baseline when none is given) and write the
                 weekly time series to an HDF5 file (default results/<scenario>.h5).
  validate       Check a scenario file; print the problems with file:line:column.
  show-defaults  Print every parameter with its default, range, unit, doc and source: a complete
                 scenario file to copy and edit.

Examples:
  gigsim run                                    # baseline, 260 weeks -> results/baseline.h5
  gigsim run scenarios/baseline.toml -o out.h5 --seed 7 --threads 2
  gigsim run --steps 52 --set fees.schedule=flat --set policy.min_hourly_rate_usd=4
  gigsim validate my_scenario.toml
  gigsim show-defaults > my_scenario.toml

Exit codes: 0 ok, 1 runtime failure, 2 bad input (scenario, option, path), 130 interrupted.
)";

struct RunCommand {
  std::string scenario_path;
  std::string output_path;
  std::vector<std::string> sets;
  long long seed = -1;
  long long steps = -1;
  int threads = 0;
  bool force = false;
  bool quiet = false;
  bool profile = false;
};

po::options_description run_options(RunCommand& cmd) {
  po::options_description options("run options");
  auto add = options.add_options();
  add("output,o", po::value(&cmd.output_path), "result file (HDF5)");
  add("seed", po::value(&cmd.seed), "master seed (overrides run.seed)");
  add("steps", po::value(&cmd.steps), "weeks to simulate (overrides run.weeks)");
  add("threads", po::value(&cmd.threads), "OpenMP threads (default: all cores)");
  add("set", po::value(&cmd.sets)->composing(), "KEY=VALUE parameter override (repeatable)");
  add("force", po::bool_switch(&cmd.force), "overwrite a complete result file");
  add("quiet", po::bool_switch(&cmd.quiet), "no progress and no summary");
  add("profile", po::bool_switch(&cmd.profile), "print the wall time of each phase");
  add("scenario", po::value(&cmd.scenario_path), "scenario file");
  return options;
}

/// Parses the arguments after the command name; unknown options are bad input.
void parse_command_line(const std::vector<std::string>& args, po::options_description& options,
                        const po::positional_options_description& positional,
                        po::variables_map& values) {
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    throw InputError(std::string(error.what()) + " (see gigsim --help)");
  }
}

/// Applies `--seed N` or `--steps N` as `--set key=N`, with errors naming the option typed.
void apply_option_as_set(Scenario& scenario, const std::string& option, const std::string& key,
                         long long value) {
  const std::string set = key + "=" + std::to_string(value);
  try {
    apply_set_option(scenario, set);
  } catch (const InputError& error) {
    std::string message = error.what();
    const std::string prefix = "--set " + set;
    if (message.rfind(prefix, 0) == 0)
      message = option + " " + std::to_string(value) + message.substr(prefix.size());
    throw InputError(message);
  }
}

Scenario load_scenario(const std::string& path) {
  return path.empty() ? load_embedded_baseline() : load_scenario_file(path);
}

std::string default_output_path(const std::string& scenario_path) {
  const std::string stem =
      scenario_path.empty() ? "baseline" : std::filesystem::path(scenario_path).stem().string();
  return (std::filesystem::path("results") / (stem + ".h5")).string();
}

int command_run(const std::vector<std::string>& args) {
  RunCommand cmd;
  po::options_description options = run_options(cmd);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  parse_command_line(args, options, positional, values);

  Scenario scenario = load_scenario(cmd.scenario_path);
  for (const std::string& set : cmd.sets) apply_set_option(scenario, set);
  if (values.count("seed")) apply_option_as_set(scenario, "--seed", "run.seed", cmd.seed);
  if (values.count("steps")) apply_option_as_set(scenario, "--steps", "run.weeks", cmd.steps);
  check_consistency(scenario);
  if (values.count("threads")) {
    if (cmd.threads < 1 || cmd.threads > 1024) {
      throw InputError("--threads " + std::to_string(cmd.threads) + ": must be between 1 and 1024");
    }
    omp_set_num_threads(cmd.threads);
  }
  const std::string output =
      cmd.output_path.empty() ? default_output_path(cmd.scenario_path) : cmd.output_path;
  RunFileWriter::check_output_path(output, cmd.force);

  RunInfo info;
  info.scenario_toml = render_toml(scenario, false);
  info.scenario_origin = scenario.origin;
  info.seed = scenario.params.run.seed;
  info.replicate = scenario.params.run.replicate;
  info.threads = omp_get_max_threads();
  info.planned_weeks = scenario.params.run.weeks;
  for (const CategoryParams& c : scenario.params.categories) info.category_names.push_back(c.name);

  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  RunFileWriter writer(output, info);
  Simulation simulation(std::move(scenario));
  const bool show_progress = !cmd.quiet && isatty(STDERR_FILENO);
  const auto progress = [&](const RunProgress& p) {
    if (!show_progress) return;
    const double eta = p.weeks_done > 0
                           ? p.seconds_elapsed * static_cast<double>(p.weeks_total - p.weeks_done) /
                                 static_cast<double>(p.weeks_done)
                           : 0.0;
    std::fprintf(stderr, "\rweek %lld/%lld  %3.0f%%  elapsed %.1fs  ETA %.1fs   ",
                 static_cast<long long>(p.weeks_done), static_cast<long long>(p.weeks_total),
                 100.0 * static_cast<double>(p.weeks_done) / static_cast<double>(p.weeks_total),
                 p.seconds_elapsed, eta);
    if (p.weeks_done == p.weeks_total) std::fprintf(stderr, "\n");
  };
  const RunOutcome outcome = run_simulation(simulation, writer, &g_stop_requested, progress);
  if (outcome.status == RunStatus::interrupted) {
    std::cerr << "\ngigsim: interrupted after week " << outcome.weeks_done << "; " << output
              << " holds the rows so far (status \"interrupted\")\n";
    return kExitInterrupted;
  }
  if (!cmd.quiet) {
    print_run_summary(std::cout, output, run_status_name(outcome.status), outcome, info.threads,
                      simulation.params());
  }
  if (cmd.profile) print_phase_profile(std::cout, simulation.phase_clock(), outcome);
  return kExitOk;
}

int command_validate(const std::vector<std::string>& args) {
  std::string path;
  po::options_description options("validate options");
  options.add_options()("scenario", po::value(&path), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  parse_command_line(args, options, positional, values);
  if (path.empty()) throw InputError("validate: missing SCENARIO file (see gigsim --help)");
  const Scenario scenario = load_scenario_file(path);
  check_consistency(scenario);
  std::cout << path << ": valid (" << scenario.params.run.weeks << " weeks, "
            << scenario.params.market.initial_freelancers << " freelancers, "
            << scenario.params.market.initial_clients << " clients, " << scenario.events.size()
            << " events)\n";
  return kExitOk;
}

int command_show_defaults(const std::vector<std::string>& args) {
  if (args.size() == 1 && args.front() == "--markdown") {
    std::cout << parameters_markdown();
    return kExitOk;
  }
  if (!args.empty()) {
    throw InputError("show-defaults takes no arguments but --markdown, got '" + args.front() + "'");
  }
  Scenario defaults;
  defaults.params = default_params();
  defaults.origin = "<defaults>";
  std::cout << render_toml(defaults, true);
  return kExitOk;
}

int dispatch(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    std::cout << kUsage;
    return argv.empty() ? kExitBadInput : kExitOk;
  }
  if (argv[0] == "--version" || argv[0] == "version") {
    std::cout << "gigsim " << version() << " (git " << git_commit() << ")\n";
    return kExitOk;
  }
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  for (const std::string& arg : rest) {
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
  }
  if (argv[0] == "run") return command_run(rest);
  if (argv[0] == "validate") return command_validate(rest);
  if (argv[0] == "show-defaults") return command_show_defaults(rest);
  throw InputError("unknown command '" + argv[0] +
                   "'; commands: run, validate, show-defaults (see gigsim --help)");
}

}  // namespace

int main_entry(int argc, char** argv) {
  try {
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const InputError& error) {
    std::cerr << "gigsim: error: " << error.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& error) {
    std::cerr << "gigsim: failure: " << error.what() << "\n";
    return kExitRuntimeFailure;
  }
}

}  // namespace gigsim::cli
