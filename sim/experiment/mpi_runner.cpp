// Distributed experiments over MPI; see mpi_runner.hpp.
//
// Messages (all between rank 0 and one other rank):
//   worker -> 0  kRequest   "I can start one more task"
//   0 -> worker  kAssign    {kind, index} of a task, or kind kWait (nothing ready yet: ask
//                           again shortly) or kNoMore (nothing left: finish what is running)
//   worker -> 0  kResult    how a task ended (TaskResult)
//   0 -> worker  kStop      interrupted: stop the running tasks, start no more
//   worker -> 0  kFinished  nothing running and nothing more to do
//   0 -> worker  kAcknowledge  the last message to a worker (a kStop may precede it)
#include "experiment/mpi_runner.hpp"

#include <mpi.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <list>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "experiment/child_process.hpp"
#include "experiment/manifest.hpp"
#include "experiment/progress.hpp"
#include "experiment/runner.hpp"
#include "experiment/schedule.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

enum Tag : int { kRequest = 1, kAssign, kResult, kStop, kFinished, kAcknowledge };
constexpr int kWait = -1;
constexpr int kNoMore = -2;

struct TaskResult {
  int kind;
  int index;
  int exit_code;
  int signal;
  double wall_seconds;
};

int environment_integer(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoi(value) : 0;
}

void pause_briefly() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

Task task_of(int kind, int index) {
  return {kind == 1 ? Task::Kind::prefix : Task::Kind::run, static_cast<std::size_t>(index)};
}
int kind_of(const Task& task) { return task.kind == Task::Kind::prefix ? 1 : 0; }

/// Rank 0: hands out tasks, runs some itself, records every result.
int coordinate(ExperimentSchedule& schedule, const RunPlan& plan, Manifest& manifest, int jobs,
               int ranks, const volatile std::sig_atomic_t* stop_requested) {
  std::list<RunningTask> running;
  std::size_t remote_running = 0;
  int active_workers = ranks - 1;
  std::vector<bool> finished(static_cast<std::size_t>(ranks), false);
  bool interrupting = false;
  ExperimentProgress progress(plan.runs.size(), schedule.already_complete(), false);
  const auto stop = [&] { return *stop_requested != 0; };
  while (true) {
    if (stop() && !interrupting) {
      interrupting = true;
      for (RunningTask& child : running) child.process.interrupt();
      for (int rank = 1; rank < ranks; ++rank) {
        if (!finished[static_cast<std::size_t>(rank)]) {
          MPI_Send(nullptr, 0, MPI_INT, rank, kStop, MPI_COMM_WORLD);
        }
      }
    }
    if (!stop()) start_ready_tasks(schedule, progress, running, jobs);
    record_exited_tasks(schedule, progress, running);
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    while (waiting != 0) {
      const int worker = status.MPI_SOURCE;
      if (status.MPI_TAG == kRequest) {
        MPI_Recv(nullptr, 0, MPI_INT, worker, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        int reply[2] = {kNoMore, 0};
        if (!stop()) {
          if (const std::optional<Task> task = schedule.next()) {
            reply[0] = kind_of(*task);
            reply[1] = static_cast<int>(task->index);
            ++remote_running;
          } else if (!running.empty() || remote_running > 0) {
            reply[0] = kWait;  // a running prefix may release more tasks
          }
        }
        MPI_Send(reply, 2, MPI_INT, worker, kAssign, MPI_COMM_WORLD);
      } else if (status.MPI_TAG == kResult) {
        TaskResult result{};
        MPI_Recv(&result, sizeof result, MPI_BYTE, worker, kResult, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        --remote_running;
        ChildExit exit;
        exit.exit_code = result.exit_code;
        exit.signal = result.signal;
        exit.wall_seconds = result.wall_seconds;
        record_exit(schedule, progress, task_of(result.kind, result.index), exit);
      } else {
        MPI_Recv(nullptr, 0, MPI_INT, worker, kFinished, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Send(nullptr, 0, MPI_INT, worker, kAcknowledge, MPI_COMM_WORLD);
        finished[static_cast<std::size_t>(worker)] = true;
        --active_workers;
      }
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    }
    if (running.empty() && active_workers == 0) break;
    pause_briefly();
  }
  progress.done();
  return summarize_experiment(schedule, {stop(), progress.elapsed_seconds()}, manifest.path(),
                              plan.runs.size());
}

/// Other ranks: ask for tasks, run them, report how they ended.
void work(ExperimentSchedule& schedule, int jobs,
          const volatile std::sig_atomic_t* stop_requested) {
  std::list<RunningTask> running;
  bool no_more = false;
  bool stopped = false;
  bool asking = false;
  auto next_request = std::chrono::steady_clock::now();
  while (true) {
    if (*stop_requested != 0 && !stopped) {
      stopped = true;
      for (RunningTask& child : running) child.process.interrupt();
    }
    if (!no_more && !stopped && !asking && static_cast<int>(running.size()) < jobs &&
        std::chrono::steady_clock::now() >= next_request) {
      MPI_Send(nullptr, 0, MPI_INT, 0, kRequest, MPI_COMM_WORLD);
      asking = true;
    }
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    while (waiting != 0) {
      if (status.MPI_TAG == kAssign) {
        int reply[2];
        MPI_Recv(reply, 2, MPI_INT, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        asking = false;
        if (reply[0] == kNoMore) {
          no_more = true;
        } else if (reply[0] == kWait) {
          next_request = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
        } else {
          const Task task = task_of(reply[0], reply[1]);
          const TaskCommand command = schedule.command(task);
          try {
            running.push_back({task, ChildProcess(command.arguments, command.log_path)});
          } catch (const RuntimeFailure& error) {
            // Reported as a task that could not run: exit code 127 and the reason in its log.
            TaskResult result{kind_of(task), static_cast<int>(task.index), 127, 0, 0.0};
            std::FILE* log = std::fopen(command.log_path.c_str(), "w");
            if (log != nullptr) {
              std::fprintf(log, "%s\n", error.what());
              std::fclose(log);
            }
            MPI_Send(&result, sizeof result, MPI_BYTE, 0, kResult, MPI_COMM_WORLD);
          }
        }
      } else {
        MPI_Recv(nullptr, 0, MPI_INT, 0, kStop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (!stopped) {
          stopped = true;
          for (RunningTask& child : running) child.process.interrupt();
        }
      }
      MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    }
    for (auto it = running.begin(); it != running.end();) {
      if (const std::optional<ChildExit> exit = it->process.poll()) {
        TaskResult result{kind_of(it->task), static_cast<int>(it->task.index), exit->exit_code,
                          exit->signal, exit->wall_seconds};
        MPI_Send(&result, sizeof result, MPI_BYTE, 0, kResult, MPI_COMM_WORLD);
        it = running.erase(it);
      } else {
        ++it;
      }
    }
    if ((no_more || stopped) && !asking && running.empty()) break;
    pause_briefly();
  }
  MPI_Send(nullptr, 0, MPI_INT, 0, kFinished, MPI_COMM_WORLD);
  // Rank 0 may have sent kStop meanwhile; its acknowledgement comes last (messages between two
  // ranks arrive in order).
  while (true) {
    MPI_Status status;
    MPI_Recv(nullptr, 0, MPI_INT, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kAcknowledge) break;
  }
}

}  // namespace

int mpi_world_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS"}) {
    if (const int size = environment_integer(name); size > 0) return size;
  }
  return 1;
}

int run_experiment_mpi(const Experiment& experiment, const RunPlan& plan, const fs::path& directory,
                       int jobs, const volatile std::sig_atomic_t* stop_requested,
                       void (*on_signal)(int)) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  const Parallelism parallelism =
      choose_parallelism(available_cores(), plan.runs.size() + plan.groups.size(), jobs);
  Manifest manifest(experiment, plan, directory);
  ExperimentSchedule schedule(experiment, plan, manifest, directory, parallelism.threads_per_run);
  // Rank 0 checks the directory and prepares it; the others learn whether that worked.
  int ready = 1;
  std::string problem;
  if (rank == 0) {
    try {
      check_experiment_directory(directory);
      manifest.adopt_existing();
      fs::create_directories(directory);
      schedule.prepare();
      std::cerr << "gigsim experiment: " << plan.runs.size() << " runs over " << ranks
                << " MPI ranks, " << parallelism.jobs << " at a time x "
                << parallelism.threads_per_run << " threads per rank -> " << directory.string()
                << "\n";
    } catch (const std::exception& error) {
      ready = 0;
      problem = error.what();
    }
  }
  MPI_Bcast(&ready, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (ready == 0) {
    MPI_Finalize();
    if (rank == 0) throw InputError(problem);
    return 2;
  }
  int exit_code = 0;
  if (rank == 0) {
    exit_code = coordinate(schedule, plan, manifest, parallelism.jobs, ranks, stop_requested);
  } else {
    work(schedule, parallelism.jobs, stop_requested);
  }
  MPI_Bcast(&exit_code, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Finalize();
  return exit_code;
}

}  // namespace gigsim
