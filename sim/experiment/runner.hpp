#pragma once
// Runs an experiment's tasks on this machine: up to `jobs` child processes side by side, each
// with `threads_per_run` OpenMP threads. A failed run is recorded and the others go on. When
// `*stop_requested` becomes non-zero (Ctrl-C, SIGTERM) no new task starts, the running children
// are asked to stop (they mark their files interrupted) and are waited for; the manifest stays
// true throughout.
#include <csignal>
#include <cstddef>
#include <filesystem>
#include <list>

#include "experiment/child_process.hpp"
#include "experiment/progress.hpp"
#include "experiment/schedule.hpp"

namespace gigsim {

struct RunnerOutcome {
  bool stopped = false;  // interrupted before every task ran
  double seconds = 0.0;
};

RunnerOutcome run_locally(ExperimentSchedule& schedule, int jobs,
                          const volatile std::sig_atomic_t* stop_requested,
                          ExperimentProgress& progress);

/// Prints the closing line (runs complete, failed, not done, runs per minute) and returns the
/// exit code: 130 when stopped, 1 when a run failed, 0 when every run is complete.
int summarize_experiment(const ExperimentSchedule& schedule, const RunnerOutcome& outcome,
                         const std::filesystem::path& manifest_path, std::size_t total_runs);

/// InputError unless `directory` is new, empty, or holds an experiment manifest (resume).
void check_experiment_directory(const std::filesystem::path& directory);

/// Updates the counts of `progress` from the schedule and shows its last message.
void report(const ExperimentSchedule& schedule, ExperimentProgress& progress, bool failed);

/// A task in flight as a child process.
struct RunningTask {
  Task task;
  ChildProcess process;
};

/// Records how a task ended in the schedule and shows it on `progress`.
void record_exit(ExperimentSchedule& schedule, ExperimentProgress& progress, const Task& task,
                 const ChildExit& exit);

/// Starts ready tasks of the schedule as child processes until `jobs` are in flight; a task
/// whose process cannot start is recorded as failed.
void start_ready_tasks(ExperimentSchedule& schedule, ExperimentProgress& progress,
                       std::list<RunningTask>& running, int jobs);

/// Records every child in `running` that has exited, and forgets it.
void record_exited_tasks(ExperimentSchedule& schedule, ExperimentProgress& progress,
                         std::list<RunningTask>& running);

/// Runs in flight and threads per run for `cores` cores and `tasks` tasks; `jobs` > 0 fixes
/// the runs in flight.
struct Parallelism {
  int jobs;
  int threads_per_run;
};
Parallelism choose_parallelism(int cores, std::size_t tasks, int jobs);

}  // namespace gigsim
