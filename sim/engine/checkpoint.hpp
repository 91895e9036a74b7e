#pragma once
// Checkpoint and resume of a whole run: the simulation's state (io/checkpoint.hpp) plus the
// scenario it ran under, the week, the rows and events recorded so far and the result file.
// A run resumed from a checkpoint writes a result file whose datasets are identical to those of
// the uninterrupted run, for any thread count. A checkpoint may also be continued under another
// scenario that agrees with the saved one up to the saved week (branching: scenarios that differ
// only from week W share the simulation of the weeks before W).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/simulation.hpp"
#include "io/checkpoint.hpp"
#include "scenario/scenario.hpp"

namespace gigsim {

/// Writes `simulation` (at a week boundary) with the rows and events recorded so far.
void write_checkpoint(const std::filesystem::path& path, Simulation& simulation,
                      const RunHistory& history, const std::string& output_path);

/// What a checkpoint says about the run it was taken from.
struct CheckpointSummary {
  Scenario scenario;        // as the checkpointed run resolved it
  std::int32_t steps_done;  // weeks simulated, burn-in included
  std::int64_t weeks_done;  // recorded weeks
  std::string output_path;  // result file of the checkpointed run
};
/// InputError if `path` is not a readable checkpoint.
CheckpointSummary read_checkpoint_summary(const std::filesystem::path& path);

/// InputError naming the first difference unless `scenario` gives the same simulation as the
/// checkpoint's up to its week: same parameters (the run length aside) and the same events
/// applied before it.
void check_branch_compatible(const CheckpointSummary& checkpoint, const Scenario& scenario);

/// Recorded weeks over which `a` and `b` simulate identically: both have the same parameters
/// (the run length aside) and apply the same events before that week. It is the week of the
/// first event in which they differ, or the shorter run length when no event differs; -1 when
/// the parameters differ.
std::int64_t shared_prefix_weeks(const Scenario& a, const Scenario& b);

struct RestoredRun {
  std::unique_ptr<Simulation> simulation;
  RunHistory history;
};
/// Builds the simulation of `scenario` at the checkpoint's week (check_branch_compatible first).
RestoredRun restore_checkpoint(const std::filesystem::path& path, Scenario scenario);

}  // namespace gigsim
