// Local execution of an experiment; see runner.hpp.
#include "experiment/runner.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <list>
#include <system_error>
#include <thread>

#include "core/errors.hpp"

namespace gigsim {

Parallelism choose_parallelism(int cores, std::size_t tasks, int jobs) {
  cores = std::max(cores, 1);
  // Whole runs side by side scale better than threads within a run (no shared-memory
  // synchronisation), so runs come first and leftover cores go to threads.
  const int in_flight =
      jobs > 0 ? jobs
               : static_cast<int>(std::max<std::size_t>(
                     1, std::min<std::size_t>(static_cast<std::size_t>(cores), tasks)));
  return {in_flight, std::max(1, cores / in_flight)};
}

int summarize_experiment(const ExperimentSchedule& schedule, const RunnerOutcome& outcome,
                         const std::filesystem::path& manifest_path, std::size_t total_runs) {
  schedule.remove_empty_prefix_folders();
  const std::size_t complete = schedule.count(RunState::complete);
  const std::size_t failed = schedule.count(RunState::failed);
  const std::size_t ran = complete - std::min(complete, schedule.already_complete());
  char rate[64] = "";
  if (outcome.seconds > 0 && ran > 0) {
    std::snprintf(rate, sizeof rate, ", %.1f runs/min",
                  60.0 * static_cast<double>(ran) / outcome.seconds);
  }
  std::printf(
      "gigsim experiment: %zu of %zu runs complete, %zu failed, %zu not done (%zu run "
      "in %.1f s%s); manifest %s\n",
      complete, total_runs, failed, total_runs - complete - failed, ran, outcome.seconds, rate,
      manifest_path.string().c_str());
  std::fflush(stdout);
  if (outcome.stopped) {
    std::cerr << "gigsim experiment: interrupted; the same command resumes it\n";
    return 130;
  }
  return failed > 0 ? 1 : 0;
}

void check_experiment_directory(const std::filesystem::path& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(directory, error)) return;
  if (!fs::is_directory(directory, error)) {
    throw InputError("experiment directory '" + directory.string() +
                     "' exists and is not a directory");
  }
  if (fs::exists(directory / "manifest.json", error)) return;
  // Without a manifest: empty, or what shards of an experiment (--shard) leave.
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name == "runs" || name == "prefixes") continue;
    throw InputError("experiment directory '" + directory.string() +
                     "' holds no manifest.json and other files than runs/ (e.g. '" + name +
                     "'): not an experiment directory; use a new or empty directory");
  }
}

void report(const ExperimentSchedule& schedule, ExperimentProgress& progress, bool failed) {
  const std::size_t failures = schedule.count(RunState::failed);
  progress.set_counts(schedule.count(RunState::complete) + failures, failures);
  progress.task_finished(schedule.last_message(), failed);
}

void record_exit(ExperimentSchedule& schedule, ExperimentProgress& progress, const Task& task,
                 const ChildExit& exit) {
  const std::size_t failed_before = schedule.count(RunState::failed);
  schedule.finish(task, exit);
  report(schedule, progress, schedule.count(RunState::failed) > failed_before);
}

void start_ready_tasks(ExperimentSchedule& schedule, ExperimentProgress& progress,
                       std::list<RunningTask>& running, int jobs) {
  while (static_cast<int>(running.size()) < jobs) {
    const std::optional<Task> task = schedule.next();
    if (!task) break;
    const TaskCommand command = schedule.command(*task);
    try {
      running.push_back({*task, ChildProcess(command.arguments, command.log_path)});
    } catch (const RuntimeFailure& error) {
      schedule.fail_to_start(*task, error.what());
      report(schedule, progress, true);
    }
  }
}

void record_exited_tasks(ExperimentSchedule& schedule, ExperimentProgress& progress,
                         std::list<RunningTask>& running) {
  for (auto it = running.begin(); it != running.end();) {
    if (const std::optional<ChildExit> exit = it->process.poll()) {
      const Task task = it->task;
      it = running.erase(it);
      record_exit(schedule, progress, task, *exit);
    } else {
      ++it;
    }
  }
}

RunnerOutcome run_locally(ExperimentSchedule& schedule, int jobs,
                          const volatile std::sig_atomic_t* stop_requested,
                          ExperimentProgress& progress) {
  std::list<RunningTask> running;
  bool interrupting = false;
  const auto stop = [&] { return stop_requested != nullptr && *stop_requested != 0; };
  while (true) {
    if (stop() && !interrupting) {
      interrupting = true;
      for (RunningTask& child : running) child.process.interrupt();
    }
    if (!stop()) start_ready_tasks(schedule, progress, running, jobs);
    record_exited_tasks(schedule, progress, running);
    if (running.empty() && (stop() || !schedule.has_ready())) break;
    progress.tick(running.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  progress.done();
  return {stop(), progress.elapsed_seconds()};
}

}  // namespace gigsim
