// Names, units and descriptions of every output series (see metrics.hpp and docs/output.md).
#include "io/metrics.hpp"

namespace gigsim {

const std::array<MetricInfo, kMarketMetricCount>& market_metric_info() {
  static const std::array<MetricInfo, kMarketMetricCount> info{{
      {"jobs_posted", "jobs", "Jobs posted by clients this week"},
      {"jobs_filled", "jobs", "Jobs that started a contract this week (bid or re-hire)"},
      {"jobs_expired", "jobs", "Open jobs that reached the end of their window unfilled"},
      {"rehires", "jobs", "Jobs filled by re-hiring the client's last freelancer"},
      {"bids", "bids", "Proposals sent this week"},
      {"bids_per_job_mean", "bids", "Mean proposals received by jobs that closed this week"},
      {"bids_per_job_median", "bids", "Median proposals received by jobs that closed this week"},
      {"hire_rate", "1", "Share of jobs closed this week (filled or expired) that were filled"},
      {"active_freelancers", "freelancers", "Freelancers on the platform (not exited)"},
      {"searching_freelancers", "freelancers", "Freelancers who looked for work this week"},
      {"working_freelancers", "freelancers", "Freelancers holding at least one contract"},
      {"idle_share", "1", "Share of active freelancers with no contract in the last four weeks"},
      {"entrants", "freelancers", "Freelancers who joined this week"},
      {"exits", "freelancers", "Freelancers who left this week"},
      {"switches", "freelancers", "Freelancers who moved to their secondary category"},
      {"median_rate", "USD/hour", "Median agreed hourly price of contracts started this week"},
      {"median_ask_rate", "USD/hour", "Median ask rate of active freelancers"},
      {"mean_price", "USD/hour", "Mean agreed hourly price of contracts started this week"},
      {"client_spend", "USD", "Paid by clients for contracts completed this week, fees included"},
      {"freelancer_income", "USD", "Received by freelancers for contracts completed, after fees"},
      {"platform_revenue", "USD", "Platform fees (freelancer and client side) on completed work"},
      {"bid_fee_revenue", "USD", "Paid by freelancers for proposals (bid cost)"},
      {"earnings_gini", "1",
       "Gini coefficient of trailing weekly earnings across active freelancers"},
      {"top10_earnings_share", "1", "Share of trailing earnings going to the top 10% of earners"},
      {"mean_skill", "1", "Mean skill of active freelancers"},
  }};
  return info;
}

const std::array<MetricInfo, kCategoryMetricCount>& category_metric_info() {
  static const std::array<MetricInfo, kCategoryMetricCount> info{{
      {"jobs_posted", "jobs", "Jobs posted this week, by category"},
      {"jobs_filled", "jobs", "Jobs filled this week, by category"},
      {"bids", "bids", "Proposals sent this week, by category of the job"},
      {"active_freelancers", "freelancers", "Active freelancers by primary category"},
      {"median_rate", "USD/hour", "Median agreed hourly price of contracts started this week"},
      {"mean_price", "USD/hour", "Mean agreed hourly price of contracts started this week"},
      {"freelancer_income", "USD", "Freelancer income after fees from completed contracts"},
  }};
  return info;
}

}  // namespace gigsim
