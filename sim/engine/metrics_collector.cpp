// Weekly metrics; see metrics_collector.hpp and docs/output.md.
#include "engine/metrics_collector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "core/statistics.hpp"

namespace gigsim {

namespace {

inline constexpr float kInfinity = std::numeric_limits<float>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double share(double part, double whole) { return whole > 0.0 ? part / whole : kNaN; }

/// Sorts `values` (agents outside the population hold +infinity), keeps the first `count` and
/// writes their quantiles.
void quantiles_of(std::vector<float>& values, std::size_t count, RadixScratch& scratch,
                  MetricsRow::Quantiles& quantiles) {
  radix_sort(values, scratch);
  values.resize(count);
  for (std::size_t q = 0; q < kQuantileLevels.size(); ++q) {
    quantiles[q] = sorted_quantile(values, kQuantileLevels[q]);
  }
}

}  // namespace

void MetricsCollector::collect(const Params& params, const MarketState& state, MetricsRow& row) {
  const Freelancers& fl = state.freelancers;
  const Jobs& jobs = state.jobs;
  const Proposals& proposals = state.proposals;
  const std::size_t n_categories = params.categories.size();
  const WeekTally& tally = state.tally;
  if (n_categories > kMaxCategories) {
    throw RuntimeFailure("metrics support at most " + std::to_string(kMaxCategories) +
                         " categories, the scenario has " + std::to_string(n_categories));
  }
  row.by_category.assign(kCategoryMetricCount * n_categories, 0.0);

  const std::int32_t week = state.week;
  const std::int64_t trailing_window = std::llround(params.careers.trailing_weeks);
  const auto is_active = [&](std::size_t f) {
    return fl.last_active_week[f] > week - kActiveWindowWeeks;
  };
  const auto is_earner = [&](std::size_t f) {
    return static_cast<std::int64_t>(week) - fl.last_paid_week[f] < trailing_window;
  };
  const FreelancerTotals totals = deterministic_reduce(
      fl.size(), totals_partials_, FreelancerTotals{},
      [&](FreelancerTotals& acc, std::size_t f) {
        if (!fl.is_active(f)) return;
        const std::size_t c = fl.primary_category[f];
        const double active = is_active(f) ? 1.0 : 0.0;
        acc.registered += 1;
        acc.registered_by_category[c] += 1;
        acc.active += active;
        acc.active_by_category[c] += active;
        acc.searching += fl.searched_this_week[f];
        acc.working += fl.contracts_held[f] > 0 ? 1 : 0;
        acc.earners += is_earner(f) ? 1 : 0;
        acc.idle += fl.last_contract_week[f] <= week - kActiveWindowWeeks ? 1 : 0;
        acc.skill += fl.skill[f];
        acc.hours += fl.hours_this_week[f];
        acc.hours_by_category[c] += fl.hours_this_week[f];
        if (fl.searched_this_week[f]) {
          acc.searcher_value += static_cast<double>(fl.won_value_this_week_usd[f]) -
                                static_cast<double>(fl.bid_spend_this_week_usd[f]);
        }
        if (fl.adopter[f]) acc.tool_spend += state.ai.tool_cost_usd_per_week[c];
        if (fl.adopter[f] && active > 0.0) {
          acc.adopters += 1;
          acc.adopters_by_category[c] += 1;
        }
        if (fl.is_reskilling(f)) {
          acc.reskilling += 1;
          acc.reskilling_by_category[fl.reskill_target[f]] += 1;
        }
        acc.specialists += fl.specialist[f];
      },
      [](FreelancerTotals& total, const FreelancerTotals& part) {
        total.registered += part.registered;
        total.active += part.active;
        total.searching += part.searching;
        total.working += part.working;
        total.earners += part.earners;
        total.idle += part.idle;
        total.skill += part.skill;
        total.hours += part.hours;
        total.searcher_value += part.searcher_value;
        total.adopters += part.adopters;
        total.reskilling += part.reskilling;
        total.specialists += part.specialists;
        total.tool_spend += part.tool_spend;
        for (std::size_t c = 0; c < kMaxCategories; ++c) {
          total.registered_by_category[c] += part.registered_by_category[c];
          total.active_by_category[c] += part.active_by_category[c];
          total.hours_by_category[c] += part.hours_by_category[c];
          total.adopters_by_category[c] += part.adopters_by_category[c];
          total.reskilling_by_category[c] += part.reskilling_by_category[c];
        }
      });

  // Distributions (sorted copies; order-independent results). Agents outside a population get
  // +infinity, which sorts last and is cut off.
  earnings_.resize(fl.size());
  earner_earnings_.resize(fl.size());
  asks_.resize(fl.size());
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    const bool registered = fl.is_active(f);
    const float trailing = fl.trailing_earnings_usd[f];
    earnings_[f] = registered ? trailing : kInfinity;
    earner_earnings_[f] = registered && is_earner(f) ? trailing : kInfinity;
    asks_[f] = registered && is_active(f) ? fl.ask_rate_usd[f] : kInfinity;
  }
  quantiles_of(earnings_, static_cast<std::size_t>(totals.registered), sort_scratch_,
               row[Distribution::earnings]);
  quantiles_of(earner_earnings_, static_cast<std::size_t>(totals.earners), sort_scratch_,
               row[Distribution::earner_earnings]);
  quantiles_of(asks_, static_cast<std::size_t>(totals.active), sort_scratch_,
               row[Distribution::rates]);

  // Asks by category: a serial pass over the active freelancers (a fraction of those registered).
  asks_by_category_.resize(n_categories);
  for (auto& asks : asks_by_category_) asks.clear();
  for (std::size_t f = 0; f < fl.size(); ++f) {
    if (fl.is_active(f) && is_active(f)) {
      asks_by_category_[fl.primary_category[f]].push_back(fl.ask_rate_usd[f]);
    }
  }

  // Jobs: those closed this week (filled or expired) and contracts started this week.
  agreed_rates_.clear();
  agreed_rates_by_category_.resize(n_categories);
  for (auto& rates : agreed_rates_by_category_) rates.clear();
  bids_per_closed_job_.clear();
  double filled = 0, expired = 0;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const std::size_t c = jobs.category[j];
    if (!proposals.job_begin.empty()) {
      row.at(CategoryMetric::bids, c, n_categories) +=
          static_cast<double>(proposals.job_begin[j + 1] - proposals.job_begin[j]);
    }
    if (jobs.status[j] == JobStatus::open) continue;
    bids_per_closed_job_.push_back(jobs.bids_received[j]);
    if (jobs.status[j] == JobStatus::expired) {
      expired += 1;
      continue;
    }
    filled += 1;
    agreed_rates_.push_back(jobs.agreed_rate_usd[j]);
    agreed_rates_by_category_[c].push_back(jobs.agreed_rate_usd[j]);
    row.at(CategoryMetric::jobs_filled, c, n_categories) += 1;
  }

  std::int64_t entrants = 0;
  for (std::int64_t n : tally.entrants_by_category) entrants += n;
  const double bid_fees = static_cast<double>(proposals.by_job.size()) * params.market.bid_cost_usd;

  row[MarketMetric::jobs_posted] = static_cast<double>(tally.jobs_posted);
  row[MarketMetric::jobs_deterred] = static_cast<double>(tally.jobs_deterred);
  row[MarketMetric::jobs_filled] = filled;
  row[MarketMetric::jobs_expired] = expired;
  row[MarketMetric::rehires] = static_cast<double>(tally.rehires);
  // Every proposal sent this week (a sender may have exited since, and its slot been reused).
  row[MarketMetric::bids] = static_cast<double>(proposals.by_job.size());
  row[MarketMetric::bids_per_job_mean] = mean_of(bids_per_closed_job_);
  row[MarketMetric::bids_per_job_median] = median_in_place(bids_per_closed_job_);
  row[MarketMetric::hire_rate] = share(filled, filled + expired);
  row[MarketMetric::registered_freelancers] = totals.registered;
  row[MarketMetric::active_freelancers] = totals.active;
  row[MarketMetric::dormant_freelancers] = totals.registered - totals.active;
  row[MarketMetric::searching_freelancers] = totals.searching;
  row[MarketMetric::working_freelancers] = totals.working;
  row[MarketMetric::earners] = totals.earners;
  row[MarketMetric::idle_share] = share(totals.idle, totals.registered);
  row[MarketMetric::entrants] = static_cast<double>(entrants);
  row[MarketMetric::exits] = static_cast<double>(tally.exits);
  row[MarketMetric::dormant_exits] = static_cast<double>(tally.dormant_exits);
  row[MarketMetric::switches] = static_cast<double>(tally.switches);
  row[MarketMetric::mean_price] = mean_of(agreed_rates_);
  row[MarketMetric::median_rate] = median_in_place(agreed_rates_);
  row[MarketMetric::median_ask_rate] = sorted_quantile(asks_, 0.5);
  row[MarketMetric::client_spend] = tally.client_spend_usd;
  row[MarketMetric::freelancer_income] = tally.freelancer_income_usd;
  row[MarketMetric::bid_fee_revenue] = bid_fees;
  row[MarketMetric::freelancer_net_income] = tally.freelancer_income_usd - bid_fees;
  row[MarketMetric::platform_revenue] = tally.platform_revenue_usd;
  row[MarketMetric::platform_take] = tally.platform_revenue_usd + bid_fees;
  row[MarketMetric::hours_worked] = totals.hours;
  row[MarketMetric::searcher_earnings] = share(totals.searcher_value, totals.searching);
  row[MarketMetric::earnings_gini] = sorted_gini(earnings_);
  row[MarketMetric::top10_earnings_share] = sorted_top_share(earnings_, 0.1);
  row[MarketMetric::earner_gini] = sorted_gini(earner_earnings_);
  row[MarketMetric::earner_top10_share] = sorted_top_share(earner_earnings_, 0.1);
  row[MarketMetric::mean_skill] = share(totals.skill, totals.registered);
  std::int64_t automated = 0;
  for (std::int64_t n : tally.jobs_automated_by_category) automated += n;
  double capability = 0.0, initial_demand = 0.0;
  for (std::size_t c = 0; c < n_categories; ++c) {
    capability += state.initial_demand[c] * state.ai.capability[c];
    initial_demand += state.initial_demand[c];
  }
  row[MarketMetric::jobs_automated] = static_cast<double>(automated);
  row[MarketMetric::ai_capability] = share(capability, initial_demand);
  row[MarketMetric::ai_diffusion] = state.ai.diffusion;
  row[MarketMetric::adopters] = totals.adopters;
  row[MarketMetric::adoption_share] = share(totals.adopters, totals.active);
  row[MarketMetric::ai_tool_spend] = totals.tool_spend;
  row[MarketMetric::reskilling] = totals.reskilling;
  row[MarketMetric::reskill_starts] = static_cast<double>(tally.reskill_starts);
  row[MarketMetric::specialists] = totals.specialists;
  row[MarketMetric::training_subsidy] = tally.training_subsidy_usd;

  for (std::size_t c = 0; c < n_categories; ++c) {
    const auto set = [&](CategoryMetric metric, double value) {
      row.at(metric, c, n_categories) = value;
    };
    set(CategoryMetric::jobs_posted, static_cast<double>(tally.jobs_posted_by_category[c]));
    set(CategoryMetric::registered_freelancers, totals.registered_by_category[c]);
    set(CategoryMetric::active_freelancers, totals.active_by_category[c]);
    set(CategoryMetric::entrants, static_cast<double>(tally.entrants_by_category[c]));
    set(CategoryMetric::exits, static_cast<double>(tally.exits_by_category[c]));
    set(CategoryMetric::mean_price, mean_of(agreed_rates_by_category_[c]));
    set(CategoryMetric::median_rate, median_in_place(agreed_rates_by_category_[c]));
    set(CategoryMetric::median_ask_rate, median_in_place(asks_by_category_[c]));
    set(CategoryMetric::freelancer_income, tally.income_by_category_usd[c]);
    set(CategoryMetric::hours_worked, totals.hours_by_category[c]);
    set(CategoryMetric::searcher_earnings, state.signals.searcher_earnings_usd[c]);
    set(CategoryMetric::jobs_automated, static_cast<double>(tally.jobs_automated_by_category[c]));
    set(CategoryMetric::ai_capability, state.ai.capability[c]);
    set(CategoryMetric::adoption_share,
        share(totals.adopters_by_category[c], totals.active_by_category[c]));
    set(CategoryMetric::reskilling, totals.reskilling_by_category[c]);
    set(CategoryMetric::reskill_starts, static_cast<double>(tally.reskill_starts_by_category[c]));
  }
}

}  // namespace gigsim
