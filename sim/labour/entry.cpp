// Entry; see entry.hpp.
#include "labour/entry.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "core/sampling.hpp"
#include "labour/population.hpp"

namespace gigsim {

double prospects_per_week(const Params& params, const MarketState& state, std::size_t category) {
  const double total_demand =
      std::accumulate(state.initial_demand.begin(), state.initial_demand.end(), 0.0);
  if (total_demand <= 0.0 || category >= state.initial_demand.size()) return 0.0;
  // AI lowers the barrier to entry in exposed categories: more prospects can do the work.
  const double capability =
      category < state.ai.capability.size() ? state.ai.capability[category] : 0.0;
  return params.careers.prospect_rate * static_cast<double>(params.market.initial_freelancers) *
         state.initial_demand[category] / total_demand * (1.0 + params.ai.entry_boost * capability);
}

double entrant_adoption_probability(const AiParams& ai, double capability, double adoption_share) {
  const double drawn_by_ai = ai.entry_boost * capability;
  return (drawn_by_ai + adoption_share) / (1.0 + drawn_by_ai);
}

double entry_reservation_cap_usd(const CareerParams& params, double searcher_earnings_usd) {
  if (!(searcher_earnings_usd > 0.0)) return 0.0;  // NaN (no information yet) too
  if (params.aspiration_hours_per_week <= 0.0) return std::numeric_limits<double>::infinity();
  return searcher_earnings_usd / params.aspiration_hours_per_week;
}

double expected_entrants(const Params& params, const MarketState& state, std::size_t category) {
  const double cap =
      entry_reservation_cap_usd(params.careers, state.signals.searcher_earnings_usd[category]);
  return prospects_per_week(params, state, category) *
         reservation_share_below(params, category, cap);
}

void admit_entrants(const Params& params, MarketState& state) {
  const auto week = static_cast<std::uint32_t>(state.week);
  Freelancers& fl = state.freelancers;
  for (std::size_t c = 0; c < params.categories.size(); ++c) {
    Stream count_stream = state.streams.open(week, static_cast<std::uint32_t>(c), Purpose::entry);
    const std::int64_t entrants = draw_poisson(count_stream, expected_entrants(params, state, c));
    const double cap =
        entry_reservation_cap_usd(params.careers, state.signals.searcher_earnings_usd[c]);
    for (std::int64_t k = 0; k < entrants; ++k) {
      std::size_t id;
      if (!state.free_slots.empty()) {
        id = static_cast<std::size_t>(state.free_slots.back());
        state.free_slots.pop_back();
        state.retired_earnings_usd += fl.lifetime_earnings_usd[id];
      } else {
        id = fl.size();
        fl.resize(id + 1, fl.slots);
      }
      fl.uid[id] = state.next_freelancer_uid++;
      Stream stream = state.streams.open(week, static_cast<std::uint32_t>(fl.uid[id]),
                                         Purpose::entrant_attributes);
      draw_freelancer(params, stream, fl, id, state.week, {static_cast<std::uint8_t>(c), 0.0, cap});
    }
    state.tally.entrants_by_category[c] = entrants;
  }
}

}  // namespace gigsim
