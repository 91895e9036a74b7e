#pragma once
// Entry of new freelancers (docs/model.md, section 3, step 9). Prospects arrive at a rate set by
// the size of the market's labour pool (not by the current number of freelancers) and join when a
// week of search is expected to pay at least their outside option:
//   entrants in category k ~ Poisson(prospects_k x P(h_a x reservation <= S_k)),
// S_k the expected weekly earnings of a searcher in k net of fees and bid costs
// (market/signals.hpp), h_a careers.aspiration_hours_per_week. Those who join are the prospects
// with the lowest reservation rates, so a market that pays less attracts cheaper entrants.
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Prospects per week in category `category`: prospect_rate x initial freelancers x the
/// category's share of the initial demand x (1 + ai.entry_boost x the category's AI capability):
/// AI lowers the skill needed to compete, so more people can try.
double prospects_per_week(const Params& params, const MarketState& state, std::size_t category);

/// Chance that an entrant uses AI tools from the start: the prospects AI drew in, b a / (1 + b a)
/// of all (b = ai.entry_boost, a the capability), do; the others follow the category's adoption
/// share A: (b a + A) / (1 + b a).
double entrant_adoption_probability(const AiParams& ai, double capability, double adoption_share);

/// Highest reservation rate at which joining pays: expected searcher earnings / aspiration
/// hours (0 when searching does not pay).
double entry_reservation_cap_usd(const CareerParams& params, double searcher_earnings_usd);

/// Expected entrants in `category` this week.
double expected_entrants(const Params& params, const MarketState& state, std::size_t category);

/// Draws the entrants of each category and places each in a free slot (exited
/// freelancers' slots, last freed first) or a new one, with fresh attributes and no track
/// record (cold start). Each entrant's attributes come from a stream keyed by its person id.
void admit_entrants(const Params& params, MarketState& state);

}  // namespace gigsim
