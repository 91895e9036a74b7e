#pragma once
// AI capability (docs/model.md, section 3, step 2). Each technology's maturity m(t) in [0, 1]
// follows its trajectory from its release week; the capability it brings to category k is the
// category's task exposure to it (Eloundou et al. 2023; Felten et al. 2023) times m(t), and the
// technologies combine as independent chances of doing a task:
//   capability_k(t) = 1 - prod_tech (1 - exposure_k,tech x m_tech(t)).
#include <cstdint>
#include <vector>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Maturity of `technology` in recorded week `week` (fractional weeks allowed):
///   none:     0;
///   logistic: ceiling / (1 + exp(-(week - release - midpoint_weeks) / spread_weeks));
///   step:     ceiling from the release on;
///   table:    the points (weeks after release, level), linearly interpolated, 0 before the
///             first and the last level after it;
/// and 0 before the release whatever the trajectory.
double technology_maturity(const AiTechnologyParams& technology, double week);

/// 1 - prod_i (1 - exposure_i x maturity_i).
double combined_capability(const std::vector<double>& exposure,
                           const std::vector<double>& maturity);

/// Weekly price of the tools an adopter in a category needs: the monthly prices x 12 / 52 of
/// the technologies that are out (maturity > 0) and reach the category (exposure > 0).
double tool_cost_usd_per_week(const Params& params, const std::vector<double>& exposure,
                              const std::vector<double>& maturity);

/// Phase 2: maturity of every technology and capability and tool cost of every category for
/// recorded week `week` (negative during the burn-in).
void advance_ai_capability(const Params& params, MarketState& state, std::int64_t week);

}  // namespace gigsim
