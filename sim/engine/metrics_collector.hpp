#pragma once
// Step 10: turns the week's market state into one output row (declared in io/metrics.hpp).
// Observables only read the state: the signals agents react to (going rates, a searcher's
// expected earnings) are computed by the model itself (market/signals.cpp).
#include <array>
#include <vector>

#include "core/market_state.hpp"
#include "core/radix_sort.hpp"
#include "io/metrics.hpp"
#include "scenario/params.hpp"

namespace gigsim {

class MetricsCollector {
 public:
  /// Fills `row` for the week just simulated.
  void collect(const Params& params, const MarketState& state, MetricsRow& row);

 private:
  /// Per-freelancer sums of one week, reduced in fixed chunk order.
  struct FreelancerTotals {
    double registered = 0, active = 0, searching = 0, working = 0, earners = 0, idle = 0;
    double skill = 0, hours = 0, searcher_value = 0;
    double adopters = 0, reskilling = 0, specialists = 0, tool_spend = 0;
    std::array<double, kMaxCategories> adopters_by_category{};
    std::array<double, kMaxCategories> reskilling_by_category{};
    std::array<double, kMaxCategories> registered_by_category{};
    std::array<double, kMaxCategories> active_by_category{};
    std::array<double, kMaxCategories> hours_by_category{};
  };

  // Scratch reused every week so the step does not allocate once warmed up.
  std::vector<FreelancerTotals> totals_partials_;
  std::vector<float> earnings_;
  std::vector<float> earner_earnings_;
  std::vector<float> asks_;
  RadixScratch sort_scratch_;
  std::vector<double> agreed_rates_;
  std::vector<std::vector<double>> agreed_rates_by_category_;
  std::vector<std::vector<double>> asks_by_category_;
  std::vector<double> bids_per_closed_job_;
};

}  // namespace gigsim
