#pragma once
// Hard bounds on what a run may grow to (parameters limits.*): a scenario whose population or
// job board explodes (an entry rule gone wrong, extreme policies) stops with an error naming the
// bound, and its result file is marked "failed", instead of eating the machine's memory.
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Throws RuntimeFailure naming the limit exceeded, the count reached and the parameter that
/// raises it. Called at the end of every week (and once the initial population is drawn).
void check_resource_limits(const Params& params, const MarketState& state);

}  // namespace gigsim
