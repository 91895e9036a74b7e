// Client expectations and new work; see expectations.hpp.
#include "ai/expectations.hpp"

#include <algorithm>

namespace gigsim {

double expected_budget_factor(const AiParams& ai, double capability, double adoption_share) {
  return std::max(0.0, 1.0 - ai.budget_pressure * capability * adoption_share);
}

double expected_pace_factor(const AiParams& ai, double capability, double adoption_share) {
  return 1.0 + ai.deadline_pressure * capability * adoption_share;
}

double shifted_complexity_mean(const AiParams& ai, double mean, double capability,
                               double adoption_share) {
  return mean + ai.complexity_shift * capability * adoption_share * (1.0 - mean);
}

double complementary_demand_factor(double complementarity, double diffusion) {
  return 1.0 + complementarity * diffusion;
}

double ai_diffusion(const std::vector<double>& initial_demand,
                    const std::vector<double>& capability,
                    const std::vector<double>& adoption_share) {
  double weighted = 0.0;
  double total = 0.0;
  const std::size_t n = std::min({initial_demand.size(), capability.size(), adoption_share.size()});
  for (std::size_t k = 0; k < n; ++k) {
    weighted += initial_demand[k] * capability[k] * adoption_share[k];
    total += initial_demand[k];
  }
  return total > 0.0 ? weighted / total : 0.0;
}

}  // namespace gigsim
