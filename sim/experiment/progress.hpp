#pragma once
// Progress of an experiment on standard error: on a terminal, one line redrawn in place with a
// bar over runs, runs in flight, failures, elapsed time and an ETA; otherwise (a log file, a
// batch job) one line per finished task.
#include <chrono>
#include <cstddef>
#include <string>

namespace gigsim {

class ExperimentProgress {
 public:
  ExperimentProgress(std::size_t total_runs, std::size_t already_complete, bool terminal);

  /// Runs finished so far (complete or failed, earlier invocations included) and failed.
  void set_counts(std::size_t finished, std::size_t failed);
  /// A task ended: `message` says which and how (failures are always shown).
  void task_finished(const std::string& message, bool failed);
  /// Redraws the terminal line (at most a few times per second).
  void tick(std::size_t running);
  /// Ends the line.
  void done();

  double elapsed_seconds() const;

 private:
  std::string status_line(std::size_t running) const;

  std::size_t total_;
  std::size_t done_before_;
  std::size_t finished_ = 0;  // runs finished, earlier invocations included
  std::size_t failed_ = 0;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace gigsim
