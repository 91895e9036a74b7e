// Reskilling and specialisation; see reskilling.hpp.
#include "labour/reskilling.hpp"

#include <cmath>

namespace gigsim {

double course_cost_to_freelancer_usd(const Params& params) {
  return params.careers.reskill_cost_usd * (1.0 - params.policy.training_subsidy);
}

std::uint8_t reskilling_target(const Params& params, const MarketState& state,
                               std::uint8_t primary) {
  const auto& earnings = state.signals.searcher_earnings_usd;
  const auto& capability = state.ai.capability;
  const double own = std::isnan(earnings[primary]) ? 0.0 : earnings[primary];
  const double hurdle =
      course_cost_to_freelancer_usd(params) / params.careers.reskill_horizon_weeks;
  std::uint8_t best = kNoCategory;
  double best_earnings = own + hurdle;
  for (std::size_t k = 0; k < params.categories.size(); ++k) {
    if (k == primary || std::isnan(earnings[k])) continue;
    const bool less_exposed = capability[k] < capability[primary];
    const bool complementary = params.categories[k].ai_complementarity > 0.0;
    if (!less_exposed && !complementary) continue;
    if (earnings[k] > best_earnings) {
      best_earnings = earnings[k];
      best = static_cast<std::uint8_t>(k);
    }
  }
  return best;
}

void start_course(const Params& params, Freelancers& fl, std::size_t f, std::uint8_t target) {
  fl.reskill_target[f] = target;
  fl.reskill_weeks_left[f] = static_cast<std::int16_t>(params.careers.reskill_weeks);
  // The price counts as this week's spending in the trailing average.
  fl.trailing_earnings_usd[f] -=
      static_cast<float>(course_cost_to_freelancer_usd(params) / params.careers.trailing_weeks);
  fl.weeks_below_reservation[f] = 0;
}

bool progress_course(const Params& params, Freelancers& fl, std::size_t f) {
  if (--fl.reskill_weeks_left[f] > 0) return true;
  fl.reskill_weeks_left[f] = 0;
  if (fl.secondary_category[f] == fl.reskill_target[f]) fl.secondary_category[f] = kNoCategory;
  fl.primary_category[f] = fl.reskill_target[f];
  fl.reskill_target[f] = kNoCategory;
  fl.skill[f] = static_cast<float>(fl.skill[f] * params.careers.reskill_skill_kept);
  fl.specialist[f] = 0;
  return false;
}

void specialise(Freelancers& fl, std::size_t f) {
  fl.specialist[f] = 1;
  fl.ask_rate_usd[f] = static_cast<float>(fl.ask_rate_usd[f] * (1.0 + kSpecialistAskPremium));
  fl.weeks_below_reservation[f] = 0;
}

}  // namespace gigsim
