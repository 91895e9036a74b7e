#pragma once
// Initial freelancers and clients, and the attributes of a newly arriving freelancer.
#include <cstddef>
#include <cstdint>
#include <limits>

#include "core/market_state.hpp"
#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Fills the stores with the week-0 population (parallel, keyed per agent) and records the
/// initial demand shares (the client mix and the prospects' categories follow them).
void initialise_population(const Params& params, MarketState& state);

/// Median reservation rate of a freelancer in `category`: budget rate x reservation_ratio.
double median_reservation_usd(const Params& params, std::size_t category);

/// P(reservation <= cap) for a freelancer of `category` (log-normal reservation rates).
double reservation_share_below(const Params& params, std::size_t category, double cap_usd);

/// A freelancer joining in `week` into slot `id` (status active) with primary category
/// `primary`. The reservation rate is log-normal, truncated to at most `reservation_cap_usd`
/// (entrants are the prospects whose outside option the market beats). `tenure_weeks` > 0 gives
/// an established profile with a track record (initial population).
struct NewFreelancer {
  std::uint8_t primary;
  double tenure_weeks = 0.0;
  double reservation_cap_usd = std::numeric_limits<double>::infinity();
};
void draw_freelancer(const Params& params, Stream& stream, Freelancers& freelancers, std::size_t id,
                     std::int32_t week, const NewFreelancer& profile);

/// Ask rate a freelancer of this skill opens with, floored:
///   reservation x initial_markup x (1 + skill_premium (skill - 0.5)) / (1 - fee on new work).
double opening_ask_usd(const Params& params, double reservation_usd, double skill);

}  // namespace gigsim
