#pragma once
// Client substitution (docs/model.md, section 3, step 3): before posting a job, a client may do it
// with AI itself. The chance rises with the category's AI capability and falls with the job's
// complexity (routine work goes first; Eloundou et al. 2023 find routine, language-heavy tasks
// the most exposed) and with how much the client cares about quality; a tax on substitution
// lowers it the way a price rise lowers a hire in the client's choice model:
//   P(automate) = min(1, s x capability x (1 - complexity)^gamma x q^-kappa x (1 - tax)^beta),
// s = ai.substitution_scale, gamma = ai.complexity_elasticity, q the client's quality
// sensitivity (mean one), kappa = ai.quality_aversion, beta the client's price sensitivity.
#include "scenario/params.hpp"

namespace gigsim {

double automation_probability(const AiParams& ai, double capability, double complexity,
                              double quality_sensitivity, double price_sensitivity,
                              double substitution_tax);

}  // namespace gigsim
