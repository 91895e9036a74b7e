#pragma once
// The runs of an experiment: every scenario x sweep point x replicate, each with its id, result
// file, parameter values and the `--set` options that make it, validated before anything runs.
// Runs that simulate identical weeks before they differ (same parameters and replicate, events
// that differ only from week W) form a branch group: the shared prefix is simulated once and
// each member continues from its checkpoint (engine/checkpoint.hpp).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "experiment/experiment_file.hpp"
#include "experiment/sweep.hpp"
#include "scenario/scenario.hpp"

namespace gigsim {

struct PlannedRun {
  std::string id;  // "<scenario>/<point>/rep<r>": unique, and the result file's stem
  std::size_t scenario_index = 0;
  std::string point;  // "p000"
  std::size_t point_index = 0;
  std::int64_t replicate = 0;
  std::int64_t seed = 0;
  std::vector<std::pair<std::string, ParameterValue>> parameters;  // the point's sweep values
  std::string path;                      // result file relative to the experiment directory
  std::vector<std::string> set_options;  // KEY=VALUE, in the order they apply
  std::int64_t weeks = 0;                // run.weeks of the resolved scenario
  std::uint64_t scenario_print = 0;      // text_fingerprint of its resolved scenario (resume)
  int group = -1;                        // branch group, or -1
};

struct BranchGroup {
  std::vector<std::size_t> runs;  // members, indices into RunPlan::runs
  std::int64_t weeks = 0;         // recorded weeks simulated once, before the members differ
  std::string prefix_path;        // prefix result file relative to the experiment directory
};

struct RunPlan {
  std::vector<PlannedRun> runs;
  std::vector<BranchGroup> groups;
  std::size_t points = 1;
};

/// Plans and validates every run: each scenario file loads, and every override and sweep value
/// applies to it and leaves it consistent. Throws InputError naming the experiment file's line.
RunPlan plan_experiment(const Experiment& experiment);

/// "p000", "p001", ...: at least three digits.
std::string point_name(std::size_t index);

/// Arguments after the program name for `gigsim run` of `run` (`resume`: a checkpoint to
/// continue from; empty for none).
std::vector<std::string> run_arguments(const Experiment& experiment, const PlannedRun& run,
                                       const std::string& output, int threads,
                                       const std::string& resume);
/// The same for the shared prefix of a branch group, which stops after the group's weeks and
/// leaves a checkpoint at `output` + ".checkpoint".
std::vector<std::string> prefix_arguments(const Experiment& experiment, const RunPlan& plan,
                                          const BranchGroup& group, const std::string& output,
                                          int threads);

}  // namespace gigsim
