#pragma once
// Runs a simulation to its end (or an interruption), writing rows to the result file as it goes.
#include <csignal>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/simulation.hpp"
#include "io/checkpoint.hpp"
#include "io/run_file.hpp"

namespace gigsim {

struct RunProgress {
  std::int64_t weeks_done;   // burn-in included
  std::int64_t weeks_total;  // burn-in included
  double seconds_elapsed;
  std::int64_t burn_in_weeks = 0;  // the first weeks_done of them are not recorded
};

struct RunOutcome {
  RunStatus status = RunStatus::running;
  std::int64_t weeks_done = 0;
  double seconds = 0.0;
  double write_seconds = 0.0;           // spent appending rows to the result file
  std::vector<MetricsRow> recent_rows;  // the last 52 weeks, for the summary
};

/// Whether buffered rows are flushed now: `rows` are buffered, `every` is output.every, the last
/// flush took `last_flush_seconds` and ended `seconds_since_flush` ago, and flushing may take at
/// most `write_share` of the wall time (output.max_write_share): a flush is due once `every`
/// rows wait and the time since the last one is at least (1/share - 1) times that flush's
/// duration, so that flush time / (flush time + time between flushes) <= share.
bool flush_due(std::size_t rows, std::size_t every, double seconds_since_flush,
               double last_flush_seconds, double write_share);

/// When and where a run saves checkpoints (engine/checkpoint.hpp).
struct CheckpointPlan {
  std::int64_t every_weeks = 0;  // after every this many recorded weeks; 0: never
  std::filesystem::path path;    // replaced by each new checkpoint
  std::string output_path;       // the result file, recorded for --resume
};

/// Steps `simulation` until run.weeks are done or `*stop_requested` becomes non-zero (checked
/// between weeks), appending rows to `writer` when flush_due and at the end, then marks
/// the file complete or interrupted. On an exception the rows so far are flushed, the file is
/// marked failed, and the exception propagates.
/// With `checkpoints.every_weeks` > 0, a checkpoint is written after every that many recorded
/// weeks, at the last week and when the run is interrupted. `history` holds the rows and events
/// recorded before `simulation`'s current week (a run resumed from a checkpoint): they are
/// written first, so the file holds the whole run.
RunOutcome run_simulation(Simulation& simulation, RunFileWriter& writer,
                          const volatile std::sig_atomic_t* stop_requested,
                          const std::function<void(const RunProgress&)>& on_progress,
                          const CheckpointPlan& checkpoints = {}, RunHistory history = {});

}  // namespace gigsim
