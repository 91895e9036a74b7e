// Weekly metrics; see metrics_collector.hpp and docs/output.md.
#include "engine/metrics_collector.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "core/radix_sort.hpp"
#include "labour/entry.hpp"

namespace gigsim {

template <typename T>
double sorted_quantile(const std::vector<T>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  const double low = sorted[below];
  const double high = sorted[above];
  return low + weight * (high - low);
}
template double sorted_quantile(const std::vector<double>&, double);
template double sorted_quantile(const std::vector<float>&, double);

double sorted_gini(const std::vector<float>& sorted) {
  const auto n = static_cast<double>(sorted.size());
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    total += sorted[i];
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * sorted[i];
  }
  if (total <= 0.0) return 0.0;
  return weighted / (n * total);
}

double sorted_top_share(const std::vector<float>& sorted, double fraction) {
  const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
  if (total <= 0.0) return 0.0;
  const auto top =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  const double top_sum =
      std::accumulate(sorted.end() - static_cast<std::ptrdiff_t>(top), sorted.end(), 0.0);
  return top_sum / total;
}

namespace {

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

inline constexpr float kInfinity = std::numeric_limits<float>::infinity();

double median_of_sorted(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  return sorted_quantile(values, 0.5);
}

}  // namespace

void MetricsCollector::collect(const Params& params, MarketState& state, MetricsRow& row) {
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
  const FreelancerTotals totals = deterministic_reduce(
      fl.size(), totals_partials_, FreelancerTotals{},
      [&](FreelancerTotals& acc, std::size_t f) {
        if (!fl.is_active(f)) return;
        acc.active += 1;
        acc.active_by_category[fl.primary_category[f]] += 1;
        acc.searching += fl.searched_this_week[f];
        acc.working += fl.committed_hours[f] > 0.0f ? 1 : 0;
        acc.idle += fl.last_contract_week[f] < week - 3 ? 1 : 0;
        acc.skill += fl.skill[f];
        acc.reservation += fl.reservation_rate_usd[f];
      },
      [](FreelancerTotals& total, const FreelancerTotals& part) {
        total.active += part.active;
        total.searching += part.searching;
        total.working += part.working;
        total.idle += part.idle;
        total.skill += part.skill;
        total.reservation += part.reservation;
        for (std::size_t c = 0; c < kMaxCategories; ++c)
          total.active_by_category[c] += part.active_by_category[c];
      });

  // Distributions over active freelancers (sorted copies; order-independent results).
  // Exited slots get +infinity, which sorts last and is cut off; the sorted result does not
  // depend on the order the values were written in.
  earnings_.resize(fl.size());
  asks_.resize(fl.size());
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    const bool active = fl.is_active(f);
    const float trailing = fl.trailing_earnings_usd[f];
    // No -0.0 either: the radix order is by bits.
    earnings_[f] = active ? (trailing > 0.0f ? trailing : 0.0f) : kInfinity;
    asks_[f] = active ? fl.ask_rate_usd[f] : kInfinity;
  }
  const auto n_active = static_cast<std::size_t>(totals.active);
  radix_sort_nonnegative(earnings_, sort_scratch_);
  radix_sort_nonnegative(asks_, sort_scratch_);
  earnings_.resize(n_active);
  asks_.resize(n_active);
  for (std::size_t q = 0; q < kQuantileLevels.size(); ++q) {
    row.earnings_quantiles[q] = sorted_quantile(earnings_, kQuantileLevels[q]);
    row.rate_quantiles[q] = sorted_quantile(asks_, kQuantileLevels[q]);
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

  row[MarketMetric::jobs_posted] = static_cast<double>(tally.jobs_posted);
  row[MarketMetric::jobs_filled] = filled;
  row[MarketMetric::jobs_expired] = expired;
  row[MarketMetric::rehires] = static_cast<double>(tally.rehires);
  // Every proposal sent this week (a sender may have exited since, and its slot been reused).
  row[MarketMetric::bids] = static_cast<double>(proposals.by_job.size());
  row[MarketMetric::bids_per_job_mean] = mean_of(bids_per_closed_job_);
  row[MarketMetric::bids_per_job_median] = median_of_sorted(bids_per_closed_job_);
  row[MarketMetric::hire_rate] =
      filled + expired > 0 ? filled / (filled + expired) : std::numeric_limits<double>::quiet_NaN();
  row[MarketMetric::active_freelancers] = totals.active;
  row[MarketMetric::searching_freelancers] = totals.searching;
  row[MarketMetric::working_freelancers] = totals.working;
  row[MarketMetric::idle_share] = totals.active > 0 ? totals.idle / totals.active : 0.0;
  row[MarketMetric::entrants] = static_cast<double>(tally.entrants);
  row[MarketMetric::exits] = static_cast<double>(tally.exits);
  row[MarketMetric::switches] = static_cast<double>(tally.switches);
  row[MarketMetric::mean_price] = mean_of(agreed_rates_);
  const double median_agreed = median_of_sorted(agreed_rates_);
  row[MarketMetric::median_rate] = median_agreed;
  row[MarketMetric::median_ask_rate] = sorted_quantile(asks_, 0.5);
  row[MarketMetric::client_spend] = tally.client_spend_usd;
  row[MarketMetric::freelancer_income] = tally.freelancer_income_usd;
  row[MarketMetric::platform_revenue] = tally.platform_revenue_usd;
  row[MarketMetric::bid_fee_revenue] = row[MarketMetric::bids] * params.market.bid_cost_usd;
  row[MarketMetric::earnings_gini] = sorted_gini(earnings_);
  row[MarketMetric::top10_earnings_share] = sorted_top_share(earnings_, 0.1);
  row[MarketMetric::mean_skill] = totals.active > 0 ? totals.skill / totals.active : 0.0;

  for (std::size_t c = 0; c < n_categories; ++c) {
    row.at(CategoryMetric::jobs_posted, c, n_categories) =
        static_cast<double>(tally.jobs_posted_by_category[c]);
    row.at(CategoryMetric::active_freelancers, c, n_categories) = totals.active_by_category[c];
    row.at(CategoryMetric::mean_price, c, n_categories) = mean_of(agreed_rates_by_category_[c]);
    const double median_c = median_of_sorted(agreed_rates_by_category_[c]);
    row.at(CategoryMetric::median_rate, c, n_categories) = median_c;
    row.at(CategoryMetric::freelancer_income, c, n_categories) = tally.income_by_category_usd[c];
    if (!std::isnan(median_c)) state.going_rate_usd[c] = static_cast<float>(median_c);
  }
  if (!std::isnan(median_agreed)) {
    attractiveness_ = market_attractiveness(median_agreed, totals.reservation / totals.active);
  }
}

}  // namespace gigsim
