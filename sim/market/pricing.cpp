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
  return updated_ask_usd(params.pricing, price_floor(params), strategy, ask_usd, reservation_usd,
                         won_this_week, losing_streak);
}

double updated_ask_usd(const PricingParams& pricing, const PriceFloor& floor,
                       PricingStrategy strategy, double ask_usd, double reservation_usd,
                       bool won_this_week, bool losing_streak) {
  double ask = ask_usd;
  if (strategy == PricingStrategy::adaptive) {
    if (won_this_week) {
      ask *= 1.0 + pricing.raise_after_win;
    } else if (losing_streak) {
      ask *= 1.0 - pricing.cut_after_losses;
    }
  }
  return std::max(ask, floor.of(reservation_usd));
}

void adapt_asks(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  const auto streak = static_cast<std::int32_t>(params.pricing.losing_streak);
  const PriceFloor floor = price_floor(params);
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    if (!fl.is_active(f)) continue;
    const bool losing_streak = fl.bids_since_win[f] >= streak;
    fl.ask_rate_usd[f] = static_cast<float>(updated_ask_usd(
        params.pricing, floor, static_cast<PricingStrategy>(fl.strategy[f]), fl.ask_rate_usd[f],
        fl.reservation_rate_usd[f], fl.won_this_week[f] != 0, losing_streak));
    if (losing_streak) fl.bids_since_win[f] = 0;  // a cut starts a new streak
  }
}

}  // namespace gigsim
