// Pricing strategies; see pricing.hpp.
#include "market/pricing.hpp"

#include <algorithm>

#include "policy/fees.hpp"

namespace gigsim {

PriceFloor price_floor(const Params& params) {
  return {1.0 - new_client_fee_rate(params.fees), params.policy.min_hourly_rate_usd};
}

double price_floor_usd(const Params& params, double reservation_usd) {
  return price_floor(params).of(reservation_usd);
}

namespace {

/// The ask before the floor: adaptive asks rise after a win and fall after a losing streak.
double unfloored_ask_usd(const PricingParams& pricing, PricingStrategy strategy, double ask_usd,
                         bool won_this_week, bool losing_streak) {
  double ask = ask_usd;
  if (strategy == PricingStrategy::adaptive) {
    if (won_this_week) {
      ask *= 1.0 + pricing.raise_after_win;
    } else if (losing_streak) {
      ask *= 1.0 - pricing.cut_after_losses;
    }
  }
  return ask;
}

}  // namespace

double bid_price_usd(const Params& params, PricingStrategy strategy, double ask_usd,
                     double reservation_usd, double job_budget_usd, double going_rate_usd) {
  double price = ask_usd;
  switch (strategy) {
    case PricingStrategy::fixed:
    case PricingStrategy::adaptive:
      price = ask_usd;
      break;
    case PricingStrategy::budget_anchored:
      price = params.pricing.budget_anchor * job_budget_usd;
      break;
    case PricingStrategy::undercutter:
      price = params.pricing.undercut * going_rate_usd;
      break;
  }
  return std::max(price, price_floor_usd(params, reservation_usd));
}

double updated_ask_usd(const Params& params, PricingStrategy strategy, double ask_usd,
                       double reservation_usd, bool won_this_week, bool losing_streak) {
  return std::max(
      unfloored_ask_usd(params.pricing, strategy, ask_usd, won_this_week, losing_streak),
      price_floor_usd(params, reservation_usd));
}

void adapt_asks(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  const auto streak = static_cast<std::int32_t>(params.pricing.losing_streak);
  const PriceFloor floor = price_floor(params);
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    if (!fl.is_active(f)) continue;
    const bool losing_streak = fl.bids_since_win[f] >= streak;
    const double ask =
        unfloored_ask_usd(params.pricing, static_cast<PricingStrategy>(fl.strategy[f]),
                          fl.ask_rate_usd[f], fl.won_this_week[f] != 0, losing_streak);
    fl.ask_rate_usd[f] = static_cast<float>(std::max(ask, floor.of(fl.reservation_rate_usd[f])));
    if (losing_streak) fl.bids_since_win[f] = 0;  // a cut starts a new streak
  }
}

}  // namespace gigsim
