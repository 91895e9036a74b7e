// Search and bidding; see bidding.hpp.
#include "market/bidding.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "market/choice.hpp"
#include "market/contracts.hpp"
#include "market/delivery.hpp"
#include "market/pricing.hpp"
#include "policy/fees.hpp"

namespace gigsim {

double believed_win_probability(double prior_win_probability, double bids, double wins) {
  return (wins + 1.0) / (bids + 1.0 / prior_win_probability);
}

double price_penalty(double price_sensitivity, double log_budget, double log_client_cost) {
  return log_client_cost > log_budget ? std::exp(price_sensitivity * (log_budget - log_client_cost))
                                      : 1.0;
}

double proposal_value_usd(double win_probability, double penalty, double net_pay_usd,
                          double reservation_cost_usd, double bid_cost_usd) {
  return win_probability * penalty * (net_pay_usd - reservation_cost_usd) - bid_cost_usd;
}

double net_pay_usd(const FeeParams& fees, double prior_billings_usd, double gross_usd) {
  return gross_usd - freelancer_fee_usd(fees, prior_billings_usd, gross_usd);
}

namespace {

inline constexpr std::size_t kMaxJobsSeen = 200;  // upper bound of market.jobs_seen_per_week

struct Candidate {
  std::int32_t job;
  float price;
  float cost_factor;  // billed hours / job hours: what the client pays for, relative to the job
  double value;
};

/// Specialists (moved up-market) bid only on work at least this close to their skill.
inline constexpr double kSpecialistComplexityMargin = 0.1;

/// One job shown to freelancer f from category c, or -1 when the category has no open job.
std::int64_t draw_job_shown(const Params& params, const MarketState& state, Stream& stream,
                            std::uint8_t category, double skill) {
  const auto& begin = state.jobs.category_begin;
  const std::size_t first = begin[category];
  const std::size_t count = begin[category + 1] - first;
  if (count == 0) return -1;
  auto draw = [&] {  // 32-bit resolution is exact enough for < 1e6 open jobs per category
    return first + static_cast<std::size_t>(stream.uniform32() * static_cast<double>(count));
  };
  std::size_t best = draw();
  if (params.market.matching == MatchingMode::skill_fit) {
    // Platform matching: the best fit |skill - complexity| among pool_factor random candidates.
    const auto pool = static_cast<int>(std::lround(params.market.matching_pool_factor));
    double best_gap = std::abs(skill - state.job_cards[best].complexity);
    for (int k = 1; k < pool; ++k) {
      const std::size_t candidate = draw();
      const double gap = std::abs(skill - state.job_cards[candidate].complexity);
      if (gap < best_gap) {
        best = candidate;
        best_gap = gap;
      }
    }
  }
  return static_cast<std::int64_t>(best);
}

/// One searching freelancer: looks at jobs, prices them, sends the best proposals.
void search_and_bid(const Params& params, MarketState& state, std::size_t f) {
  Freelancers& fl = state.freelancers;
  Proposals& proposals = state.proposals;
  if (fl.leaving[f] || fl.is_reskilling(f) || fl.contracts_held[f] >= fl.slots) return;
  const double spare = fl.capacity_hours[f] - fl.committed_hours[f];
  if (spare < 1.0) return;
  fl.searched_this_week[f] = 1;
  fl.last_active_week[f] = state.week;
  Stream stream = state.streams.open(static_cast<std::uint32_t>(state.week),
                                     static_cast<std::uint32_t>(fl.uid[f]), Purpose::search);

  const std::size_t per_freelancer = proposals.per_freelancer;
  const std::size_t seen = std::min<std::size_t>(
      kMaxJobsSeen, static_cast<std::size_t>(params.market.jobs_seen_per_week));
  const double bid_cost = params.market.bid_cost_usd;
  const double reservation = fl.reservation_rate_usd[f];
  const double p_win = believed_win_probability(params.freelancers.prior_win_probability,
                                                fl.bids_total[f], fl.wins_total[f]);
  const auto strategy = static_cast<PricingStrategy>(fl.strategy[f]);
  // Sliding fees depend on billings with the job's client; only freelancers who have been paid
  // during the run can have any.
  const bool billings_matter =
      params.fees.schedule == FeeSchedule::sliding && fl.lifetime_earnings_usd[f] > 0.0;
  const std::int64_t uid = fl.uid[f];
  const double log_client_factor = std::log(client_price_factor(params.fees));
  const bool specialist = fl.specialist[f] != 0;
  const double min_complexity = fl.skill[f] - kSpecialistComplexityMargin;
  std::array<Candidate, kMaxJobsSeen> candidates;
  std::size_t n_candidates = 0;
  double last_price = -1.0;
  double last_log_price = 0.0;
  // The first secondary_search_share of the jobs seen come from the secondary category.
  const std::size_t seen_secondary =
      fl.secondary_category[f] == kNoCategory
          ? 0
          : static_cast<std::size_t>(
                std::lround(params.freelancers.secondary_search_share * static_cast<double>(seen)));
  for (std::size_t k = 0; k < seen; ++k) {
    const std::uint8_t category =
        k < seen_secondary ? fl.secondary_category[f] : fl.primary_category[f];
    const std::int64_t j = draw_job_shown(params, state, stream, category, fl.skill[f]);
    if (j < 0) continue;
    const JobCard& card = state.job_cards[static_cast<std::size_t>(j)];
    if (card.load_hours == std::numeric_limits<float>::infinity()) continue;  // no longer open
    if (specialist && card.complexity < min_complexity) continue;
    // The freelancer's own terms: an adopter of AI tools needs fewer hours (and bills fewer on
    // hourly work).
    const ContractTerms terms =
        contract_terms(params.ai, state.ai.capability[category], fl, f, card.hours,
                       card.pace_hours_per_week, card.fixed_price != 0);
    if (terms.load_hours > spare + kCapacityTolerance) continue;  // too big
    bool duplicate = false;
    for (std::size_t c = 0; c < n_candidates && !duplicate; ++c) duplicate = candidates[c].job == j;
    if (duplicate) continue;
    const double price =
        bid_price_usd(params, strategy, fl.ask_rate_usd[f], reservation, card.budget_rate_usd,
                      state.signals.going_rate_usd[category]);
    if (price != last_price) {  // most jobs are priced at the same ask: one log per price
      last_price = price;
      last_log_price = std::log(price);
    }
    // What the client pays relative to its budget: price x billed hours against budget x hours.
    const double cost_factor = terms.billed_hours / card.hours;
    const double penalty =
        price_penalty(params.clients.price_sensitivity, card.log_budget_rate,
                      last_log_price + log_client_factor + std::log(cost_factor));
    const double prior_billings =
        billings_matter ? state.pair_billings.billings_usd(card.client, uid) : 0.0;
    const double value = proposal_value_usd(
        p_win, penalty, net_pay_usd(params.fees, prior_billings, price * terms.billed_hours),
        reservation * terms.work_hours, bid_cost);
    if (value <= 0.0) continue;
    candidates[n_candidates++] = {static_cast<std::int32_t>(j), static_cast<float>(price),
                                  static_cast<float>(cost_factor), value};
  }
  // Adopters write extra proposals with the tools' help.
  const std::size_t budget =
      static_cast<std::size_t>(params.market.bids_per_week) +
      (fl.adopter[f] ? static_cast<std::size_t>(params.ai.extra_bids) : std::size_t{0});
  const std::size_t n_bids = std::min({n_candidates, budget, per_freelancer});
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n_bids),
                    candidates.begin() + static_cast<std::ptrdiff_t>(n_candidates),
                    [](const Candidate& a, const Candidate& b) {
                      return a.value > b.value || (a.value == b.value && a.job < b.job);
                    });
  // What clients will see of this freelancer (the client adds its noise and weights).
  const double signal = quality_signal(
      params.clients, reputation_stars(params.reputation, fl.rating_sum[f], fl.rating_count[f]),
      fl.skill[f], fl.rating_count[f]);
  for (std::size_t k = 0; k < n_bids; ++k) {
    proposals.job[f * per_freelancer + k] = candidates[k].job;
    proposals.price_usd[f * per_freelancer + k] = candidates[k].price;
    proposals.cost_factor[f * per_freelancer + k] = candidates[k].cost_factor;
    proposals.quality_signal[f * per_freelancer + k] = static_cast<float>(signal);
  }
  proposals.count[f] = static_cast<std::uint8_t>(n_bids);
  fl.bids_total[f] += static_cast<std::int32_t>(n_bids);
  fl.bid_spend_this_week_usd[f] = static_cast<float>(static_cast<double>(n_bids) * bid_cost);
}

}  // namespace

void submit_proposals(const Params& params, MarketState& state) {
  const Freelancers& fl = state.freelancers;
  Proposals& proposals = state.proposals;
  const Jobs& jobs = state.jobs;
  const std::size_t n = fl.size();
  proposals.per_freelancer =
      static_cast<std::size_t>(params.market.bids_per_week + params.ai.extra_bids);
  proposals.job.resize(n * proposals.per_freelancer);
  proposals.price_usd.resize(n * proposals.per_freelancer);
  proposals.cost_factor.resize(n * proposals.per_freelancer);
  proposals.quality_signal.resize(n * proposals.per_freelancer);
  proposals.count.assign(n, 0);

  state.job_cards.resize(jobs.size());
#pragma omp parallel for schedule(static)
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const bool open = jobs.status[j] == JobStatus::open;
    state.job_cards[j] = {jobs.hours[j],
                          open ? jobs.load_hours[j] : std::numeric_limits<float>::infinity(),
                          jobs.budget_rate_usd[j],
                          jobs.complexity[j],
                          std::log(jobs.budget_rate_usd[j]),
                          jobs.pace_hours_per_week[j],
                          jobs.client[j],
                          jobs.fixed_price[j]};
  }

  // Whether a freelancer searches this week: one 32-bit word of a Philox block shared by four
  // persons (person ids 4g .. 4g+3 use words 0..3 of block g), so the most frequent draw of the
  // step costs about a quarter of a block: neighbouring slots mostly hold neighbouring ids, and
  // a block is reused while they do. Searchers then draw from their own stream.
  const auto week = static_cast<std::uint32_t>(state.week);
#pragma omp parallel for schedule(dynamic, 256)
  for (std::size_t group = 0; group < (n + 3) / 4; ++group) {
    std::uint64_t block_group = ~std::uint64_t{0};
    PhiloxBlock coins{};
    for (std::size_t f = 4 * group; f < std::min(n, 4 * group + 4); ++f) {
      if (!fl.is_active(f)) continue;
      const auto uid = static_cast<std::uint64_t>(fl.uid[f]);
      if ((uid >> 2) != block_group) {
        block_group = uid >> 2;
        coins = state.streams.block(week, static_cast<std::uint32_t>(block_group),
                                    Purpose::search_decision);
      }
      const double coin = static_cast<double>(coins[uid & 3u]) * 0x1.0p-32;
      if (coin < fl.search_probability[f]) search_and_bid(params, state, f);
    }
  }
}

}  // namespace gigsim
