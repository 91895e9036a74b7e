// Market signals; see signals.hpp.
#include "market/signals.hpp"

#include <cmath>
#include <limits>

#include "core/parallel.hpp"
#include "core/statistics.hpp"

namespace gigsim {

double updated_signal(double signal, double observed, double horizon_weeks) {
  if (std::isnan(signal)) return observed;
  return signal + (observed - signal) / horizon_weeks;
}

void initialise_signals(const Params& params, MarketState& state) {
  const std::size_t n = params.categories.size();
  state.signals.going_rate_usd.resize(n);
  for (std::size_t c = 0; c < n; ++c) {
    state.signals.going_rate_usd[c] = params.categories[c].budget_rate_usd;
  }
  state.signals.searcher_earnings_usd.assign(n, std::numeric_limits<double>::quiet_NaN());
}

void update_market_signals(const Params& params, MarketState& state) {
  const std::size_t n_categories = params.categories.size();
  MarketSignals& signals = state.signals;

  // Going rates: all filled jobs in the store were filled this week (posting compacts them).
  const Jobs& jobs = state.jobs;
  std::vector<std::vector<double>>& rates = state.signal_scratch.agreed_rates;
  rates.resize(n_categories);
  for (auto& category_rates : rates) category_rates.clear();
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (jobs.status[j] == JobStatus::filled)
      rates[jobs.category[j]].push_back(jobs.agreed_rate_usd[j]);
  }
  for (std::size_t c = 0; c < n_categories; ++c) {
    if (!rates[c].empty()) signals.going_rate_usd[c] = median_in_place(rates[c]);
  }

  // Expected earnings of a week of search, by primary category.
  const Freelancers& fl = state.freelancers;
  using SearchTotals = SignalScratch::SearchTotals;
  const SearchTotals totals = deterministic_reduce(
      fl.size(), state.signal_scratch.partials, SearchTotals{},
      [&](SearchTotals& acc, std::size_t f) {
        if (!fl.searched_this_week[f]) return;
        const std::size_t c = fl.primary_category[f];
        acc.searchers[c] += 1.0;
        acc.net_value[c] += static_cast<double>(fl.won_value_this_week_usd[f]) -
                            static_cast<double>(fl.bid_spend_this_week_usd[f]);
      },
      [](SearchTotals& total, const SearchTotals& part) {
        for (std::size_t c = 0; c < kMaxCategories; ++c) {
          total.searchers[c] += part.searchers[c];
          total.net_value[c] += part.net_value[c];
        }
      });
  for (std::size_t c = 0; c < n_categories; ++c) {
    if (totals.searchers[c] == 0.0) continue;
    signals.searcher_earnings_usd[c] =
        updated_signal(signals.searcher_earnings_usd[c], totals.net_value[c] / totals.searchers[c],
                       params.careers.trailing_weeks);
  }
}

}  // namespace gigsim
