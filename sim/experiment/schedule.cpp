// Task scheduling of an experiment; see schedule.hpp.
#include "experiment/schedule.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <system_error>

#include "core/errors.hpp"
#include "engine/checkpoint.hpp"
#include "experiment/result_files.hpp"
#include "io/run_file.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

constexpr int kExitInterrupted = 130;  // a run stopped by SIGINT
constexpr int kExitTerminated = 143;   // by SIGTERM

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

fs::path log_path_of(const fs::path& result) {
  fs::path log = result;
  return log.replace_extension(".log");
}

}  // namespace

bool ExperimentSchedule::holds_this_run(std::size_t run) const {
  const FoundRun found = inspect_result_file(directory_ / plan_.runs[run].path);
  return found.complete && found.scenario_print == plan_.runs[run].scenario_print;
}

ExperimentSchedule::ExperimentSchedule(const Experiment& experiment, const RunPlan& plan,
                                       Manifest& manifest, fs::path directory, int threads_per_run)
    : experiment_(experiment),
      plan_(plan),
      manifest_(manifest),
      directory_(std::move(directory)),
      threads_per_run_(threads_per_run),
      in_shard_(plan.runs.size(), true) {}

void ExperimentSchedule::restrict_to_shard(std::size_t shard, std::size_t shards) {
  sharded_ = true;
  std::fill(in_shard_.begin(), in_shard_.end(), false);
  std::size_t unit = 0;
  for (const BranchGroup& group : plan_.groups) {
    for (std::size_t run : group.runs) in_shard_[run] = unit % shards == shard;
    ++unit;
  }
  for (std::size_t i = 0; i < plan_.runs.size(); ++i) {
    if (plan_.runs[i].group < 0) in_shard_[i] = unit++ % shards == shard;
  }
}

std::size_t ExperimentSchedule::total_runs() const {
  return static_cast<std::size_t>(std::count(in_shard_.begin(), in_shard_.end(), true));
}

void ExperimentSchedule::write_manifest() {
  if (!sharded_) manifest_.write();
}

fs::path ExperimentSchedule::prefix_checkpoint(std::size_t group) const {
  return directory_ / (plan_.groups[group].prefix_path + ".checkpoint");
}

void ExperimentSchedule::prepare() {
  std::vector<RunRecord>& records = manifest_.records();
  for (std::size_t i = 0; i < plan_.runs.size(); ++i) {
    if (!in_shard_[i]) continue;
    const fs::path result = directory_ / plan_.runs[i].path;
    fs::create_directories(result.parent_path());
    if (holds_this_run(i)) {
      if (records[i].state != RunState::complete) records[i].wall_seconds.reset();
      records[i].state = RunState::complete;
      records[i].error.clear();
      ++already_complete_;
    } else {
      records[i] = RunRecord{};
    }
  }
  unfinished_in_group_.assign(plan_.groups.size(), 0);
  for (std::size_t g = 0; g < plan_.groups.size(); ++g) {
    for (std::size_t run : plan_.groups[g].runs) {
      if (in_shard_[run] && records[run].state != RunState::complete) ++unfinished_in_group_[g];
    }
    if (unfinished_in_group_[g] == 0) continue;
    fs::create_directories((directory_ / plan_.groups[g].prefix_path).parent_path());
    bool reusable = false;
    std::error_code error;
    if (fs::exists(prefix_checkpoint(g), error)) {
      try {
        reusable =
            read_checkpoint_summary(prefix_checkpoint(g)).weeks_done == plan_.groups[g].weeks;
      } catch (const std::exception&) {
        reusable = false;
      }
    }
    if (reusable) {
      release_group(g);
    } else {
      ready_.push_back({Task::Kind::prefix, g});
      ++prefixes_to_run_;
    }
  }
  for (std::size_t i = 0; i < plan_.runs.size(); ++i) {
    if (in_shard_[i] && plan_.runs[i].group < 0 && records[i].state != RunState::complete) {
      ready_.push_back({Task::Kind::run, i});
    }
  }
  write_manifest();
}

std::optional<Task> ExperimentSchedule::next() {
  if (ready_.empty()) return std::nullopt;
  const Task task = ready_.front();
  ready_.pop_front();
  if (task.kind == Task::Kind::run) {
    manifest_.records()[task.index].state = RunState::running;
    write_manifest();
  } else {
    // A stale prefix (interrupted, or of an earlier experiment) is simulated again. Its folder
    // may have gone with another group's clean-up.
    const fs::path prefix = directory_ / plan_.groups[task.index].prefix_path;
    std::error_code error;
    fs::remove(prefix, error);
    fs::remove(prefix_checkpoint(task.index), error);
    fs::create_directories(prefix.parent_path(), error);
  }
  return task;
}

TaskCommand ExperimentSchedule::command(const Task& task) const {
  TaskCommand command;
  if (task.kind == Task::Kind::prefix) {
    const BranchGroup& group = plan_.groups[task.index];
    const fs::path output = directory_ / group.prefix_path;
    command.arguments =
        prefix_arguments(experiment_, plan_, group, output.string(), threads_per_run_);
    command.log_path = log_path_of(output);
    command.label =
        "shared prefix " + group.prefix_path + " (weeks 0-" + std::to_string(group.weeks - 1) + ")";
    return command;
  }
  const PlannedRun& run = plan_.runs[task.index];
  const fs::path output = directory_ / run.path;
  const std::string resume =
      run.group >= 0 ? prefix_checkpoint(static_cast<std::size_t>(run.group)).string() : "";
  command.arguments = run_arguments(experiment_, run, output.string(), threads_per_run_, resume);
  command.log_path = log_path_of(output);
  command.label = run.id;
  return command;
}

void ExperimentSchedule::remove_empty_prefix_folders() const {
  std::error_code error;
  for (const BranchGroup& group : plan_.groups) {
    // remove fails harmlessly on a folder that still holds files.
    fs::remove((directory_ / group.prefix_path).parent_path(), error);
  }
  fs::remove(directory_ / "prefixes", error);
}

void ExperimentSchedule::release_group(std::size_t group) {
  // Members go first: they free the checkpoint sooner.
  const auto& runs = plan_.groups[group].runs;
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    if (manifest_.records()[*it].state != RunState::complete)
      ready_.push_front({Task::Kind::run, *it});
  }
}

void ExperimentSchedule::fail_group(std::size_t group, const std::string& error) {
  for (std::size_t run : plan_.groups[group].runs) {
    RunRecord& record = manifest_.records()[run];
    if (record.state == RunState::complete) continue;
    record.state = RunState::failed;
    record.error = error;
  }
}

void ExperimentSchedule::finish(const Task& task, const ChildExit& exit) {
  const TaskCommand command = this->command(task);
  const bool interrupted = exit.exit_code == kExitInterrupted ||
                           exit.exit_code == kExitTerminated || exit.signal == SIGINT ||
                           exit.signal == SIGTERM;
  if (task.kind == Task::Kind::prefix) {
    const BranchGroup& group = plan_.groups[task.index];
    const bool done = exit.exit_code == 0 && exit.signal == 0;
    if (done) {
      release_group(task.index);
      last_message_ = command.label + " done in " + seconds_text(exit.wall_seconds);
    } else if (interrupted) {
      last_message_ = command.label + " interrupted";
    } else {
      const std::string error = "the shared prefix (weeks 0-" + std::to_string(group.weeks - 1) +
                                ", " + group.prefix_path +
                                ") failed: " + describe_failure(exit, command.log_path);
      fail_group(task.index, error);
      last_message_ = command.label + " FAILED: " + describe_failure(exit, command.log_path);
    }
    write_manifest();
    return;
  }

  const PlannedRun& run = plan_.runs[task.index];
  RunRecord& record = manifest_.records()[task.index];
  record.wall_seconds = exit.wall_seconds;
  const fs::path result = directory_ / run.path;
  if (exit.exit_code == 0 && exit.signal == 0 && holds_this_run(task.index)) {
    record.state = RunState::complete;
    record.error.clear();
    last_message_ = run.id + " complete in " + seconds_text(exit.wall_seconds);
    std::error_code error;
    if (fs::file_size(command.log_path, error) == 0) fs::remove(command.log_path, error);
  } else if (interrupted) {
    record.state = RunState::interrupted;
    record.error = "interrupted";
    last_message_ = run.id + " interrupted";
  } else {
    record.state = RunState::failed;
    record.error = exit.exit_code == 0 ? "the run ended without a complete result file"
                                       : describe_failure(exit, command.log_path);
    last_message_ = run.id + " FAILED: " + record.error;
  }
  if (run.group >= 0 && record.state == RunState::complete) {
    const auto group = static_cast<std::size_t>(run.group);
    if (--unfinished_in_group_[group] == 0) {
      // Every member is complete: the prefix is no longer needed.
      std::error_code error;
      fs::remove(directory_ / plan_.groups[group].prefix_path, error);
      fs::remove(log_path_of(directory_ / plan_.groups[group].prefix_path), error);
      fs::remove(prefix_checkpoint(group), error);
      // Its folder stays until the experiment ends (remove_empty_prefix_folders): another
      // replicate's prefix may be about to start in it, on another rank.
    }
  }
  write_manifest();
}

void ExperimentSchedule::fail_to_start(const Task& task, const std::string& error) {
  if (task.kind == Task::Kind::prefix) {
    fail_group(task.index, "the shared prefix " + plan_.groups[task.index].prefix_path +
                               " could not start: " + error);
    last_message_ = plan_.groups[task.index].prefix_path + " FAILED to start: " + error;
  } else {
    RunRecord& record = manifest_.records()[task.index];
    record.state = RunState::failed;
    record.error = "could not start: " + error;
    last_message_ = plan_.runs[task.index].id + " FAILED to start: " + error;
  }
  write_manifest();
}

std::size_t ExperimentSchedule::count(RunState state) const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < plan_.runs.size(); ++i) {
    n += in_shard_[i] && manifest_.records()[i].state == state ? 1 : 0;
  }
  return n;
}

}  // namespace gigsim
