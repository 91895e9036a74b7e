// Logit choice with an outside option; see choice.hpp.
#include "market/choice.hpp"

#include <algorithm>
#include <cmath>

#include "core/portable_exp.hpp"

namespace gigsim {

double quality_signal(const ClientParams& weights, double reputation_stars, double skill,
                      double ratings_received) {
  return weights.weight_reputation * reputation_stars +
         weights.weight_track_record * std::log1p(ratings_received) + weights.weight_skill * skill;
}

double proposal_utility(const ClientTaste& taste, double quality_signal, double skill_noise,
                        double log_price, double log_budget, bool from_partner) {
  return taste.quality_sensitivity * (quality_signal + taste.weight_skill * skill_noise) -
         taste.price_sensitivity * (log_price - log_budget) +
         (from_partner ? taste.weight_rehire : 0.0);
}

namespace {
double max_utility(const double* utilities, std::size_t count, double outside_utility) {
  double top = outside_utility;
  for (std::size_t i = 0; i < count; ++i) top = std::max(top, utilities[i]);
  return top;
}
}  // namespace

long logit_choice(double* utilities, std::size_t count, double outside_utility, double u) {
  const double top = max_utility(utilities, count, outside_utility);
  const double outside_weight = portable_exp(outside_utility - top);
  // The weights exp(u - top), several per instruction, then summed in order.
  for (std::size_t i = 0; i < count; ++i) utilities[i] -= top;
  portable_exp_many(utilities, utilities, count);
  double total = outside_weight;
  for (std::size_t i = 0; i < count; ++i) total += utilities[i];
  const double target = u * total;
  double cumulative = outside_weight;
  if (target < cumulative) return -1;
  for (std::size_t i = 0; i < count; ++i) {
    cumulative += utilities[i];
    if (target < cumulative) return static_cast<long>(i);
  }
  return count > 0 ? static_cast<long>(count - 1) : -1;  // u rounding at the very top
}

}  // namespace gigsim
