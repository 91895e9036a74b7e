// Contracts; see contracts.hpp.
#include "market/contracts.hpp"

#include <algorithm>
#include <cmath>

#include "ai/authenticity.hpp"
#include "ai/productivity.hpp"
#include "core/parallel.hpp"
#include "core/sampling.hpp"
#include "market/delivery.hpp"
#include "market/posting.hpp"
#include "policy/fees.hpp"

namespace gigsim {

long free_contract_slot(const Freelancers& fl, std::size_t f) {
  for (std::size_t s = 0; s < fl.slots; ++s) {
    if (fl.contract_client[f * fl.slots + s] == kNoAgent) return static_cast<long>(s);
  }
  return -1;
}

namespace {
ContractTerms terms_of(double work_hours, double billed_hours, int weeks, bool with_ai) {
  ContractTerms terms;
  terms.with_ai = with_ai;
  terms.work_hours = work_hours;
  terms.billed_hours = billed_hours;
  terms.weeks = weeks;
  terms.load_hours = work_hours / weeks;
  return terms;
}
}  // namespace

ContractTerms contract_terms(double hours, double pace_hours_per_week, bool fixed_price,
                             double time_saving, bool with_ai) {
  const double work_hours = hours * (1.0 - time_saving);
  return terms_of(work_hours, fixed_price ? hours : work_hours,
                  contract_weeks(work_hours, pace_hours_per_week), with_ai);
}

ContractTerms contract_terms(const AiParams& ai, double capability, const Freelancers& fl,
                             std::size_t f, double hours, double pace_hours_per_week,
                             bool fixed_price) {
  const bool with_ai = fl.adopter[f] != 0;
  const double saving =
      with_ai ? ai_time_saving(ai, capability, fl.ai_proficiency[f], fl.skill[f]) : 0.0;
  return contract_terms(hours, pace_hours_per_week, fixed_price, saving, with_ai);
}

namespace {
ContractTerms terms_for_job(const Params& params, const MarketState& state, std::size_t f,
                            std::size_t j) {
  const Jobs& jobs = state.jobs;
  return contract_terms(params.ai, state.ai.capability[jobs.category[j]], state.freelancers, f,
                        jobs.hours[j], jobs.pace_hours_per_week[j], jobs.fixed_price[j] != 0);
}
}  // namespace

bool can_take_job(const Params& params, const MarketState& state, std::size_t f, std::size_t j) {
  const Freelancers& fl = state.freelancers;
  if (!fl.is_active(f) || fl.leaving[f] || fl.is_reskilling(f) || fl.contracts_held[f] >= fl.slots)
    return false;
  const double spare = fl.capacity_hours[f] - fl.committed_hours[f];
  return terms_for_job(params, state, f, j).load_hours <= spare + kCapacityTolerance;
}

float committed_load_hours(const Freelancers& fl, std::size_t f) {
  float committed = 0.0f;
  for (std::size_t s = 0; s < fl.slots; ++s) {
    if (fl.contract_client[f * fl.slots + s] != kNoAgent)
      committed += fl.contract_load_hours[f * fl.slots + s];
  }
  return committed;
}

void start_contract(const Params& params, MarketState& state, std::size_t f, std::size_t j,
                    double rate_usd, ContractSource source) {
  Freelancers& fl = state.freelancers;
  Jobs& jobs = state.jobs;
  const std::size_t slot = f * fl.slots + static_cast<std::size_t>(free_contract_slot(fl, f));
  const ContractTerms terms = terms_for_job(params, state, f, j);
  fl.contract_client[slot] = jobs.client[j];
  fl.contract_category[slot] = jobs.category[j];
  fl.contract_fixed_price[slot] = jobs.fixed_price[j];
  fl.contract_weeks_left[slot] = static_cast<std::int16_t>(std::min(terms.weeks, 32767));
  fl.contract_rate_usd[slot] = static_cast<float>(rate_usd);
  fl.contract_hours[slot] = static_cast<float>(terms.billed_hours);
  fl.contract_load_hours[slot] = static_cast<float>(terms.load_hours);
  fl.contract_ai[slot] = terms.with_ai ? 1 : 0;
  fl.contract_complexity[slot] = jobs.complexity[j];
  fl.contract_paid_hours[slot] = 0.0f;
  fl.contract_rating[slot] = 0.0f;
  ++fl.contracts_held[f];
  // Recomputed from the slots rather than added to, so no rounding residue ever remains.
  fl.committed_hours[f] = committed_load_hours(fl, f);
  fl.won_this_week[f] = 1;
  fl.last_contract_week[f] = state.week;
  fl.last_active_week[f] = state.week;
  if (source == ContractSource::proposal) {
    // What winning this proposal is worth to the freelancer, net of the fee it will pay: the
    // searchers' expected earnings (market/signals.cpp) are built from it.
    const double gross = rate_usd * terms.billed_hours;
    const double prior = state.pair_billings.billings_usd(jobs.client[j], fl.uid[f]);
    fl.won_value_this_week_usd[f] +=
        static_cast<float>(gross - freelancer_fee_usd(params.fees, prior, gross));
  }
  jobs.status[j] = JobStatus::filled;
  jobs.filled_by[j] = static_cast<std::int32_t>(f);
  jobs.agreed_rate_usd[j] = static_cast<float>(rate_usd);
}

void progress_contracts(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  const auto week = static_cast<std::uint32_t>(state.week);
  const std::size_t n = fl.size();
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < n; ++f) {
    fl.completed_this_week[f] = 0;
    if (fl.contracts_held[f] == 0) continue;
    fl.last_contract_week[f] = state.week;
    fl.last_active_week[f] = state.week;
    fl.hours_this_week[f] = fl.committed_hours[f];
    Stream stream =
        state.streams.open(week, static_cast<std::uint32_t>(fl.uid[f]), Purpose::delivery);
    for (std::size_t s = 0; s < fl.slots; ++s) {
      const std::size_t slot = f * fl.slots + s;
      if (fl.contract_client[slot] == kNoAgent) continue;
      if (--fl.contract_weeks_left[slot] > 0) continue;
      // Completed: hourly jobs pay the hours actually worked, fixed-price jobs the quote.
      const double quoted = fl.contract_hours[slot];
      const double worked =
          quoted * std::exp(draw_normal(stream, 0.0, params.market.hourly_overrun_sd));
      fl.contract_paid_hours[slot] =
          static_cast<float>(fl.contract_fixed_price[slot] ? quoted : worked);
      const bool with_ai = fl.contract_ai[slot] != 0;
      const double capability = state.ai.capability[fl.contract_category[slot]];
      const double quality =
          fl.skill[f] +
          (with_ai ? ai_quality_boost(params.ai, capability, fl.ai_proficiency[f], fl.skill[f])
                   : 0.0);
      double rating =
          draw_delivery_rating(params.reputation, stream, quality, fl.contract_complexity[slot]);
      if (with_ai) {
        const bool averse = state.clients.ai_averse[fl.contract_client[slot]] != 0;
        rating = rating_after_ai_risks(params, stream, rating, fl.ai_proficiency[f], averse);
      }
      fl.contract_rating[slot] = static_cast<float>(rating);
      fl.rating_sum[f] += static_cast<float>(rating);
      ++fl.rating_count[f];
      // Learning by doing: skill approaches 1 with hours worked (upskilling).
      const double gain = params.careers.learning_per_1000_hours * worked / 1000.0;
      fl.skill[f] = static_cast<float>(std::min(1.0, fl.skill[f] + gain * (1.0 - fl.skill[f])));
      fl.completed_this_week[f] = 1;
    }
  }
}

void settle_completed_contracts(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  Clients& cl = state.clients;
  WeekTally& tally = state.tally;
  // The freelancers who completed work, found in parallel; paid one by one in slot order (a
  // client's partner is the last freelancer it paid, and the billings table is written here).
  std::vector<std::uint32_t> completed;
  ordered_filter(fl.size(), completed,
                 [&](std::size_t f) { return fl.completed_this_week[f] != 0; });
  for (const std::uint32_t f : completed) {
    for (std::size_t s = 0; s < fl.slots; ++s) {
      const std::size_t slot = f * fl.slots + s;
      const std::int32_t client = fl.contract_client[slot];
      if (client == kNoAgent || fl.contract_weeks_left[slot] > 0) continue;
      const double gross =
          static_cast<double>(fl.contract_rate_usd[slot]) * fl.contract_paid_hours[slot];
      // Sliding tiers count lifetime billings of this client with this person.
      const double prior_billings = state.pair_billings.billings_usd(client, fl.uid[f]);
      const double freelancer_fee = freelancer_fee_usd(params.fees, prior_billings, gross);
      const double client_fee = client_fee_usd(params.fees, gross);
      const double net = gross - freelancer_fee;

      cl.total_spend_usd[client] += gross + client_fee;
      cl.partner[client] = static_cast<std::int32_t>(f);
      cl.partner_uid[client] = fl.uid[f];
      cl.partner_last_rating[client] = fl.contract_rating[slot];
      state.pair_billings.add(client, fl.uid[f], gross);
      fl.billed_clients[f] |= PairBillings::client_bits(client);
      fl.income_this_week_usd[f] += static_cast<float>(net);
      fl.lifetime_earnings_usd[f] += net;
      fl.last_paid_week[f] = state.week;
      fl.contract_client[slot] = kNoAgent;
      --fl.contracts_held[f];
      fl.committed_hours[f] = committed_load_hours(fl, f);

      tally.client_spend_usd += gross + client_fee;
      tally.freelancer_income_usd += net;
      tally.platform_revenue_usd += freelancer_fee + client_fee;
      tally.income_by_category_usd[fl.contract_category[slot]] += net;
    }
  }
}

}  // namespace gigsim
