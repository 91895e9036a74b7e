// Job posting and expiry; see posting.hpp.
#include "market/posting.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "ai/automation.hpp"
#include "ai/expectations.hpp"
#include "core/sampling.hpp"
#include "policy/fees.hpp"

namespace gigsim {

int contract_weeks(double hours, double pace_hours_per_week) {
  return std::max(1, static_cast<int>(std::ceil(hours / pace_hours_per_week)));
}

double weekly_load_hours(double hours, double pace_hours_per_week) {
  return hours / contract_weeks(hours, pace_hours_per_week);
}

namespace {

/// Clients whose posting draws start together: one vector register of Philox blocks.
inline constexpr std::size_t kPostingBatch = 16;
/// Jobs from which the sort's copying is split among threads.
inline constexpr std::size_t kParallelMoveJobs = 4096;

/// The demand of this week relative to week 0: each category's effective demand (its
/// demand_share times the work AI creates there), its growth d_k / d0_k (0 for a category
/// without initial demand, which no client has as its main category) and D / D0.
struct DemandGrowth {
  std::vector<double> demand;  // d_k: effective demand this week
  std::vector<double> main;    // d_k / d0_k
  double spread = 0.0;         // sum of d_k / D0
  double initial_total = 0.0;
};

DemandGrowth demand_growth(const Params& params, const std::vector<double>& initial_demand,
                           double ai_diffusion_now) {
  DemandGrowth growth;
  for (double d0 : initial_demand) growth.initial_total += d0;
  const std::size_t n = params.categories.size();
  growth.demand.resize(n);
  growth.main.resize(n, 0.0);
  double total = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const CategoryParams& category = params.categories[k];
    const double d = category.demand_share *
                     complementary_demand_factor(category.ai_complementarity, ai_diffusion_now);
    growth.demand[k] = d;
    total += d;
    if (initial_demand[k] > 0.0) growth.main[k] = d / initial_demand[k];
  }
  growth.spread = growth.initial_total > 0.0 ? total / growth.initial_total : 0.0;
  return growth;
}

/// A category drawn with probability proportional to `demand` (the last one if all are zero).
std::uint8_t draw_category(Stream& stream, const std::vector<double>& demand, double total) {
  double target = stream.uniform() * total;
  for (std::size_t k = 0; k < demand.size(); ++k) {
    target -= demand[k];
    if (target < 0.0) return static_cast<std::uint8_t>(k);
  }
  return static_cast<std::uint8_t>(demand.size() - 1);
}

/// What clients expect of a category's work this week (AI budget and deadline pressure, the
/// complexity mix) and how capable AI is there.
struct CategoryTerms {
  double budget_factor;
  double pace_hours_per_week;
  double complexity_mean;
  double capability;
};

std::vector<CategoryTerms> category_terms(const Params& params, const AiState& ai) {
  std::vector<CategoryTerms> terms;
  for (std::size_t k = 0; k < params.categories.size(); ++k) {
    const double a = ai.capability[k];
    const double adoption = ai.adoption_share[k];
    terms.push_back(
        {expected_budget_factor(params.ai, a, adoption),
         params.market.pace_hours_per_week * expected_pace_factor(params.ai, a, adoption),
         shifted_complexity_mean(params.ai, params.categories[k].complexity_mean, a, adoption), a});
  }
  return terms;
}

/// Stable counting sort of the open jobs by category into the scratch store, then swap: jobs
/// closed last week (filled or expired) and jobs the clients decided not to post are dropped.
/// Where each job goes is worked out in one serial pass over two bytes a job; the arrays are
/// then copied by all threads, each array split among them (on a large market most of the
/// step's job store is moved here every week).
void sort_jobs_by_category(MarketState& state, std::size_t categories) {
  Jobs& jobs = state.jobs;
  Jobs& sorted = state.jobs_scratch;
  const std::size_t n = jobs.size();
  std::vector<std::size_t>& begin = sorted.category_begin;
  begin.assign(categories + 1, 0);
  for (std::size_t j = 0; j < n; ++j) {
    if (jobs.status[j] == JobStatus::open) ++begin[jobs.category[j] + 1];
  }
  for (std::size_t c = 0; c < categories; ++c) begin[c + 1] += begin[c];
  sorted.resize(begin[categories]);
  constexpr std::size_t kDropped = ~std::size_t{0};
  std::vector<std::size_t> next(begin.begin(), begin.end() - 1);
  std::vector<std::size_t> target(n);
  for (std::size_t j = 0; j < n; ++j) {
    target[j] = jobs.status[j] == JobStatus::open ? next[jobs.category[j]]++ : kDropped;
  }
#pragma omp parallel if (n >= kParallelMoveJobs)
  Jobs::for_each_array(
      [&](auto& to, const auto& from) {
#pragma omp for schedule(static) nowait
        for (std::size_t j = 0; j < n; ++j) {
          if (target[j] != kDropped) to[target[j]] = from[j];
        }
      },
      sorted, jobs);
  jobs.swap(sorted);
}

}  // namespace

double client_posting_rate(const Params& params, const std::vector<double>& initial_demand,
                           double rate_per_week, std::size_t main_category, std::size_t category) {
  const DemandGrowth growth = demand_growth(params, initial_demand, 0.0);
  if (growth.initial_total <= 0.0) return 0.0;
  const double s = params.clients.main_category_share;
  const double main_part = category == main_category ? s * growth.main[category] : 0.0;
  const double spread_part = (1.0 - s) * growth.demand[category] / growth.initial_total;
  return rate_per_week * (main_part + spread_part);
}

double floor_posting_probability(double budget_rate_usd, double min_rate_usd,
                                 double client_price_factor, double price_sensitivity) {
  const double cheapest = min_rate_usd * client_price_factor;
  if (!(cheapest > budget_rate_usd)) return 1.0;
  return std::pow(budget_rate_usd / cheapest, price_sensitivity);
}

void post_jobs(const Params& params, MarketState& state) {
  // New jobs go after the store as last week left it; the sort at the end keeps the open ones.
  Jobs& jobs = state.jobs;
  const Clients& clients = state.clients;
  const std::size_t n_clients = clients.size();
  const auto week = static_cast<std::uint32_t>(state.week);

  // How many jobs each client posts (parallel), then where they go (serial prefix sum). A
  // client's posts are Poisson with the sum of its category rates; each post's category is then
  // drawn in proportion to them (main part first, then the spread by current demand).
  const DemandGrowth growth = demand_growth(params, state.initial_demand, state.ai.diffusion);
  double total_demand = 0.0;
  for (double d : growth.demand) total_demand += d;
  const std::vector<CategoryTerms> terms = category_terms(params, state.ai);
  const double share_main = params.clients.main_category_share;
  const auto main_weight = [&](std::size_t c) {
    return share_main * growth.main[clients.main_category[c]];
  };
  const double spread_weight = (1.0 - share_main) * growth.spread;
  std::vector<std::int64_t>& counts = state.posting_counts;
  counts.assign(n_clients + 1, 0);
  // The first blocks of a batch of clients' posting streams are computed together, several per
  // instruction: most clients need no more.
#pragma omp parallel for schedule(static)
  for (std::size_t batch = 0; batch < (n_clients + kPostingBatch - 1) / kPostingBatch; ++batch) {
    const std::size_t first = batch * kPostingBatch;
    const std::size_t count = std::min(n_clients - first, kPostingBatch);
    std::array<PhiloxBlock, kPostingBatch> counters;
    std::array<PhiloxBlock, kPostingBatch> blocks;
    for (std::size_t i = 0; i < count; ++i) {
      counters[i] = state.streams.first_counter(week, static_cast<std::uint32_t>(first + i),
                                                Purpose::posting);
    }
    philox4x32_10_many(counters.data(), count, state.streams.key(), blocks.data());
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t c = first + i;
      Stream stream =
          state.streams.open(week, static_cast<std::uint32_t>(c), Purpose::posting, blocks[i]);
      counts[c + 1] =
          draw_poisson(stream, clients.posting_rate_per_week[c] * (main_weight(c) + spread_weight));
    }
  }
  for (std::size_t c = 0; c < n_clients; ++c) counts[c + 1] += counts[c];
  const std::size_t first_new = jobs.size();
  const auto posted = static_cast<std::size_t>(counts[n_clients]);
  jobs.resize(first_new + posted);
  const std::int64_t first_uid = state.next_job_uid;
  state.next_job_uid += static_cast<std::int64_t>(posted);

  const double concentration = params.market.complexity_concentration;
  const auto open_weeks = static_cast<std::int32_t>(params.market.job_open_weeks);
  const double min_rate = params.policy.min_hourly_rate_usd;
  const double price_factor = client_price_factor(params.fees);
  const double tax = params.policy.substitution_tax;
#pragma omp parallel for schedule(static)
  for (std::size_t c = 0; c < n_clients; ++c) {
    if (counts[c + 1] == counts[c]) continue;
    Stream stream =
        state.streams.open(week, static_cast<std::uint32_t>(c), Purpose::job_attributes);
    const double main_share = main_weight(c) / (main_weight(c) + spread_weight);
    for (auto k = counts[c]; k < counts[c + 1]; ++k) {
      const std::size_t j = first_new + static_cast<std::size_t>(k);
      const std::uint8_t category = stream.uniform() < main_share
                                        ? clients.main_category[c]
                                        : draw_category(stream, growth.demand, total_demand);
      const CategoryParams& cat = params.categories[category];
      const CategoryTerms& term = terms[category];
      jobs.uid[j] = first_uid + k;
      jobs.client[j] = static_cast<std::int32_t>(c);
      jobs.category[j] = category;
      jobs.fixed_price[j] = stream.uniform() < params.market.fixed_price_share ? 1 : 0;
      jobs.status[j] = JobStatus::open;
      const double hours =
          std::max(1.0, draw_lognormal_median(stream, cat.job_hours_median, cat.job_hours_sigma));
      jobs.hours[j] = static_cast<float>(hours);
      jobs.pace_hours_per_week[j] = static_cast<float>(term.pace_hours_per_week);
      jobs.load_hours[j] = static_cast<float>(weekly_load_hours(hours, term.pace_hours_per_week));
      const double complexity = draw_beta_mean(stream, term.complexity_mean, concentration);
      jobs.complexity[j] = static_cast<float>(complexity);
      const double budget = cat.budget_rate_usd * clients.budget_level[c] * term.budget_factor;
      jobs.budget_rate_usd[j] = static_cast<float>(budget);
      // The client's make-or-buy decision: do the job with AI itself, or not post it because a
      // price floor exceeds its budget.
      const double automate =
          automation_probability(params.ai, term.capability, complexity,
                                 clients.quality_sensitivity[c], clients.price_sensitivity[c], tax);
      const double post =
          floor_posting_probability(budget, min_rate, price_factor, clients.price_sensitivity[c]);
      if (automate > 0.0 && stream.uniform() < automate) {
        jobs.status[j] = JobStatus::automated;
      } else if (post < 1.0 && stream.uniform() >= post) {
        jobs.status[j] = JobStatus::deterred;
      }
      jobs.posted_week[j] = state.week;
      jobs.expires_week[j] = state.week + open_weeks - 1;
      jobs.bids_received[j] = 0;
      jobs.filled_by[j] = kNoAgent;
      jobs.agreed_rate_usd[j] = 0.0f;
    }
  }
  WeekTally& tally = state.tally;
  for (std::size_t j = first_new; j < jobs.size(); ++j) {
    const std::size_t category = jobs.category[j];
    switch (jobs.status[j]) {
      case JobStatus::open:
        ++tally.jobs_posted;
        ++tally.jobs_posted_by_category[category];
        break;
      case JobStatus::deterred:
        ++tally.jobs_deterred;
        break;
      case JobStatus::automated:
        ++tally.jobs_automated_by_category[category];
        break;
      default:
        break;
    }
  }
  sort_jobs_by_category(state, params.categories.size());
}

void expire_jobs(MarketState& state) {
  Jobs& jobs = state.jobs;
#pragma omp parallel for schedule(static)
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (jobs.status[j] == JobStatus::open && jobs.expires_week[j] <= state.week) {
      jobs.status[j] = JobStatus::expired;
    }
  }
}

}  // namespace gigsim
