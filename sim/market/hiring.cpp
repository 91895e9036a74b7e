// Hiring; see hiring.hpp.
#include "market/hiring.hpp"

#include <algorithm>
#include <cmath>

#include "ai/authenticity.hpp"
#include "core/parallel.hpp"
#include "core/sampling.hpp"
#include "market/choice.hpp"
#include "market/contracts.hpp"
#include "market/delivery.hpp"
#include "market/pricing.hpp"
#include "policy/fees.hpp"

namespace gigsim {

void offer_rehires(const Params& params, MarketState& state) {
  Jobs& jobs = state.jobs;
  const Clients& cl = state.clients;
  const Freelancers& fl = state.freelancers;
  const auto week = static_cast<std::uint32_t>(state.week);
  // The jobs posted this week whose client asks its last freelancer back (in the same
  // category, rated well enough, and the client's draw says so), found in parallel; then, in
  // job order, whether each freelancer still has room when asked.
  std::vector<std::uint32_t> asked;
  ordered_filter(jobs.size(), asked, [&](std::size_t j) {
    if (jobs.posted_week[j] != state.week) return false;
    const std::int32_t client = jobs.client[j];
    const std::int32_t partner = cl.partner[client];
    if (partner == kNoAgent || cl.partner_uid[client] != fl.uid[partner]) return false;
    if (cl.partner_last_rating[client] < params.clients.rehire_min_rating) return false;
    const auto f = static_cast<std::size_t>(partner);
    if (fl.primary_category[f] != jobs.category[j] && fl.secondary_category[f] != jobs.category[j])
      return false;
    Stream stream =
        state.streams.open(week, static_cast<std::uint32_t>(jobs.uid[j]), Purpose::rehire);
    return stream.uniform() < params.clients.rehire_probability;
  });
  for (const std::uint32_t j : asked) {
    const auto f = static_cast<std::size_t>(cl.partner[jobs.client[j]]);
    if (!can_take_job(params, state, f, j)) continue;
    const double rate =
        std::max<double>(fl.ask_rate_usd[f], price_floor_usd(params, fl.reservation_rate_usd[f]));
    start_contract(params, state, f, j, rate, ContractSource::rehire);
    ++state.freelancers.wins_total[f];
    ++state.tally.rehires;
  }
}

void group_proposals_by_job(MarketState& state) {
  Proposals& p = state.proposals;
  Jobs& jobs = state.jobs;
  const Freelancers& fl = state.freelancers;
  const std::size_t n_jobs = jobs.size();
  const std::size_t n_searchers = p.sender.size();
  // A counting sort by job in a fixed number of searcher ranges (independent of the thread
  // count): each range counts its proposals per job, the offsets are laid out job by job and
  // range by range, and each range scatters its proposals in searcher (= freelancer) order.
  // Every job's proposals thus end up in freelancer order without atomics or sorting.
  constexpr std::size_t kRanges = 16;
  const std::size_t range_size = (n_searchers + kRanges - 1) / kRanges;
  std::vector<std::size_t>& offsets = state.grouping_cursor;  // [range * n_jobs + job]
  offsets.resize(kRanges * n_jobs);
#pragma omp parallel for schedule(static)
  for (std::size_t range = 0; range < kRanges; ++range) {
    std::size_t* const counts = offsets.data() + range * n_jobs;
    std::fill_n(counts, n_jobs, std::size_t{0});
    const std::size_t end = std::min(n_searchers, (range + 1) * range_size);
    for (std::size_t s = range * range_size; s < end; ++s) {
      for (std::size_t k = 0; k < p.count[s]; ++k) ++counts[p.job[s * p.per_freelancer + k]];
    }
  }
  // The layout: each job's total (parallel over jobs), the jobs' starts (a serial sum over jobs),
  // then each job's ranges placed one after another from its start (parallel over jobs).
  p.job_begin.resize(n_jobs + 1);
  p.job_begin[0] = 0;
#pragma omp parallel for schedule(static)
  for (std::size_t j = 0; j < n_jobs; ++j) {
    std::size_t total = 0;
    for (std::size_t range = 0; range < kRanges; ++range) total += offsets[range * n_jobs + j];
    p.job_begin[j + 1] = total;
  }
  for (std::size_t j = 0; j < n_jobs; ++j) p.job_begin[j + 1] += p.job_begin[j];
#pragma omp parallel for schedule(static)
  for (std::size_t j = 0; j < n_jobs; ++j) {
    std::size_t position = p.job_begin[j];
    for (std::size_t range = 0; range < kRanges; ++range) {
      const std::size_t count = offsets[range * n_jobs + j];
      offsets[range * n_jobs + j] = position;
      position += count;
    }
    jobs.bids_received[j] += static_cast<std::int32_t>(position - p.job_begin[j]);
  }
  p.by_job.resize(p.job_begin[n_jobs]);
#pragma omp parallel for schedule(static)
  for (std::size_t range = 0; range < kRanges; ++range) {
    std::size_t* const next = offsets.data() + range * n_jobs;
    const std::size_t end = std::min(n_searchers, (range + 1) * range_size);
    for (std::size_t s = range * range_size; s < end; ++s) {
      const auto f = static_cast<std::size_t>(p.sender[s]);
      for (std::size_t k = 0; k < p.count[s]; ++k) {
        const std::size_t slot = s * p.per_freelancer + k;
        p.by_job[next[p.job[slot]]++] = {static_cast<std::int64_t>(slot), fl.uid[f],
                                         p.quality_signal[slot], p.log_cost[slot], fl.adopter[f]};
      }
    }
  }
}

void choose_proposals(const Params& params, MarketState& state) {
  Proposals& p = state.proposals;
  const Jobs& jobs = state.jobs;
  const Clients& cl = state.clients;
  const ClientParams& cp = params.clients;
  const auto week = static_cast<std::uint32_t>(state.week);
  p.offer.assign(jobs.size(), -1);
  const double log_client_factor = std::log(client_price_factor(params.fees));
#pragma omp parallel
  {
    std::vector<double> utilities;  // per thread, grows to the largest bid list once
#pragma omp for schedule(dynamic, 256)
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      const std::size_t first = p.job_begin[j];
      const std::size_t count = p.job_begin[j + 1] - first;
      if (count == 0 || jobs.status[j] != JobStatus::open) continue;
      const std::int32_t client = jobs.client[j];
      const bool averse = cl.ai_averse[client] != 0;
      const ClientTaste taste{cl.quality_sensitivity[client], cl.price_sensitivity[client],
                              cp.weight_skill, cp.weight_rehire};
      // The client weighs what it pays, price plus its fee, against its budget.
      const double log_budget =
          std::log(static_cast<double>(jobs.budget_rate_usd[j])) - log_client_factor;
      const std::int64_t partner_uid =
          cl.partner[client] == kNoAgent ? std::int64_t{-1} : cl.partner_uid[client];
      Stream stream =
          state.streams.open(week, static_cast<std::uint32_t>(jobs.uid[j]), Purpose::choice);
      if (utilities.size() < count) utilities.resize(count);
      for (std::size_t b = 0; b < count; ++b) {
        const Proposals::Seen& seen = p.by_job[first + b];
        utilities[b] = proposal_utility(taste, seen.quality_signal,
                                        draw_normal(stream, 0.0, cp.skill_noise_sd), seen.log_price,
                                        log_budget, seen.uid == partner_uid) -
                       disclosure_penalty(params, averse, seen.uses_ai != 0);
      }
      const long chosen =
          logit_choice(utilities.data(), count, cp.outside_utility, stream.uniform());
      if (chosen >= 0) p.offer[j] = p.by_job[first + static_cast<std::size_t>(chosen)].slot;
    }
  }
}

void accept_offers(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  const Proposals& p = state.proposals;
#pragma omp parallel for schedule(dynamic, 1024)
  for (std::size_t s = 0; s < p.sender.size(); ++s) {
    const std::size_t n = p.count[s];
    if (n == 0) continue;
    const auto f = static_cast<std::size_t>(p.sender[s]);
    std::int32_t won = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t slot = s * p.per_freelancer + k;
      const auto j = static_cast<std::size_t>(p.job[slot]);
      if (p.offer[j] != static_cast<std::int64_t>(slot)) continue;
      if (!can_take_job(params, state, f, j)) continue;  // declined: the job stays open
      start_contract(params, state, f, j, p.price_usd[slot], ContractSource::proposal);
      ++won;
    }
    fl.wins_total[f] += won;
    fl.bids_since_win[f] = won > 0 ? 0 : fl.bids_since_win[f] + static_cast<std::int32_t>(n);
  }
}

}  // namespace gigsim
