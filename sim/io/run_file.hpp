#pragma once
// The HDF5 result file of one run (format documented in docs/output.md).
// Layout: root attributes (filetype, format_version, gigsim_version, git_commit, scenario,
// scenario_origin, seed, replicate, threads, started, finished, status, steps_done),
// /time and /category dimension scales, /market/<metric> [time],
// /by_category/<metric> [time, category], /distribution/{earnings,rate}_quantiles
// [time, quantile] with /quantile as a scale, /events table, and (with a panel) /agent and
// /panel/<variable> [time, agent].
//
// What the writer promises (docs/reliability.md):
// - One writer per path: the writer holds the path's OutputLock from before it looks at an
//   existing file until finish(), so two runs never mix their rows and attributes.
// - Every change (creation, each append, finish) is made on a working copy and renamed over the
//   file (io/working_copy.hpp), so a run killed at any moment, or stopped by a full disk, leaves
//   the file as it was after the last completed change: readable, with status "running" until
//   finish() records "complete", "interrupted" or "failed".
// - A full disk can still record "failed": the lock's reserved space is released for it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "io/metrics.hpp"
#include "io/output_lock.hpp"
#include "io/working_copy.hpp"

namespace gigsim {

inline constexpr int kFormatVersionMajor = 2;
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
  std::int64_t burn_in_weeks = 0;
  std::vector<std::string> category_names;
  std::int64_t panel_size = 0;  // persons followed in /panel (0: no panel)
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
  /// Checks before any work is done, creating nothing, that `path` may be written: it names a
  /// file (or a link to one) in a directory that exists or can be created, and it does not hold
  /// a complete run unless `force`. Throws InputError otherwise.
  static void check_output_path(const std::filesystem::path& path, bool force);

  /// Creates missing directories, takes the path's lock, checks the path again under the lock
  /// (as check_output_path), then creates the file with all datasets empty and status
  /// "running", replacing an existing file in one step. Throws InputError when the path is bad,
  /// another process is writing it, or it holds a complete run and not `force`; RuntimeFailure
  /// when the file cannot be written (an existing file is then left as it was).
  RunFileWriter(std::filesystem::path path, RunInfo info, bool force);

  /// Appends rows (one per week, in order) and events and updates steps_done, all or nothing:
  /// on failure (RuntimeFailure) the file is unchanged, rows_written() too, and the same rows
  /// and events may be given again.
  void append(const std::vector<MetricsRow>& rows, const std::vector<EventRecord>& events);

  /// The person ids of the /panel columns, known once the burn-in is over; written with the
  /// first rows (columns beyond them keep the fill value -1).
  void set_panel_persons(std::vector<std::int64_t> persons) { panel_persons_ = std::move(persons); }

  /// Records `status` and the finish time, then releases the lock; nothing can be written after.
  /// If that fails for "failed" (a full disk), the status is written into the file in place,
  /// with the lock's reserved space released for it. Throws RuntimeFailure when it cannot be
  /// recorded; the file then keeps the status recorded_status() names.
  void finish(RunStatus status);

  std::int64_t rows_written() const { return rows_written_; }
  /// The file written: the path given, or the file a symbolic link there points to.
  const std::filesystem::path& path() const { return path_; }
  /// The status the file holds now.
  RunStatus recorded_status() const { return recorded_status_; }

 private:
  /// Disk space reserved beyond the end of the file ahead of every change, so that a full disk
  /// stops a change before HDF5 writes: more than a flush of a year of weekly rows adds, and at
  /// least twice the largest growth seen so far.
  static constexpr std::uintmax_t kMinimumGrowthReserve = 1 << 20;

  /// Applies `change` to a working copy of the file and renames the copy over it.
  template <typename Change>
  void update(const Change& change, Durability durability);

  std::filesystem::path path_;
  RunInfo info_;
  OutputLock lock_;
  std::int64_t rows_written_ = 0;
  std::int64_t events_written_ = 0;
  std::vector<std::int64_t> panel_persons_;
  std::uintmax_t growth_reserve_ = kMinimumGrowthReserve;
  RunStatus recorded_status_ = RunStatus::running;
};

/// Reads the status attribute of an existing result file ("" if it is not a gigsim run file).
std::string read_run_status(const std::filesystem::path& path);

}  // namespace gigsim
