#pragma once
// What AI changes in the work clients post (docs/model.md, section 3, step 3): as AI spreads in a
// category, clients expect cheaper and faster delivery of its work, post relatively more of the
// complex work AI cannot do alone, and new work appears where AI is a complement (new AI-related
// categories; Upwork reported AI job posts +600% in 2023). With a = the category's capability
// and A = the share of its active freelancers using AI:
//   budget  x (1 - budget_pressure x a x A)
//   pace    x (1 + deadline_pressure x a x A)
//   mean complexity m + complexity_shift x a x A x (1 - m)
//   demand  x (1 + ai_complementarity x D),  D = sum_k d0_k a_k A_k / sum_k d0_k.
#include <vector>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

double expected_budget_factor(const AiParams& ai, double capability, double adoption_share);
double expected_pace_factor(const AiParams& ai, double capability, double adoption_share);
double shifted_complexity_mean(const AiParams& ai, double mean, double capability,
                               double adoption_share);
double complementary_demand_factor(double complementarity, double diffusion);

/// D: the initial-demand-weighted mean of capability x adoption share.
double ai_diffusion(const std::vector<double>& initial_demand,
                    const std::vector<double>& capability,
                    const std::vector<double>& adoption_share);

}  // namespace gigsim
