// Adoption of AI tools; see adoption.hpp.
#include "ai/adoption.hpp"

#include <algorithm>

#include "ai/expectations.hpp"
#include "core/parallel.hpp"

namespace gigsim {

double adoption_hazard(const AiParams& ai, double capability, double adoption_share,
                       double earnings_gain_usd, double outside_option_usd) {
  if (capability <= 0.0) return 0.0;
  const double bass =
      capability * (ai.innovation_per_year + ai.imitation_per_year * adoption_share) / 52.0;
  const double payoff =
      outside_option_usd > 0.0
          ? ai.payoff_weight * std::max(0.0, earnings_gain_usd) / outside_option_usd
          : 0.0;
  return std::min(1.0, bass + payoff);
}

double updated_proficiency(const AiParams& ai, double proficiency, double hours_worked) {
  const double gain = std::min(1.0, ai.learning_per_100_hours * hours_worked / 100.0);
  return proficiency + gain * (1.0 - proficiency);
}

void adopt_ai_tools(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  AiState& ai = state.ai;
  const std::size_t n_categories = params.categories.size();
  const std::int32_t week = state.week;
  const auto active = [&](std::size_t f) {
    return fl.is_recently_active(f, week) && !fl.is_reskilling(f);
  };

  using Totals = AiState::Totals;
  const Totals totals = deterministic_reduce(
      fl.size(), ai.partials, Totals{},
      [&](Totals& acc, std::size_t f) {
        if (!active(f)) return;
        const std::size_t c = fl.primary_category[f];
        acc.active[c] += 1.0;
        if (fl.adopter[f]) {
          acc.adopters[c] += 1.0;
          acc.adopter_earnings[c] += fl.trailing_earnings_usd[f];
        } else {
          acc.other_earnings[c] += fl.trailing_earnings_usd[f];
        }
      },
      [](Totals& total, const Totals& part) {
        for (std::size_t c = 0; c < kMaxCategories; ++c) {
          total.active[c] += part.active[c];
          total.adopters[c] += part.adopters[c];
          total.adopter_earnings[c] += part.adopter_earnings[c];
          total.other_earnings[c] += part.other_earnings[c];
        }
      });
  std::vector<double>& gain = ai.earnings_gain_usd;
  gain.assign(n_categories, 0.0);
  for (std::size_t c = 0; c < n_categories; ++c) {
    const double adopters = totals.adopters[c];
    const double others = totals.active[c] - adopters;
    ai.adoption_share[c] = totals.active[c] > 0.0 ? adopters / totals.active[c] : 0.0;
    ai.adopter_earnings_usd[c] = adopters > 0.0 ? totals.adopter_earnings[c] / adopters : 0.0;
    ai.non_adopter_earnings_usd[c] = others > 0.0 ? totals.other_earnings[c] / others : 0.0;
    // Without both groups there is nothing to compare: no payoff signal either way.
    if (adopters > 0.0 && others > 0.0) {
      gain[c] = ai.adopter_earnings_usd[c] - ai.non_adopter_earnings_usd[c];
    }
  }
  ai.diffusion = ai_diffusion(state.initial_demand, ai.capability, ai.adoption_share);

  // Before any AI is out, with no adopter active, nobody adopts, learns or abandons (the hazard
  // is 0 without capability): most registered profiles are not visited at all.
  bool anything_to_do = false;
  for (std::size_t c = 0; c < n_categories; ++c) {
    anything_to_do = anything_to_do || totals.adopters[c] > 0.0 || ai.capability[c] > 0.0;
  }
  if (!anything_to_do) return;

  const AiParams& ap = params.ai;
  const double aspiration = params.careers.aspiration_hours_per_week;
  const auto stream_week = static_cast<std::uint32_t>(week);
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    if (!active(f)) continue;
    const std::size_t c = fl.primary_category[f];
    if (fl.adopter[f]) {
      fl.ai_proficiency[f] =
          static_cast<float>(updated_proficiency(ap, fl.ai_proficiency[f], fl.hours_this_week[f]));
      if (gain[c] >= 0.0) continue;
      Stream stream =
          state.streams.open(stream_week, static_cast<std::uint32_t>(fl.uid[f]), Purpose::adoption);
      if (stream.uniform() < ap.abandon_probability) fl.adopter[f] = 0;
      continue;
    }
    const double hazard = adoption_hazard(ap, ai.capability[c], ai.adoption_share[c], gain[c],
                                          aspiration * fl.reservation_rate_usd[f]);
    if (hazard <= 0.0) continue;
    Stream stream =
        state.streams.open(stream_week, static_cast<std::uint32_t>(fl.uid[f]), Purpose::adoption);
    if (stream.uniform() < hazard) {
      fl.adopter[f] = 1;
      fl.ai_proficiency[f] = static_cast<float>(ap.initial_proficiency);
    }
  }
}

}  // namespace gigsim
