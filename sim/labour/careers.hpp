#pragma once
// Careers (BRIEF section 3, step 9): trailing earnings, discouragement, switching category and
// exit. Upskilling by doing happens when contracts complete (market/contracts.cpp).
#include <cstdint>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Exponentially weighted trailing weekly earnings: e + (x - e) / horizon_weeks.
double updated_trailing_earnings(double trailing_usd, double week_earnings_usd,
                                 double horizon_weeks);

/// Is a week of searching discouraging? Trailing earnings below aspiration_hours_per_week at the
/// reservation rate.
bool is_discouraging(const CareerParams& params, double trailing_usd, double reservation_usd);

enum class CareerMove : std::uint8_t { stay = 0, switch_category = 1, exit = 2 };

/// What a freelancer discouraged for `weeks_below` searching weeks does, given one uniform u:
/// after patience_weeks, switch with switch_probability (if it has a secondary category),
/// else exit with exit_probability, else stay. Freelancers with contracts in progress stay.
CareerMove career_move(const CareerParams& params, std::int32_t weeks_below, bool has_secondary,
                       bool has_contracts, double u);

/// Parallel over freelancers, then a serial pass that frees exited slots in id order.
void review_careers(const Params& params, MarketState& state);

}  // namespace gigsim
