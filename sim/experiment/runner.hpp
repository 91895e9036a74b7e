#pragma once
// Runs an experiment's tasks on this machine: up to `jobs` child processes side by side, each
// with `threads_per_run` OpenMP threads. A failed run is recorded and the others go on. When
// `*stop_requested` becomes non-zero (Ctrl-C, SIGTERM) no new task starts, the running children
// are asked to stop (they mark their files interrupted) and are waited for; the manifest stays
// true throughout.
#include <csignal>
#include <cstddef>

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

/// Updates the counts of `progress` from the schedule and shows its last message.
void report(const ExperimentSchedule& schedule, ExperimentProgress& progress, bool failed);

/// Runs in flight and threads per run for `cores` cores and `tasks` tasks; `jobs` > 0 fixes
/// the runs in flight.
struct Parallelism {
  int jobs;
  int threads_per_run;
};
Parallelism choose_parallelism(int cores, std::size_t tasks, int jobs);

}  // namespace gigsim
