#pragma once
// The HDF5 result file of one run (format documented in docs/output.md).
// Layout: root attributes (filetype, format_version, gigsim_version, git_commit, scenario,
// scenario_origin, seed, replicate, threads, started, finished, status, steps_done),
// /time and /category dimension scales, /market/<metric> [time],
// /by_category/<metric> [time, category], /distribution/{earnings,rate}_quantiles
// [time, quantile] with /quantile as a scale, /events table.
// Rows are appended as the run goes; the file is closed between flushes, so a run killed at
// any moment leaves a readable file whose status is not "complete".
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/metrics.hpp"

namespace gigsim {

inline constexpr int kFormatVersionMajor = 1;
inline constexpr int kFormatVersionMinor = 0;

enum class RunStatus { running, complete, interrupted, failed };

/// The status attribute's text: "running", "complete", "interrupted" or "failed".
const char* run_status_name(RunStatus status);

struct RunInfo {
  std::string scenario_toml;    // resolved scenario text (gigsim render_toml)
  std::string scenario_origin;  // file it came from, or "<embedded baseline>"
  std::int64_t seed = 0;
  std::int64_t replicate = 0;
  int threads = 1;
  std::int64_t planned_weeks = 0;
  std::vector<std::string> category_names;
};

/// An event applied during the run, for the /events table.
struct EventRecord {
  std::int64_t week = 0;
  std::string key;
  std::string value;
  std::string origin;  // file:line:column of the [[events]] entry
};

class RunFileWriter {
 public:
  /// Checks before any work is done that `path` may be written: its directory exists or can be
  /// created, and it does not hold a complete run unless `force`. Throws InputError otherwise.
  static void check_output_path(const std::filesystem::path& path, bool force);

  /// Creates (or replaces) the file with all datasets empty and status "running".
  RunFileWriter(std::filesystem::path path, RunInfo info);

  /// Appends rows (one per week, in order) and events; opens, writes, updates steps_done and
  /// closes the file. Throws RuntimeFailure on an HDF5 error.
  void append(const std::vector<MetricsRow>& rows, const std::vector<EventRecord>& events);

  /// Marks the run finished with `status` and records the finish time.
  void finish(RunStatus status);

  std::int64_t rows_written() const { return rows_written_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  RunInfo info_;
  std::int64_t rows_written_ = 0;
  std::int64_t events_written_ = 0;
};

/// Reads the status attribute of an existing result file ("" if it is not a gigsim run file).
std::string read_run_status(const std::filesystem::path& path);

}  // namespace gigsim
