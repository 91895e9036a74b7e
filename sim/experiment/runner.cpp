// Local execution of an experiment; see runner.hpp.
#include "experiment/runner.hpp"

#include <algorithm>
#include <list>
#include <thread>

namespace gigsim {

Parallelism choose_parallelism(int cores, std::size_t tasks, int jobs) {
  cores = std::max(cores, 1);
  // Whole runs side by side scale better than threads within a run (no shared-memory
  // synchronisation), so runs come first and leftover cores go to threads.
  const int in_flight = jobs > 0 ? jobs
                                 : static_cast<int>(std::max<std::size_t>(
                                       1, std::min<std::size_t>(static_cast<std::size_t>(cores), tasks)));
  return {in_flight, std::max(1, cores / in_flight)};
}

void report(const ExperimentSchedule& schedule, ExperimentProgress& progress, bool failed) {
  const std::size_t failures = schedule.count(RunState::failed);
  progress.set_counts(schedule.count(RunState::complete) + failures, failures);
  progress.task_finished(schedule.last_message(), failed);
}

RunnerOutcome run_locally(ExperimentSchedule& schedule, int jobs,
                          const volatile std::sig_atomic_t* stop_requested,
                          ExperimentProgress& progress) {
  struct Running {
    Task task;
    ChildProcess process;
  };
  std::list<Running> running;
  bool interrupting = false;
  const auto stop = [&] { return stop_requested != nullptr && *stop_requested != 0; };
  while (true) {
    if (stop() && !interrupting) {
      interrupting = true;
      for (Running& child : running) child.process.interrupt();
    }
    while (!stop() && static_cast<int>(running.size()) < jobs) {
      const std::optional<Task> task = schedule.next();
      if (!task) break;
      const TaskCommand command = schedule.command(*task);
      running.push_back({*task, ChildProcess(command.arguments, command.log_path)});
    }
    for (auto it = running.begin(); it != running.end();) {
      if (const std::optional<ChildExit> exit = it->process.poll()) {
        const Task task = it->task;
        it = running.erase(it);
        const std::size_t failed_before = schedule.count(RunState::failed);
        schedule.finish(task, *exit);
        report(schedule, progress, schedule.count(RunState::failed) > failed_before);
      } else {
        ++it;
      }
    }
    if (running.empty() && (stop() || !schedule.has_ready())) break;
    progress.tick(running.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  progress.done();
  return {stop(), progress.elapsed_seconds()};
}

}  // namespace gigsim
