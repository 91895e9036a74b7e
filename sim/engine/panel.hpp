#pragma once
// The panel: a seeded sample of the freelancers registered when the recorded weeks begin,
// followed week by week (/panel in the result file) for micro studies such as a
// difference-in-differences of exposed and unexposed freelancers. The sample depends only on the
// seed, the replicate and the market at the end of the burn-in, so two scenarios that differ only
// in what happens after week 0 follow the same persons.
#include <cstdint>
#include <vector>

#include "core/market_state.hpp"
#include "io/metrics.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// A person followed: its id and the slot it lives in (a person never moves slot; the slot is
/// reused by someone else once it leaves).
struct PanelPerson {
  std::int64_t uid;
  std::size_t slot;
};

/// min(output.panel_size, registered freelancers) persons, in slot order, drawn by selection
/// sampling (Knuth's algorithm S) over the registered freelancers.
std::vector<PanelPerson> panel_sample(const Params& params, const MarketState& state);

/// Writes this week's panel values into `row`: output.panel_size columns, those beyond the
/// sample (a market smaller than the panel) marked as exited.
void collect_panel(const MarketState& state, const std::vector<PanelPerson>& persons,
                   std::size_t columns, MetricsRow& row);

}  // namespace gigsim
