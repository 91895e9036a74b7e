#pragma once
// Entry of new freelancers (BRIEF section 3, step 9).
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Market attractiveness seen by outsiders: the median agreed rate of last week's contracts over
/// the mean reservation rate of active freelancers (1 = rates just cover reservations).
double market_attractiveness(double median_agreed_rate_usd, double mean_reservation_usd);

/// Expected entrants this week: entry_rate * active * attractiveness^entry_elasticity.
double expected_entrants(const CareerParams& params, double active_freelancers,
                         double attractiveness);

/// Serial: draws the number of entrants and places each in a free slot (exited freelancers'
/// slots, last freed first) or a new one, with fresh attributes and no track record (cold start).
void admit_entrants(const Params& params, MarketState& state, double attractiveness,
                    double active_freelancers);

}  // namespace gigsim
