#pragma once
// Initial freelancers and clients, and the attributes of a newly arriving freelancer.
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Fills the stores with the week-0 population (parallel, keyed per agent).
void initialise_population(const Params& params, MarketState& state);

/// Draws the attributes of a freelancer joining in `week` into slot `id` (status active).
/// `tenure_weeks` > 0 gives an established profile with a track record (initial population).
void draw_freelancer(const Params& params, Stream& stream, Freelancers& freelancers, std::size_t id,
                     std::int32_t week, double tenure_weeks);

/// Ask rate a freelancer of this skill opens with: reservation * markup * skill premium, floored.
double opening_ask_usd(const Params& params, double reservation_usd, double skill);

}  // namespace gigsim
