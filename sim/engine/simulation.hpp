#pragma once
// The simulation: a scenario, the market state, and the weekly step (docs/model.md, section 3).
#include <cstdint>
#include <vector>

#include "core/market_state.hpp"
#include "core/phase_clock.hpp"
#include "engine/metrics_collector.hpp"
#include "engine/panel.hpp"
#include "io/checkpoint.hpp"
#include "io/metrics.hpp"
#include "io/run_file.hpp"
#include "scenario/scenario.hpp"

namespace gigsim {

class Simulation {
 public:
  /// Builds the week-0 population from the scenario (its run.seed and run.replicate key every
  /// random stream).
  explicit Simulation(Scenario scenario);

  /// Simulates one week and returns its metrics row (a burn-in week has none: the row returned
  /// then is stale).
  const MetricsRow& step();

  /// Recorded weeks simulated so far (burn-in excluded).
  std::int32_t weeks_done() const { return state_.week - burn_in_weeks_; }
  /// Weeks simulated so far, burn-in included.
  std::int32_t steps_done() const { return state_.week; }
  const Params& params() const { return params_; }
  const Scenario& scenario() const { return scenario_; }
  const MarketState& state() const { return state_; }
  /// Person ids followed in /panel: a sample of those registered when the recorded weeks begin
  /// (known once the burn-in is over).
  std::vector<std::int64_t> panel_persons() const;
  /// Wall seconds spent in each phase so far.
  const PhaseClock& phase_clock() const { return clock_; }
  /// Events applied since the last call (for the /events table).
  std::vector<EventRecord> take_applied_events();

  /// Checkpoints (engine/checkpoint.cpp): saves everything carried from one week to the next;
  /// restore_state puts it back into a simulation built from a scenario that agrees with the
  /// saved one up to the saved week (the current parameters are replayed from its events).
  void save_state(CheckpointWriter& writer);
  void restore_state(CheckpointReader& reader);

 private:
  void apply_scheduled_events();
  /// Draws the panel when the recorded weeks are about to begin.
  void sample_panel_once_recording();
  void begin_week();

  Scenario scenario_;
  Params params_;  // current values: the scenario's, changed by events as the run goes
  MarketState state_;
  MetricsCollector metrics_;
  std::vector<PanelPerson> panel_persons_;
  bool panel_sampled_ = false;
  MetricsRow row_;
  std::size_t next_event_ = 0;
  PhaseClock clock_;
  std::int32_t burn_in_weeks_ = 0;
  std::vector<EventRecord> applied_events_;
};

}  // namespace gigsim
