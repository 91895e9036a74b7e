#pragma once
// Reskilling and specialisation (docs/model.md, section 3, step 9). A discouraged freelancer may
// take a course into another category: one where AI is less capable than in its own or whose work
// AI creates (ai_complementarity > 0), chosen for the highest expected weekly earnings of a
// searcher (market signals). The course pays when that gain, over careers.reskill_horizon_weeks,
// exceeds what the freelancer pays for it, the price less the training subsidy:
//   S_target - S_own > reskill_cost_usd x (1 - training_subsidy) / reskill_horizon_weeks.
// It lasts careers.reskill_weeks weeks without search; the freelancer then works in the target
// category with careers.reskill_skill_kept of its skill. A skilled freelancer may instead move
// up-market: it bids only on work about as complex as its skill and asks 20% more.
#include <cstdint>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// What a course costs the freelancer after the subsidy.
double course_cost_to_freelancer_usd(const Params& params);

/// The category a freelancer of `primary` would reskill into, or kNoCategory if no course pays.
std::uint8_t reskilling_target(const Params& params, const MarketState& state,
                               std::uint8_t primary);

/// Starts a course into `target`: the freelancer pays its share (a loss in its trailing
/// earnings) and stops searching for careers.reskill_weeks weeks.
void start_course(const Params& params, Freelancers& freelancers, std::size_t f,
                  std::uint8_t target);

/// Advances a course by a week; on its last week the freelancer moves to the target category.
/// Returns true while the freelancer is still on the course.
bool progress_course(const Params& params, Freelancers& freelancers, std::size_t f);

/// Moves freelancer f up-market (specialist, ask raised by kSpecialistAskPremium).
void specialise(Freelancers& freelancers, std::size_t f);

inline constexpr double kSpecialistAskPremium = 0.2;

}  // namespace gigsim
