#pragma once
// Market signals (docs/model.md, section 3, step 7): what agents know about the market,
// computed by the model from this week's outcomes and read by next week's rules.
//   going rate of category k: median agreed hourly price of the contracts started this week
//     (kept from the last week that had any);
//   expected earnings of a searcher in k: S_k <- S_k + (x_k - S_k) / trailing_weeks, with
//     x_k = sum over freelancers of category k who searched this week of
//           (net value of the contracts they won by proposal - their bid costs) / their number,
//     i.e. the chance of winning work x net pay x hours - bid costs, per week of search.
#include <vector>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// One exponentially weighted step toward `observed`; the first observation replaces the NaN
/// that marks "no information yet".
double updated_signal(double signal, double observed, double horizon_weeks);

/// Sets the initial signals: going rates at the category budget rates, no earnings information.
void initialise_signals(const Params& params, MarketState& state);

/// Updates state.signals from this week's contracts and searches.
void update_market_signals(const Params& params, MarketState& state);

}  // namespace gigsim
