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

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double share(double part, double whole) { return whole > 0.0 ? part / whole : kNaN; }

double as_double(std::int64_t count) { return static_cast<double>(count); }

/// Sorts `values`, adds `zeros` values of +0.0 in their place (the values hold none) and writes
/// the quantiles: the same array as sorting the whole population, without sorting the zeros.
void sort_with_zeros(std::vector<float>& values, std::size_t zeros, RadixScratch& scratch,
                     MetricsRow::Quantiles& quantiles) {
  radix_sort(values, scratch);
  const std::uint32_t zero_key = float_sort_key(0.0f);
  const auto above_zero = std::partition_point(
      values.begin(), values.end(), [&](float v) { return float_sort_key(v) < zero_key; });
  const auto at = static_cast<std::size_t>(above_zero - values.begin());
  const std::size_t old_size = values.size();
  values.resize(old_size + zeros);
  std::move_backward(values.begin() + static_cast<std::ptrdiff_t>(at),
                     values.begin() + static_cast<std::ptrdiff_t>(old_size), values.end());
  std::fill_n(values.begin() + static_cast<std::ptrdiff_t>(at), zeros, 0.0f);
  for (std::size_t q = 0; q < kQuantileLevels.size(); ++q) {
    quantiles[q] = sorted_quantile(values, kQuantileLevels[q]);
  }
}

bool is_zero(float value) { return float_sort_key(value) == float_sort_key(0.0f); }

/// An earner: paid within the trailing window (registered or not; callers check).
bool paid_recently(const Freelancers& fl, std::size_t f, std::int32_t week,
                   std::int64_t trailing_window) {
  return static_cast<std::int64_t>(week) - fl.last_paid_week[f] < trailing_window;
}

/// The distributions freelancer f belongs to: earnings (registered), earner earnings (paid
/// within the trailing window) and asks (recently active).
struct Membership {
  bool earnings, earners, asks;
};
Membership membership(const Freelancers& fl, std::size_t f, std::int32_t week,
                      std::int64_t trailing_window) {
  const bool registered = fl.is_active(f);
  return {registered, registered && paid_recently(fl, f, week, trailing_window),
          fl.is_recently_active(f, week)};
}

}  // namespace

MetricsCollector::ChunkCounts MetricsCollector::gather_distributions(
    const MarketState& state, std::int64_t trailing_window,
    const std::vector<FreelancerTotals>& counted) {
  const Freelancers& fl = state.freelancers;
  const std::int32_t week = state.week;
  const std::size_t n = fl.size();
  const std::size_t chunks = chunk_count(n);
  // Each chunk's place from the counts the totals' pass made, then the values: parallel, and
  // in freelancer order whatever the thread count.
  chunk_counts_.resize(chunks);
  ChunkCounts total;
  for (std::size_t c = 0; c < chunks; ++c) {
    const ChunkCounts& here = counted[c].distributions;
    ChunkCounts& first = chunk_counts_[c];
    first.earnings = total.earnings;
    first.earners = total.earners;
    first.asks = total.asks;
    total.earnings += here.earnings;
    total.earnings_zeros += here.earnings_zeros;
    total.earners += here.earners;
    total.earners_zeros += here.earners_zeros;
    total.asks += here.asks;
  }
  earnings_.resize(total.earnings);
  earner_earnings_.resize(total.earners);
  asks_.resize(total.asks);
  ask_categories_.resize(total.asks);
#pragma omp parallel for schedule(static)
  for (std::size_t c = 0; c < chunks; ++c) {
    ChunkCounts next = chunk_counts_[c];
    const std::size_t end = std::min(n, (c + 1) * kReductionChunk);
    for (std::size_t f = c * kReductionChunk; f < end; ++f) {
      const Membership in = membership(fl, f, week, trailing_window);
      const float trailing = fl.trailing_earnings_usd[f];
      if (!is_zero(trailing)) {
        if (in.earnings) earnings_[next.earnings++] = trailing;
        if (in.earners) earner_earnings_[next.earners++] = trailing;
      }
      if (in.asks) {
        asks_[next.asks] = fl.ask_rate_usd[f];
        ask_categories_[next.asks++] = fl.primary_category[f];
      }
    }
  }
  return total;
}

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
  const FreelancerTotals totals = deterministic_reduce(
      fl.size(), totals_partials_, FreelancerTotals{},
      [&](FreelancerTotals& acc, std::size_t f) {
        // Registered (the earnings distribution), recently active (the asks), paid recently.
        const Membership in = membership(fl, f, week, trailing_window);
        if (!in.earnings) return;
        const std::size_t c = fl.primary_category[f];
        const int active = in.asks ? 1 : 0;
        acc.registered += 1;
        acc.registered_by_category[c] += 1;
        acc.active += active;
        acc.active_by_category[c] += active;
        acc.searching += fl.searched_this_week[f];
        acc.working += fl.contracts_held[f] > 0 ? 1 : 0;
        acc.earners += in.earners ? 1 : 0;
        acc.idle += fl.last_contract_week[f] <= week - kActiveWindowWeeks ? 1 : 0;
        acc.skill += fl.skill[f];
        // Hours are never negative: adding a zero changes no sum, and most profiles worked none.
        const float hours = fl.hours_this_week[f];
        if (hours != 0.0f) {
          acc.hours += hours;
          acc.hours_by_category[c] += hours;
        }
        if (fl.searched_this_week[f]) {
          acc.searcher_value += static_cast<double>(fl.won_value_this_week_usd[f]) -
                                static_cast<double>(fl.bid_spend_this_week_usd[f]);
        }
        if (fl.adopter[f]) {
          acc.tool_spend += state.ai.tool_cost_usd_per_week[c];
          acc.adopters += active;
          acc.adopters_by_category[c] += active;
        }
        if (fl.is_reskilling(f)) {
          acc.reskilling += 1;
          acc.reskilling_by_category[fl.reskill_target[f]] += 1;
        }
        acc.specialists += fl.specialist[f];
        // Members of each distribution (gather_distributions places them by these counts).
        ChunkCounts& members = acc.distributions;
        const bool zero = is_zero(fl.trailing_earnings_usd[f]);
        if (in.earnings) ++(zero ? members.earnings_zeros : members.earnings);
        if (in.earners) ++(zero ? members.earners_zeros : members.earners);
        if (in.asks) ++members.asks;
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

  // Distributions: sorted copies of each population's values (order-independent results).
  const ChunkCounts gathered = gather_distributions(state, trailing_window, totals_partials_);
  // The two earnings distributions and the asks (split by category first) are sorted at once,
  // each with its own scratch, the largest first: a thread that is done takes the next. The
  // earnings' inequality is read off the sorted values there too.
  asks_by_category_.resize(n_categories);
  Inequality earnings_inequality, earner_inequality;
#pragma omp parallel sections
  {
#pragma omp section
    {
      sort_with_zeros(earnings_, gathered.earnings_zeros, sort_scratch_[0],
                      row[Distribution::earnings]);
      earnings_inequality = sorted_inequality(earnings_, 0.1);
    }
#pragma omp section
    {
      for (auto& asks : asks_by_category_) asks.clear();
      for (std::size_t i = 0; i < asks_.size(); ++i) {
        asks_by_category_[ask_categories_[i]].push_back(asks_[i]);
      }
      sort_with_zeros(asks_, 0, sort_scratch_[1], row[Distribution::rates]);
    }
#pragma omp section
    {
      sort_with_zeros(earner_earnings_, gathered.earners_zeros, sort_scratch_[2],
                      row[Distribution::earner_earnings]);
      earner_inequality = sorted_inequality(earner_earnings_, 0.1);
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
  row[MarketMetric::registered_freelancers] = as_double(totals.registered);
  row[MarketMetric::active_freelancers] = as_double(totals.active);
  row[MarketMetric::dormant_freelancers] = as_double(totals.registered - totals.active);
  row[MarketMetric::searching_freelancers] = as_double(totals.searching);
  row[MarketMetric::working_freelancers] = as_double(totals.working);
  row[MarketMetric::earners] = as_double(totals.earners);
  row[MarketMetric::idle_share] = share(as_double(totals.idle), as_double(totals.registered));
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
  row[MarketMetric::searcher_earnings] = share(totals.searcher_value, as_double(totals.searching));
  row[MarketMetric::earnings_gini] = earnings_inequality.gini;
  row[MarketMetric::top10_earnings_share] = earnings_inequality.top_share;
  row[MarketMetric::earner_gini] = earner_inequality.gini;
  row[MarketMetric::earner_top10_share] = earner_inequality.top_share;
  row[MarketMetric::mean_skill] = share(totals.skill, as_double(totals.registered));
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
  row[MarketMetric::adopters] = as_double(totals.adopters);
  row[MarketMetric::adoption_share] = share(as_double(totals.adopters), as_double(totals.active));
  row[MarketMetric::ai_tool_spend] = totals.tool_spend;
  row[MarketMetric::reskilling] = as_double(totals.reskilling);
  row[MarketMetric::reskill_starts] = static_cast<double>(tally.reskill_starts);
  row[MarketMetric::specialists] = as_double(totals.specialists);
  row[MarketMetric::training_subsidy] = tally.training_subsidy_usd;

  std::array<double, kMaxCategories> median_asks{};
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t c = 0; c < n_categories; ++c) {
    median_asks[c] = median_in_place(asks_by_category_[c]);
  }
  for (std::size_t c = 0; c < n_categories; ++c) {
    const auto set = [&](CategoryMetric metric, double value) {
      row.at(metric, c, n_categories) = value;
    };
    set(CategoryMetric::jobs_posted, static_cast<double>(tally.jobs_posted_by_category[c]));
    set(CategoryMetric::registered_freelancers, as_double(totals.registered_by_category[c]));
    set(CategoryMetric::active_freelancers, as_double(totals.active_by_category[c]));
    set(CategoryMetric::entrants, static_cast<double>(tally.entrants_by_category[c]));
    set(CategoryMetric::exits, static_cast<double>(tally.exits_by_category[c]));
    set(CategoryMetric::mean_price, mean_of(agreed_rates_by_category_[c]));
    set(CategoryMetric::median_rate, median_in_place(agreed_rates_by_category_[c]));
    set(CategoryMetric::median_ask_rate, median_asks[c]);
    set(CategoryMetric::freelancer_income, tally.income_by_category_usd[c]);
    set(CategoryMetric::hours_worked, totals.hours_by_category[c]);
    set(CategoryMetric::searcher_earnings, state.signals.searcher_earnings_usd[c]);
    set(CategoryMetric::jobs_automated, static_cast<double>(tally.jobs_automated_by_category[c]));
    set(CategoryMetric::ai_capability, state.ai.capability[c]);
    set(CategoryMetric::adoption_share,
        share(as_double(totals.adopters_by_category[c]), as_double(totals.active_by_category[c])));
    set(CategoryMetric::reskilling, as_double(totals.reskilling_by_category[c]));
    set(CategoryMetric::reskill_starts, static_cast<double>(tally.reskill_starts_by_category[c]));
  }
}

}  // namespace gigsim
