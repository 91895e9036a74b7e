#pragma once
// Experiment files (TOML): which scenarios to run, with which parameter overrides, over which
// sweep of parameter values, with how many replicates. Read and validated like scenarios:
// every problem is reported as "file:line:column: what is wrong; what would be valid".
//
//   seed = 1                      # every run of replicate r uses run.seed = seed, run.replicate =
//   r replicates = 10 set = { "run.weeks" = 104 }   # overrides applied to every scenario
//
//   [[scenarios]]
//   path = "../baseline.toml"     # relative to the experiment file
//   name = "baseline"             # default: the file's stem
//   set = { "market.initial_freelancers" = 2000 }
//
//   [sweep]
//   method = "lhs"                # "grid": every combination of listed values
//   points = 20                   # lhs: number of points
//   seed = 7                      # lhs: seed of the design
//   [sweep.parameters]
//   "market.bid_cost_usd" = { min = 0.0, max = 1.0 }   # a range (lhs)
//   "fees.schedule" = ["flat", "sliding"]               # listed values (grid), choices (lhs)
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gigsim {

/// A parameter value as the experiment gives it to a run: a number or a choice name.
struct ParameterValue {
  enum class Kind { integer, real, boolean, text };
  Kind kind = Kind::real;
  double number = 0.0;  // integer, real, boolean (0/1)
  std::string text;     // text

  /// The value as `--set KEY=VALUE` takes it (reals round-trip exactly).
  std::string set_text() const;
};

/// `key = value` applied to a scenario, with where it was written (for error messages).
struct Override {
  std::string key;
  ParameterValue value;
  std::string origin;  // file:line:column of the value
};

struct ExperimentScenario {
  std::string name;             // unique; names the runs' folder
  std::string path_as_written;  // as in the file
  std::filesystem::path path;   // resolved against the experiment file's folder
  std::vector<Override> overrides;
  std::string origin;  // file:line:column of the [[scenarios]] entry
};

enum class SweepMethod { none, grid, lhs };
const char* sweep_method_name(SweepMethod method);

struct SweepParameter {
  enum class Kind { values, range };
  std::string key;
  Kind kind = Kind::values;
  std::vector<ParameterValue> values;  // values: listed values (grid) or choices (lhs)
  double min = 0.0, max = 0.0;         // range
  bool integer = false;                // range: draw whole numbers in [min, max]
  std::string origin;                  // file:line:column of the key
};

struct Sweep {
  SweepMethod method = SweepMethod::none;
  std::int64_t points = 0;                 // lhs
  std::int64_t seed = 0;                   // lhs
  std::vector<SweepParameter> parameters;  // file order
};

struct Experiment {
  std::string origin;  // the path as given
  std::string text;    // the file's text
  std::int64_t seed = 1;
  std::int64_t replicates = 1;
  bool branching = true;            // share the simulation of weeks before scenarios first differ
  std::vector<Override> overrides;  // applied to every scenario, before its own
  std::vector<ExperimentScenario> scenarios;
  Sweep sweep;
};

/// Reads and validates the structure of an experiment file (scenario files and parameter keys
/// are checked when the runs are planned). Throws InputError.
Experiment load_experiment_file(const std::filesystem::path& path);
Experiment parse_experiment_text(std::string_view text, std::string_view origin,
                                 const std::filesystem::path& base_dir);

}  // namespace gigsim
