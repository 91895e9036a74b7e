// Entry; see entry.hpp.
#include "labour/entry.hpp"

#include <cmath>

#include "core/sampling.hpp"
#include "labour/population.hpp"

namespace gigsim {

double market_attractiveness(double median_agreed_rate_usd, double mean_reservation_usd) {
  if (!(median_agreed_rate_usd > 0.0) || !(mean_reservation_usd > 0.0)) return 1.0;
  return median_agreed_rate_usd / mean_reservation_usd;
}

double expected_entrants(const CareerParams& params, double active_freelancers,
                         double attractiveness) {
  return params.entry_rate * active_freelancers * std::pow(attractiveness, params.entry_elasticity);
}

void admit_entrants(const Params& params, MarketState& state, double attractiveness,
                    double active_freelancers) {
  const auto week = static_cast<std::uint32_t>(state.week);
  Stream count_stream = state.streams.open(week, 0, Purpose::entry);
  const std::int64_t entrants = draw_poisson(
      count_stream, expected_entrants(params.careers, active_freelancers, attractiveness));
  Freelancers& fl = state.freelancers;
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
    Stream stream =
        state.streams.open(week, static_cast<std::uint32_t>(k), Purpose::entrant_attributes);
    fl.uid[id] = state.next_freelancer_uid++;
    draw_freelancer(params, stream, fl, id, state.week, 0.0);
  }
  state.tally.entrants = entrants;
}

}  // namespace gigsim
