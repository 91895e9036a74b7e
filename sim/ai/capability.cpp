// AI capability; see capability.hpp.
#include "ai/capability.hpp"

#include <algorithm>
#include <cmath>

namespace gigsim {

double technology_maturity(const AiTechnologyParams& technology, double week) {
  const double since_release = week - static_cast<double>(technology.release_week);
  if (since_release < 0.0) return 0.0;
  switch (technology.trajectory) {
    case CapabilityPath::none:
      return 0.0;
    case CapabilityPath::step:
      return technology.ceiling;
    case CapabilityPath::logistic:
      return technology.ceiling / (1.0 + std::exp(-(since_release - technology.midpoint_weeks) /
                                                  technology.spread_weeks));
    case CapabilityPath::table: {
      const auto& points = technology.points;
      if (points.empty() || since_release < points.front().weeks_after_release) return 0.0;
      for (std::size_t i = 1; i < points.size(); ++i) {
        const CapabilityPoint& next = points[i];
        if (since_release > next.weeks_after_release) continue;
        const CapabilityPoint& previous = points[i - 1];
        const double span = next.weeks_after_release - previous.weeks_after_release;
        const double weight =
            span > 0.0 ? (since_release - previous.weeks_after_release) / span : 1.0;
        return previous.level + weight * (next.level - previous.level);
      }
      return points.back().level;
    }
  }
  return 0.0;
}

double combined_capability(const std::vector<double>& exposure,
                           const std::vector<double>& maturity) {
  double undone = 1.0;
  for (std::size_t t = 0; t < std::min(exposure.size(), maturity.size()); ++t) {
    undone *= 1.0 - exposure[t] * maturity[t];
  }
  return 1.0 - undone;
}

double tool_cost_usd_per_week(const Params& params, const std::vector<double>& exposure,
                              const std::vector<double>& maturity) {
  double cost = 0.0;
  for (std::size_t t = 0; t < std::min(exposure.size(), maturity.size()); ++t) {
    if (exposure[t] > 0.0 && maturity[t] > 0.0) {
      cost += params.technologies[t].tool_price_usd_per_month * 12.0 / 52.0;
    }
  }
  return cost;
}

void advance_ai_capability(const Params& params, MarketState& state, std::int64_t week) {
  AiState& ai = state.ai;
  const std::size_t n_categories = params.categories.size();
  ai.maturity.resize(params.technologies.size());
  for (std::size_t t = 0; t < params.technologies.size(); ++t) {
    ai.maturity[t] = technology_maturity(params.technologies[t], static_cast<double>(week));
  }
  ai.capability.resize(n_categories);
  ai.tool_cost_usd_per_week.resize(n_categories);
  for (std::size_t c = 0; c < n_categories; ++c) {
    ai.capability[c] = combined_capability(params.categories[c].exposure, ai.maturity);
    ai.tool_cost_usd_per_week[c] =
        tool_cost_usd_per_week(params, params.categories[c].exposure, ai.maturity);
  }
  // Adoption measures keep last week's values (the adoption phase updates them); sized here so
  // that the first week reads zeros.
  ai.adoption_share.resize(n_categories, 0.0);
  ai.adopter_earnings_usd.resize(n_categories, 0.0);
  ai.non_adopter_earnings_usd.resize(n_categories, 0.0);
}

}  // namespace gigsim
