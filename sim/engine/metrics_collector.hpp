#pragma once
// Step 10: turns the week's market state into one output row (declared in io/metrics.hpp).
#include <array>
#include <vector>

#include "core/radix_sort.hpp"
#include "core/market_state.hpp"
#include "io/metrics.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Value at quantile level q of sorted values (linear interpolation, type 7 of Hyndman & Fan).
template <typename T>
double sorted_quantile(const std::vector<T>& sorted, double q);

/// Gini coefficient of non-negative values sorted ascending:
/// G = sum_i (2i - n - 1) x_i / (n * sum x), i = 1..n; 0 when all are zero.
double sorted_gini(const std::vector<float>& sorted);

/// Share of the total held by the top `fraction` of sorted values.
double sorted_top_share(const std::vector<float>& sorted, double fraction);

class MetricsCollector {
 public:
  /// Fills `row` for the week just simulated. Also updates the market information agents see
  /// next week: going rates by category and the attractiveness of entry.
  void collect(const Params& params, MarketState& state, MetricsRow& row);

  double attractiveness() const { return attractiveness_; }

 private:
  static constexpr std::size_t kMaxCategories = 64;

  /// Per-freelancer sums of one week, reduced in fixed chunk order.
  struct FreelancerTotals {
    double active = 0, searching = 0, working = 0, idle = 0, skill = 0, reservation = 0;
    std::array<double, kMaxCategories> active_by_category{};
  };

  // Scratch reused every week so the step does not allocate once warmed up.
  std::vector<FreelancerTotals> totals_partials_;
  std::vector<float> earnings_;
  std::vector<float> asks_;
  RadixScratch sort_scratch_;
  std::vector<double> agreed_rates_;
  std::vector<std::vector<double>> agreed_rates_by_category_;
  std::vector<double> bids_per_closed_job_;
  double attractiveness_ = 1.0;
};

}  // namespace gigsim
