// Shared option parsing; see command_line.hpp.
#include "cli/command_line.hpp"

#include <omp.h>

#include "core/errors.hpp"

namespace po = boost::program_options;

namespace gigsim::cli {
namespace {

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

}  // namespace

void parse_command_line(const std::vector<std::string>& args,
                        const po::options_description& options,
                        const po::positional_options_description& positional,
                        po::variables_map& values) {
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    throw InputError(std::string(error.what()) + " (see gigsim --help)");
  }
}

void ScenarioOptions::add_to(po::options_description& options) {
  auto add = options.add_options();
  add("seed", po::value(&seed), "master seed (overrides run.seed)");
  add("steps", po::value(&steps), "weeks to simulate (overrides run.weeks)");
  add("threads", po::value(&threads), "OpenMP threads (default: all cores)");
  add("set", po::value(&sets)->composing(), "KEY=VALUE parameter override (repeatable)");
  add("scenario", po::value(&scenario_path), "scenario file");
}

Scenario load_scenario_with_options(const ScenarioOptions& options, const po::variables_map& values,
                                    const Scenario* base) {
  Scenario scenario = !options.scenario_path.empty() ? load_scenario_file(options.scenario_path)
                      : base != nullptr              ? *base
                                                     : load_embedded_baseline();
  for (const std::string& set : options.sets) apply_set_option(scenario, set);
  if (values.count("seed")) apply_option_as_set(scenario, "--seed", "run.seed", options.seed);
  if (values.count("steps")) apply_option_as_set(scenario, "--steps", "run.weeks", options.steps);
  check_consistency(scenario);
  if (values.count("threads")) {
    if (options.threads < 1 || options.threads > 1024) {
      throw InputError("--threads " + std::to_string(options.threads) +
                       ": must be between 1 and 1024");
    }
    omp_set_num_threads(options.threads);
  }
  return scenario;
}

}  // namespace gigsim::cli
