#pragma once
// A small market for integration tests: the embedded baseline scaled down, plus overrides.
#include <cstring>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "scenario/scenario.hpp"

namespace gigsim::testing {

inline Scenario small_market(const std::vector<std::string>& overrides = {}, int freelancers = 2000,
                             int clients = 200, int weeks = 60) {
  Scenario scenario = load_embedded_baseline();
  apply_set_option(scenario, "market.initial_freelancers=" + std::to_string(freelancers));
  apply_set_option(scenario, "market.initial_clients=" + std::to_string(clients));
  apply_set_option(scenario, "run.weeks=" + std::to_string(weeks));
  apply_set_option(scenario, "run.burn_in_weeks=0");  // tests measure from the initial draw
  for (const std::string& set : overrides) apply_set_option(scenario, set);
  check_consistency(scenario);
  return scenario;
}

/// Runs the burn-in and all recorded weeks and returns the recorded rows.
inline std::vector<MetricsRow> run_rows(const Scenario& scenario) {
  Simulation simulation(scenario);
  while (simulation.weeks_done() < 0) simulation.step();
  std::vector<MetricsRow> rows;
  while (simulation.weeks_done() < scenario.params.run.weeks) rows.push_back(simulation.step());
  return rows;
}

/// Bit-for-bit equality of two doubles (NaN equals NaN with the same bits).
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

inline double market_sum(const std::vector<MetricsRow>& rows, MarketMetric metric,
                         std::size_t from = 0) {
  double sum = 0;
  for (std::size_t i = from; i < rows.size(); ++i) sum += rows[i][metric];
  return sum;
}

}  // namespace gigsim::testing
