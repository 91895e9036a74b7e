#pragma once
// Step 10: turns the week's market state into one output row (declared in io/metrics.hpp).
// Observables only read the state: the signals agents react to (going rates, a searcher's
// expected earnings) are computed by the model itself (market/signals.cpp).
#include <array>
#include <cstdint>
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
  /// How many values of each distribution one chunk of freelancers holds (values of exactly
  /// +0.0 are counted, not stored: most registered profiles earn nothing).
  struct ChunkCounts {
    std::size_t earnings = 0, earnings_zeros = 0;
    std::size_t earners = 0, earners_zeros = 0;
    std::size_t asks = 0;
  };
  /// Per-freelancer sums of one week, reduced in fixed chunk order. Head counts are integers:
  /// exact like the doubles they become, and their additions do not wait on one another's
  /// rounding. The sums of amounts are added in freelancer order.
  struct FreelancerTotals {
    std::int64_t registered = 0, active = 0, searching = 0, working = 0, earners = 0, idle = 0;
    std::int64_t adopters = 0, reskilling = 0, specialists = 0;
    std::array<std::int64_t, kMaxCategories> adopters_by_category{};
    std::array<std::int64_t, kMaxCategories> reskilling_by_category{};
    std::array<std::int64_t, kMaxCategories> registered_by_category{};
    std::array<std::int64_t, kMaxCategories> active_by_category{};
    double skill = 0, hours = 0, searcher_value = 0, tool_spend = 0;
    std::array<double, kMaxCategories> hours_by_category{};
    ChunkCounts distributions;  // the chunk's members of each distribution
  };

  /// Fills earnings_, earner_earnings_ (their non-zero values), asks_ and ask_categories_ with
  /// the values of their populations, in freelancer order, each chunk of freelancers where
  /// `counted` (the totals' per-chunk partials) says its members go; returns the zeros left out.
  ChunkCounts gather_distributions(const MarketState& state, std::int64_t trailing_window,
                                   const std::vector<FreelancerTotals>& counted);

  // Scratch reused every week so the step does not allocate once warmed up.
  std::vector<FreelancerTotals> totals_partials_;
  std::vector<ChunkCounts> chunk_counts_;
  std::vector<float> earnings_;
  std::vector<float> earner_earnings_;
  std::vector<float> asks_;
  std::vector<std::uint8_t> ask_categories_;
  std::array<RadixScratch, 3> sort_scratch_;  // one per sort running at once
  std::vector<double> agreed_rates_;
  std::vector<std::vector<double>> agreed_rates_by_category_;
  std::vector<std::vector<double>> asks_by_category_;
  std::vector<double> bids_per_closed_job_;
};

}  // namespace gigsim
