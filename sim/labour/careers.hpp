#pragma once
// Careers (docs/model.md, section 3, step 9): trailing earnings, discouragement, switching
// category, exit, and attrition of dormant profiles. Upskilling by doing happens when contracts
// complete (market/contracts.cpp).
#include <cstdint>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Exponentially weighted trailing weekly earnings: e + (x - e) / horizon_weeks.
double updated_trailing_earnings(double trailing_usd, double week_earnings_usd,
                                 double horizon_weeks);

/// Is a week of searching discouraging? Trailing weekly earnings, net of fees and bid costs,
/// below aspiration_hours_per_week at the reservation rate (the outside option).
bool is_discouraging(const CareerParams& params, double trailing_usd, double reservation_usd);

/// Is a profile dormant: no search and no contract for dormant_after_weeks weeks?
bool is_dormant(const CareerParams& params, std::int32_t last_active_week, std::int32_t week);

enum class CareerMove : std::uint8_t {
  stay = 0,
  switch_category = 1,
  exit = 2,          // discouraged: the platform does not pay enough
  leave = 3,         // for reasons outside the platform
  dormant_exit = 4,  // attrition of a dormant profile
  reskill = 5,       // starts a course into another category
  specialise = 6,    // moves up-market
};

/// The moves open to a discouraged freelancer.
struct CareerOptions {
  bool better_secondary = false;  // its secondary category is expected to pay more
  bool course_pays = false;       // a reskilling course pays for itself (labour/reskilling.hpp)
  bool can_specialise = false;    // skilled enough and not yet a specialist
};

/// What a freelancer discouraged for `weeks_below` searching weeks does, given one uniform u.
/// After patience_weeks without contracts in progress, the unit interval is split in order:
/// switch (switch_probability, if the secondary pays more), reskill (reskill_probability, if a
/// course pays), specialise (upmarket_probability, if it can), exit (exit_probability); the rest
/// stays.
CareerMove career_move(const CareerParams& params, std::int32_t weeks_below,
                       const CareerOptions& options, bool has_contracts, double u);

/// Parallel over freelancers, then a serial pass that frees exited slots in id order.
void review_careers(const Params& params, MarketState& state);

}  // namespace gigsim
