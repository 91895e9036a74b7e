// Logit choice with an outside option; see choice.hpp.
#include "market/choice.hpp"

#include <algorithm>
#include <cmath>

namespace gigsim {

double proposal_utility(const ProposalSignals& signals, const ChoiceWeights& weights) {
  return weights.reputation * signals.reputation_stars + weights.skill * signals.perceived_skill +
         weights.track_record * std::log1p(signals.ratings_received) -
         weights.price_sensitivity * std::log(signals.price_usd / signals.budget_usd);
}

namespace {
double max_utility(const double* utilities, std::size_t count, double outside_utility) {
  double top = outside_utility;
  for (std::size_t i = 0; i < count; ++i) top = std::max(top, utilities[i]);
  return top;
}
}  // namespace

long logit_choice(const double* utilities, std::size_t count, double outside_utility, double u) {
  const double top = max_utility(utilities, count, outside_utility);
  double total = std::exp(outside_utility - top);
  for (std::size_t i = 0; i < count; ++i) total += std::exp(utilities[i] - top);
  double cumulative = std::exp(outside_utility - top);
  const double target = u * total;
  if (target < cumulative) return -1;
  for (std::size_t i = 0; i < count; ++i) {
    cumulative += std::exp(utilities[i] - top);
    if (target < cumulative) return static_cast<long>(i);
  }
  return count > 0 ? static_cast<long>(count - 1) : -1;  // u rounding at the very top
}

double no_hire_probability(const double* utilities, std::size_t count, double outside_utility) {
  const double top = max_utility(utilities, count, outside_utility);
  double total = std::exp(outside_utility - top);
  for (std::size_t i = 0; i < count; ++i) total += std::exp(utilities[i] - top);
  return std::exp(outside_utility - top) / total;
}

}  // namespace gigsim
