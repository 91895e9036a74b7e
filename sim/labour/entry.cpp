// Entry; see entry.hpp.
#include "labour/entry.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "core/sampling.hpp"
#include "labour/population.hpp"

namespace gigsim {

namespace {

/// An entrant's slot and what its attributes are drawn from.
struct Entrant {
  std::size_t id;
  std::uint8_t category;
  double reservation_cap_usd;
};

}  // namespace

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
  // How many join in each category, and which slot each takes: exited freelancers' slots, last
  // freed first, then new ones at the end of the store.
  std::vector<Entrant> entrants;
  std::size_t size = fl.size();
  for (std::size_t c = 0; c < params.categories.size(); ++c) {
    Stream count_stream = state.streams.open(week, static_cast<std::uint32_t>(c), Purpose::entry);
    const std::int64_t count = draw_poisson(count_stream, expected_entrants(params, state, c));
    const double cap =
        entry_reservation_cap_usd(params.careers, state.signals.searcher_earnings_usd[c]);
    for (std::int64_t k = 0; k < count; ++k) {
      std::size_t id;
      if (!state.free_slots.empty()) {
        id = static_cast<std::size_t>(state.free_slots.back());
        state.free_slots.pop_back();
        state.retired_earnings_usd += fl.lifetime_earnings_usd[id];  // before it is redrawn
      } else {
        id = size++;
      }
      entrants.push_back({id, static_cast<std::uint8_t>(c), cap});
    }
    state.tally.entrants_by_category[c] = count;
  }
  if (size > fl.size()) fl.resize(size, fl.slots);
  // Each entrant's attributes come from a stream keyed by its person id and are written to its
  // own slot only, so the thread count cannot change them.
  const std::int64_t first_uid = state.next_freelancer_uid;
  state.next_freelancer_uid += static_cast<std::int64_t>(entrants.size());
  const auto n = static_cast<std::ptrdiff_t>(entrants.size());
#pragma omp parallel for schedule(dynamic, 32) if (n > 64)
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const Entrant& entrant = entrants[static_cast<std::size_t>(i)];
    const std::int64_t uid = first_uid + i;
    fl.uid[entrant.id] = uid;
    Stream stream =
        state.streams.open(week, static_cast<std::uint32_t>(uid), Purpose::entrant_attributes);
    draw_freelancer(params, stream, fl, entrant.id, state.week,
                    {entrant.category, 0.0, entrant.reservation_cap_usd});
  }
}

}  // namespace gigsim
