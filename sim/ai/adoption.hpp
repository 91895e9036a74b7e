#pragma once
// Freelancers' adoption of AI tools (docs/model.md, section 3, step 8). A registered, active
// freelancer in category k who does not use the tools takes them up with the weekly hazard
//   h = a_k (p + q A_k) / 52 + psi x max(0, G_k) / (h_a r),
// a Bass (1969) diffusion within the category (innovation p, imitation q x the share A_k of
// active freelancers there who use AI, scaled by the capability a_k the tools bring) plus a
// payoff term: G_k the trailing weekly net earnings of adopters minus those of non-adopters in
// k (tool prices included, as adopters pay them), relative to the freelancer's outside option
// (aspiration hours h_a at its reservation rate r). An adopter drops the tools with probability
// ai.abandon_probability a week while G_k < 0. Proficiency p grows with use:
// p <- p + l x hours / 100 x (1 - p).
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

double adoption_hazard(const AiParams& ai, double capability, double adoption_share,
                       double earnings_gain_usd, double outside_option_usd);

double updated_proficiency(const AiParams& ai, double proficiency, double hours_worked);

/// Phase 8: measures adoption by category (shares, adopters' and non-adopters' earnings), then
/// lets each freelancer adopt, learn or abandon (parallel, keyed by person).
void adopt_ai_tools(const Params& params, MarketState& state);

}  // namespace gigsim
