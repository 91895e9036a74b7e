#pragma once
// Which task of an experiment runs next, and what its end means for the runs. Tasks are the
// planned runs and, for each branch group, its shared prefix, which must finish before its
// members can start. The schedule keeps the manifest true: every change of a run's state is
// written before the next task starts. The local runner and the MPI runner share it.
#include <cstddef>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "experiment/child_process.hpp"
#include "experiment/manifest.hpp"
#include "experiment/run_plan.hpp"

namespace gigsim {

struct Task {
  enum class Kind { run, prefix };
  Kind kind = Kind::run;
  std::size_t index = 0;  // into RunPlan::runs or RunPlan::groups
};

/// How to execute a task: `gigsim` arguments, log file, and a name for progress lines.
struct TaskCommand {
  std::vector<std::string> arguments;
  std::filesystem::path log_path;
  std::string label;
};

class ExperimentSchedule {
 public:
  ExperimentSchedule(const Experiment& experiment, const RunPlan& plan, Manifest& manifest,
                     std::filesystem::path directory, int threads_per_run);

  /// Keeps only shard `shard` of `shards` (a Slurm array task): branch groups whole, with
  /// their prefix, and other runs dealt out in turn. A shard leaves the manifest alone: the
  /// experiment run once more without a shard records every run and redoes what is missing.
  void restrict_to_shard(std::size_t shard, std::size_t shards);

  /// Decides what is left to do: a run whose result file is complete is kept (resume), every
  /// other run is (re)done; a prefix whose checkpoint is whole is reused. Creates the folders.
  void prepare();

  /// The next task that may start (marked running in the manifest), or nothing.
  std::optional<Task> next();
  TaskCommand command(const Task& task) const;
  /// Records how a task ended (exit code, wall time, error text) and writes the manifest.
  void finish(const Task& task, const ChildExit& exit);
  /// Records that a task could not be started (no process, no log file).
  void fail_to_start(const Task& task, const std::string& error);

  bool has_ready() const { return !ready_.empty(); }
  /// Removes the shared prefixes' folders that are empty; called once no task is running.
  void remove_empty_prefix_folders() const;
  /// Runs of this shard (all runs without a shard).
  std::size_t total_runs() const;
  std::size_t count(RunState state) const;
  /// Runs skipped because they were complete before this invocation.
  std::size_t already_complete() const { return already_complete_; }
  std::size_t prefixes_to_run() const { return prefixes_to_run_; }
  /// Human-readable line for a finished task ("baseline/p000/rep0 complete in 3.1 s").
  const std::string& last_message() const { return last_message_; }

 private:
  std::filesystem::path prefix_checkpoint(std::size_t group) const;
  void release_group(std::size_t group);
  void fail_group(std::size_t group, const std::string& error);
  void write_manifest();
  /// Its result file is complete and holds this run's resolved scenario.
  bool holds_this_run(std::size_t run) const;

  const Experiment& experiment_;
  const RunPlan& plan_;
  Manifest& manifest_;
  std::filesystem::path directory_;
  int threads_per_run_;
  std::deque<Task> ready_;
  std::vector<std::size_t> unfinished_in_group_;
  std::size_t already_complete_ = 0;
  std::size_t prefixes_to_run_ = 0;
  std::string last_message_;
  std::vector<bool> in_shard_;  // by run
  bool sharded_ = false;
};

}  // namespace gigsim
