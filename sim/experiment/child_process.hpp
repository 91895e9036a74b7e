#pragma once
// Runs of an experiment execute as child processes of the gigsim binary itself, so that a run
// that crashes or runs out of memory cannot take the others down. A child's standard error goes
// to a log file, whose tail becomes the run's error message when it fails.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gigsim {

/// How a child process ended.
struct ChildExit {
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal killed it
  double wall_seconds = 0.0;
};

class ChildProcess {
 public:
  /// Starts this executable (/proc/self/exe) with `arguments`, standard input and output on
  /// /dev/null and standard error into `log_path` (replaced). The child receives SIGTERM if this
  /// process dies first. Throws RuntimeFailure if it cannot be started.
  ChildProcess(const std::vector<std::string>& arguments, const std::filesystem::path& log_path);

  /// Non-blocking: how the child ended, once it has.
  std::optional<ChildExit> poll();
  /// Asks the child to stop at its next week boundary (SIGINT: it marks its file interrupted).
  void interrupt();

  pid_t pid() const { return pid_; }
  const std::filesystem::path& log_path() const { return log_path_; }

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_path_;
  double started_ = 0.0;
};

/// The last lines of a log (at most `max_lines` non-empty lines and about `max_bytes`).
std::string log_tail(const std::filesystem::path& path, std::size_t max_lines = 6,
                     std::size_t max_bytes = 2000);

/// What went wrong, for the manifest: exit code or signal, then the log's tail.
std::string describe_failure(const ChildExit& exit, const std::filesystem::path& log_path);

/// Cores this process may use (its CPU affinity, as a batch system sets it).
int available_cores();

}  // namespace gigsim
