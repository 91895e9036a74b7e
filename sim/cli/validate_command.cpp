// `gigsim validate SCENARIO`: load and check a scenario without running it.
#include <iostream>
#include <string>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "scenario/scenario.hpp"

namespace po = boost::program_options;

namespace gigsim::cli {

int validate_command(const Arguments& args) {
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
  std::cout << path << ": valid (" << scenario_summary(scenario) << ")\n";
  return kExitOk;
}

}  // namespace gigsim::cli
