#pragma once
// Pricing strategies (docs/model.md, section 3, steps 4 and 7): what a freelancer bids on a job and
// how the ask adapts after the week's outcome. No price is ever below the floor max(reservation
// rate, policy minimum hourly rate).
#include <algorithm>
#include <cstdint>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// The floor's terms, the same for every freelancer in a week.
struct PriceFloor {
  /// 1 - new_client_fee_rate: what the freelancer keeps of a new client's pay.
  double net_share = 1.0;
  double minimum_usd = 0.0;  // policy.min_hourly_rate_usd
  /// max(reservation / net_share, minimum_usd).
  double of(double reservation_usd) const {
    return std::max(reservation_usd / net_share, minimum_usd);
  }
};
PriceFloor price_floor(const Params& params);

/// max(reservation / (1 - new_client_fee_rate), policy.min_hourly_rate_usd).
double price_floor_usd(const Params& params, double reservation_usd);

/// Hourly price of a proposal:
///   fixed, adaptive:  the ask;
///   budget_anchored:  budget_anchor * the job's budget rate;
///   undercutter:      undercut * the category's going rate (last week's median agreed rate);
/// all raised to the floor.
double bid_price_usd(const Params& params, PricingStrategy strategy, double ask_usd,
                     double reservation_usd, double job_budget_usd, double going_rate_usd);

/// Ask after the week (adaptive strategy changes it; others keep it), floored:
///   won this week: ask * (1 + raise_after_win);
///   losing streak reached: ask * (1 - cut_after_losses).
double updated_ask_usd(const Params& params, PricingStrategy strategy, double ask_usd,
                       double reservation_usd, bool won_this_week, bool losing_streak);
/// The same with the week's floor worked out (price_floor): for the pass over every freelancer.
double updated_ask_usd(const PricingParams& pricing, const PriceFloor& floor,
                       PricingStrategy strategy, double ask_usd, double reservation_usd,
                       bool won_this_week, bool losing_streak);

/// Pricing phase (parallel over freelancers): adaptive asks move with the week's outcome; the
/// others keep their ask; every ask is raised to the current floor (a new minimum rate binds
/// at once).
void adapt_asks(const Params& params, MarketState& state);

}  // namespace gigsim
