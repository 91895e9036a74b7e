// Client substitution; see automation.hpp.
#include "ai/automation.hpp"

#include <algorithm>
#include <cmath>

namespace gigsim {

double automation_probability(const AiParams& ai, double capability, double complexity,
                              double quality_sensitivity, double price_sensitivity,
                              double substitution_tax) {
  if (capability <= 0.0 || ai.substitution_scale <= 0.0) return 0.0;
  const double routine = std::pow(std::max(0.0, 1.0 - complexity), ai.complexity_elasticity);
  const double quality = std::pow(std::max(quality_sensitivity, 1e-6), -ai.quality_aversion);
  const double tax = std::pow(1.0 - substitution_tax, price_sensitivity);
  return std::min(1.0, ai.substitution_scale * capability * routine * quality * tax);
}

}  // namespace gigsim
