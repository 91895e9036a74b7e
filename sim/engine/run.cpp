// The run loop; see run.hpp.
#include "engine/run.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "engine/checkpoint.hpp"

namespace gigsim {

bool flush_due(std::size_t rows, std::size_t every, double seconds_since_flush,
               double last_flush_seconds, double write_share) {
  if (rows < every) return false;
  return seconds_since_flush * write_share >= last_flush_seconds * (1.0 - write_share);
}

RunOutcome run_simulation(Simulation& simulation, RunFileWriter& writer,
                          const volatile std::sig_atomic_t* stop_requested,
                          const std::function<void(const RunProgress&)>& on_progress,
                          const CheckpointPlan& checkpoints, RunHistory history) {
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const std::int64_t total = simulation.params().run.weeks;
  const auto flush_every = static_cast<std::size_t>(simulation.params().run.output_every);
  const double write_share = simulation.params().run.output_write_share;
  double last_flush_end = 0.0;
  double last_flush_seconds = 0.0;
  RunOutcome outcome;
  std::vector<MetricsRow> buffer;
  buffer.reserve(flush_every);
  const bool checkpointing = checkpoints.every_weeks > 0;
  // Events taken from the simulation stay here until an append has written them, so that a
  // failed append can be retried without losing them.
  std::vector<EventRecord> unwritten_events;
  const auto flush = [&] {
    const double before = elapsed();
    for (EventRecord& event : simulation.take_applied_events()) {
      unwritten_events.push_back(std::move(event));
    }
    writer.append(buffer, unwritten_events);
    if (checkpointing) {
      // A checkpoint holds the whole history, so that the resumed run's file is complete.
      history.rows.insert(history.rows.end(), buffer.begin(), buffer.end());
      history.events.insert(history.events.end(), unwritten_events.begin(), unwritten_events.end());
    }
    buffer.clear();
    unwritten_events.clear();
    last_flush_end = elapsed();
    last_flush_seconds = last_flush_end - before;
    outcome.write_seconds += last_flush_seconds;
  };
  const auto checkpoint = [&] {
    flush();
    write_checkpoint(checkpoints.path, simulation, history, checkpoints.output_path);
  };
  const std::int64_t burn_in = simulation.params().run.burn_in_weeks;
  try {
    if (!history.rows.empty() || !history.events.empty()) {
      // Resumed after the burn-in: the panel was drawn before the checkpoint.
      writer.set_panel_persons(simulation.panel_persons());
      writer.append(history.rows, history.events);
      if (!checkpointing) history = RunHistory{};
    }
    while (simulation.steps_done() < burn_in) {
      if (stop_requested != nullptr && *stop_requested != 0) break;
      simulation.step();
      if (on_progress) on_progress({simulation.steps_done(), burn_in + total, elapsed(), burn_in});
    }
    writer.set_panel_persons(simulation.panel_persons());
    while (simulation.weeks_done() < total) {
      if (stop_requested != nullptr && *stop_requested != 0) break;
      const MetricsRow& row = simulation.step();
      buffer.push_back(row);
      outcome.recent_rows.push_back(row);
      outcome.recent_rows.back().panel.clear();  // the summary needs the market rows only
      if (outcome.recent_rows.size() > 52) outcome.recent_rows.erase(outcome.recent_rows.begin());
      if (flush_due(buffer.size(), flush_every, elapsed() - last_flush_end, last_flush_seconds,
                    write_share)) {
        flush();
      }
      if (checkpointing && (simulation.weeks_done() % checkpoints.every_weeks == 0 ||
                            simulation.weeks_done() == total)) {
        checkpoint();
      }
      if (on_progress) on_progress({simulation.steps_done(), burn_in + total, elapsed(), burn_in});
    }
    if (checkpointing && simulation.weeks_done() < total) {
      checkpoint();  // interrupted: --resume continues from here
    } else {
      flush();
    }
    outcome.weeks_done = std::max<std::int64_t>(0, simulation.weeks_done());
    outcome.status = outcome.weeks_done >= total ? RunStatus::complete : RunStatus::interrupted;
    writer.finish(outcome.status);
  } catch (...) {
    // The original error matters more than a failure to record it; each step is tried on its
    // own, so that the status is recorded even when the rows cannot be.
    try {
      flush();
    } catch (...) {
    }
    try {
      writer.finish(RunStatus::failed);
    } catch (...) {
    }
    throw;
  }
  outcome.seconds = elapsed();
  return outcome;
}

}  // namespace gigsim
