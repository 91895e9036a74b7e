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

/// Bit-for-bit equality of two runs' rows: market, categories, panel and distributions.
inline bool identical_rows(const std::vector<MetricsRow>& a, const std::vector<MetricsRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t w = 0; w < a.size(); ++w) {
    for (std::size_t m = 0; m < a[w].market.size(); ++m) {
      if (!same_bits(a[w].market[m], b[w].market[m])) return false;
    }
    if (a[w].by_category.size() != b[w].by_category.size()) return false;
    for (std::size_t i = 0; i < a[w].by_category.size(); ++i) {
      if (!same_bits(a[w].by_category[i], b[w].by_category[i])) return false;
    }
    if (a[w].panel.size() != b[w].panel.size()) return false;
    for (std::size_t i = 0; i < a[w].panel.size(); ++i) {
      if (std::memcmp(&a[w].panel[i], &b[w].panel[i], sizeof(float)) != 0) return false;
    }
    for (std::size_t d = 0; d < a[w].distributions.size(); ++d) {
      for (std::size_t q = 0; q < a[w].distributions[d].size(); ++q) {
        if (!same_bits(a[w].distributions[d][q], b[w].distributions[d][q])) return false;
      }
    }
  }
  return true;
}

inline double market_sum(const std::vector<MetricsRow>& rows, MarketMetric metric,
                         std::size_t from = 0) {
  double sum = 0;
  for (std::size_t i = from; i < rows.size(); ++i) sum += rows[i][metric];
  return sum;
}

}  // namespace gigsim::testing
