// Initial population and entrant attributes (docs/model.md, "Initialisation").
#include "labour/population.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>

#include "core/sampling.hpp"
#include "market/delivery.hpp"
#include "market/pricing.hpp"
#include "market/signals.hpp"
#include "policy/fees.hpp"

namespace gigsim {

double opening_ask_usd(const Params& params, double reservation_usd, double skill) {
  const double ask = reservation_usd * params.freelancers.initial_markup *
                     (1.0 + params.freelancers.skill_premium * (skill - 0.5)) /
                     (1.0 - new_client_fee_rate(params.fees));
  return std::max(ask, price_floor_usd(params, reservation_usd));
}

double median_reservation_usd(const Params& params, std::size_t category) {
  return params.categories[category].budget_rate_usd * params.freelancers.reservation_ratio;
}

double reservation_share_below(const Params& params, std::size_t category, double cap_usd) {
  if (!(cap_usd > 0.0)) return 0.0;
  if (std::isinf(cap_usd)) return 1.0;
  const double sigma = params.freelancers.reservation_sigma;
  const double z = std::log(cap_usd / median_reservation_usd(params, category));
  if (sigma <= 0.0) return z >= 0.0 ? 1.0 : 0.0;
  return 0.5 * std::erfc(-z / (sigma * std::sqrt(2.0)));
}

namespace {

PricingStrategy draw_strategy(const FreelancerParams& f, double u) {
  if ((u -= f.strategy_fixed) < 0.0) return PricingStrategy::fixed;
  if ((u -= f.strategy_budget_anchored) < 0.0) return PricingStrategy::budget_anchored;
  if ((u -= f.strategy_adaptive) < 0.0) return PricingStrategy::adaptive;
  return PricingStrategy::undercutter;
}

/// Log-normal reservation rate truncated at `cap`: inverse CDF at u x F(cap).
double draw_reservation_usd(const Params& params, Stream& stream, std::size_t category,
                            double cap_usd) {
  const double median = median_reservation_usd(params, category);
  const double sigma = params.freelancers.reservation_sigma;
  const double share = reservation_share_below(params, category, cap_usd);
  // u in (0, 1]: the inverse normal CDF is finite there (and -infinity only at 0).
  const double u = (1.0 - stream.uniform()) * share;
  if (sigma <= 0.0 || share <= 0.0) return std::min(median, cap_usd);
  const double z = -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u);
  return std::min(median * std::exp(sigma * z), cap_usd);
}

}  // namespace

void draw_freelancer(const Params& params, Stream& stream, Freelancers& fl, std::size_t id,
                     std::int32_t week, const NewFreelancer& profile) {
  const FreelancerParams& fp = params.freelancers;
  const auto& categories = params.categories;
  fl.status[id] = FreelancerStatus::active;
  fl.leaving[id] = 0;
  fl.adopter[id] = 0;
  fl.ai_proficiency[id] = 0.0f;
  fl.reskill_target[id] = kNoCategory;
  fl.reskill_weeks_left[id] = 0;
  fl.specialist[id] = 0;
  const std::uint8_t primary = profile.primary;
  fl.primary_category[id] = primary;
  fl.secondary_category[id] = kNoCategory;
  if (categories.size() > 1 && stream.uniform() < fp.secondary_share) {
    std::uint8_t secondary = primary;
    for (int attempt = 0; attempt < 64 && secondary == primary; ++attempt) {
      secondary = draw_category_by_demand(stream, categories);
    }
    if (secondary != primary) fl.secondary_category[id] = secondary;
  }
  const double skill =
      boost::random::beta_distribution<double>(fp.skill_alpha, fp.skill_beta)(stream);
  fl.skill[id] = static_cast<float>(skill);
  fl.strategy[id] = static_cast<std::uint8_t>(draw_strategy(fp, stream.uniform()));
  const bool part_time = stream.uniform() < fp.part_time_share;
  fl.capacity_hours[id] = static_cast<float>(part_time ? fp.part_time_hours : fp.full_time_hours);
  fl.committed_hours[id] = 0.0f;
  fl.contracts_held[id] = 0;
  const double reservation =
      draw_reservation_usd(params, stream, primary, profile.reservation_cap_usd);
  fl.reservation_rate_usd[id] = static_cast<float>(reservation);
  fl.ask_rate_usd[id] = static_cast<float>(opening_ask_usd(params, reservation, skill));
  fl.search_probability[id] =
      static_cast<float>(draw_beta_mean(stream, fp.search_probability, fp.search_concentration));

  // Track record of an established profile: ratings earned over its tenure, each drawn from the
  // same delivery model as ratings earned during the run.
  const double activity = fl.search_probability[id] / fp.search_probability;
  const std::int64_t ratings =
      draw_poisson(stream, fp.ratings_per_year * activity * profile.tenure_weeks / 52.0);
  double rating_sum = 0.0;
  const CategoryParams& cat = categories[primary];
  for (std::int64_t r = 0; r < ratings; ++r) {
    const double complexity =
        draw_beta_mean(stream, cat.complexity_mean, params.market.complexity_concentration);
    rating_sum += draw_delivery_rating(params.reputation, stream, skill, complexity);
  }
  fl.rating_sum[id] = static_cast<float>(rating_sum);
  fl.rating_count[id] = static_cast<std::int32_t>(ratings);
  fl.bids_total[id] = 0;
  fl.wins_total[id] = 0;
  fl.bids_since_win[id] = 0;
  fl.income_this_week_usd[id] = 0.0f;
  fl.bid_spend_this_week_usd[id] = 0.0f;
  fl.won_value_this_week_usd[id] = 0.0f;
  fl.hours_this_week[id] = 0.0f;
  fl.trailing_earnings_usd[id] = 0.0f;
  fl.lifetime_earnings_usd[id] = 0.0;
  fl.weeks_below_reservation[id] = 0;
  fl.last_contract_week[id] = kNever;
  fl.last_paid_week[id] = kNever;
  fl.billed_clients[id] = 0;
  fl.last_active_week[id] = week;  // joining is activity
  // A reused slot must not inherit this week's flags of the freelancer who left it.
  fl.searched_this_week[id] = 0;
  fl.won_this_week[id] = 0;
  fl.completed_this_week[id] = 0;
  fl.career_move_this_week[id] = 0;
  for (std::size_t s = 0; s < fl.slots; ++s) fl.contract_client[id * fl.slots + s] = kNoAgent;
}

void initialise_population(const Params& params, MarketState& state) {
  const auto n_freelancers = static_cast<std::size_t>(params.market.initial_freelancers);
  const auto n_clients = static_cast<std::size_t>(params.market.initial_clients);
  state.initial_demand.clear();
  for (const CategoryParams& category : params.categories) {
    state.initial_demand.push_back(category.demand_share);
  }
  Freelancers& fl = state.freelancers;
  // Headroom for entrants before the store has to grow.
  fl.reserve(n_freelancers + n_freelancers / 4);
  fl.resize(n_freelancers, static_cast<std::size_t>(params.market.contract_slots));
  const double tenure_mean = params.freelancers.experience_weeks_mean;

#pragma omp parallel for schedule(static)
  for (std::size_t id = 0; id < n_freelancers; ++id) {
    Stream stream = state.streams.open(0, static_cast<std::uint32_t>(id), Purpose::init_freelancer);
    const double tenure = tenure_mean > 0.0 ? -tenure_mean * std::log1p(-stream.uniform()) : 0.0;
    fl.uid[id] = static_cast<std::int64_t>(id);
    draw_freelancer(params, stream, fl, id, 0,
                    {draw_category_by_demand(stream, params.categories), tenure});
  }
  state.next_freelancer_uid = static_cast<std::int64_t>(n_freelancers);

  Clients& cl = state.clients;
  cl.resize(n_clients);
  const ClientParams& cp = params.clients;
#pragma omp parallel for schedule(static)
  for (std::size_t id = 0; id < n_clients; ++id) {
    Stream stream = state.streams.open(0, static_cast<std::uint32_t>(id), Purpose::init_client);
    cl.main_category[id] = draw_category_by_demand(stream, params.categories);
    cl.posting_rate_per_week[id] = static_cast<float>(
        cp.jobs_per_year / 52.0 * draw_unit_mean_lognormal(stream, cp.posting_sigma));
    cl.budget_level[id] = static_cast<float>(draw_lognormal_median(stream, 1.0, cp.budget_sigma));
    cl.price_sensitivity[id] = static_cast<float>(
        cp.price_sensitivity * draw_unit_mean_lognormal(stream, cp.price_sensitivity_sigma));
    cl.quality_sensitivity[id] =
        static_cast<float>(draw_unit_mean_lognormal(stream, cp.quality_sensitivity_sigma));
    cl.ai_averse[id] = stream.uniform() < params.ai.averse_client_share ? 1 : 0;
  }
  initialise_signals(params, state);
  state.ai.adoption_share.assign(params.categories.size(), 0.0);
}

}  // namespace gigsim
