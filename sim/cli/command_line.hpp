#pragma once
// Option parsing shared by the commands: Boost.Program_options errors as bad input, and the
// scenario options every simulating command takes (SCENARIO, --set, --seed, --steps, --threads).
#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace gigsim::cli {

/// Parses the arguments after the command name; unknown or malformed options are InputError.
void parse_command_line(const std::vector<std::string>& args,
                        const boost::program_options::options_description& options,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& values);

/// What the user asked of the scenario on the command line.
struct ScenarioOptions {
  std::string scenario_path;  // empty: the embedded baseline
  std::vector<std::string> sets;
  long long seed = -1;
  long long steps = -1;
  int threads = 0;

  /// Adds --set, --seed, --steps, --threads and the positional "scenario" to `options`.
  void add_to(boost::program_options::options_description& options);
};

/// Loads the scenario and applies --set, --seed and --steps in that order, then checks its
/// consistency; applies --threads. Throws InputError naming the option or file:line:column.
/// Without SCENARIO it starts from `base` if given (a checkpoint's scenario), else from the
/// embedded baseline.
Scenario load_scenario_with_options(const ScenarioOptions& options,
                                    const boost::program_options::variables_map& values,
                                    const Scenario* base = nullptr);

}  // namespace gigsim::cli
