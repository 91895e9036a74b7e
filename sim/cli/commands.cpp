// The command table and the one place where errors become exit codes: InputError -> 2,
// anything else -> 1. A new command is a function in its own file plus one row of kCommands.
#include "cli/commands.hpp"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/experiment_command.hpp"
#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "io/hdf5_interface.hpp"

namespace gigsim::cli {
namespace {

constexpr const char* kUsage =
    R"(gigsim - agent-based simulator of online freelance work under AI automation

Usage:
  gigsim run [SCENARIO] [-o FILE] [--seed N] [--steps N] [--threads N] [--set KEY=VALUE]...
             [--force] [--quiet] [--profile] [--checkpoint-every N] [--resume CHECKPOINT]
  gigsim experiment FILE -o DIR [--jobs N] [--dry-run] [--shard I/N]
  gigsim validate SCENARIO
  gigsim show-defaults [--markdown]
  gigsim --version
  gigsim --help

Commands:
  run            Simulate a scenario (the embedded baseline when none is given) and write the
                 weekly time series to an HDF5 file (default results/<scenario>.h5).
  experiment     Run every scenario x sweep point x replicate of an experiment file side by
                 side, into DIR/runs/ with DIR/manifest.json (again: resumes what is not done).
  validate       Check a scenario file; print the problems with file:line:column.
  show-defaults  Print every parameter with its default, range, unit, doc and source: a complete
                 scenario file to copy and edit.

Examples:
  gigsim run                                    # baseline, 260 weeks -> results/baseline.h5
  gigsim run scenarios/baseline.toml -o out.h5 --seed 7 --threads 2
  gigsim run --steps 52 --set fees.schedule=flat --set policy.min_hourly_rate_usd=4
  gigsim run --steps 520 --checkpoint-every 52 -o long.h5  # killed? continue with:
  gigsim run --resume long.h5.checkpoint
  gigsim experiment scenarios/experiments/policy_comparison.toml -o results/policies
  gigsim validate my_scenario.toml
  gigsim show-defaults > my_scenario.toml

Exit codes: 0 ok, 1 runtime failure, 2 bad input (scenario, option, path),
130 interrupted by Ctrl-C (143 by SIGTERM).
)";

struct Command {
  std::string_view name;
  int (*function)(const Arguments& args);
};

constexpr Command kCommands[] = {
    {"run", run_command},
    {"experiment", experiment_command},
    {"validate", validate_command},
    {"show-defaults", show_defaults_command},
};

int dispatch(const Arguments& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    std::cout << kUsage;
    return argv.empty() ? kExitBadInput : kExitOk;
  }
  if (argv[0] == "--version" || argv[0] == "version") {
    std::cout << "gigsim " << version() << " (git " << git_commit() << ")\n";
    return kExitOk;
  }
  const Arguments rest(argv.begin() + 1, argv.end());
  for (const std::string& arg : rest) {
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
  }
  std::string names;
  for (const Command& command : kCommands) {
    if (argv[0] == command.name) return command.function(rest);
    names += (names.empty() ? "" : ", ") + std::string(command.name);
  }
  throw InputError("unknown command '" + argv[0] + "'; commands: " + names +
                   " (see gigsim --help)");
}

}  // namespace

int main_entry(int argc, char** argv) {
  hdf5::prepare_library();
  try {
    return dispatch(Arguments(argv + 1, argv + argc));
  } catch (const InputError& error) {
    std::cerr << "gigsim: error: " << error.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& error) {
    std::cerr << "gigsim: failure: " << error.what() << "\n";
    return kExitRuntimeFailure;
  }
}

}  // namespace gigsim::cli
