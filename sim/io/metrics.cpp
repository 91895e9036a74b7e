// Names, units and descriptions of every output series (see metrics.hpp and docs/output.md).
#include "io/metrics.hpp"

namespace gigsim {

const std::array<MetricInfo, kMarketMetricCount>& market_metric_info() {
  static const std::array<MetricInfo, kMarketMetricCount> info{{
      {"jobs_posted", "jobs", "Jobs posted by clients this week"},
      {"jobs_deterred", "jobs",
       "Jobs clients did not post because the minimum rate exceeded their budget"},
      {"jobs_filled", "jobs", "Jobs that started a contract this week (bid or re-hire)"},
      {"jobs_expired", "jobs", "Open jobs that reached the end of their window unfilled"},
      {"rehires", "jobs", "Jobs filled by re-hiring the client's last freelancer"},
      {"bids", "bids", "Proposals sent this week"},
      {"bids_per_job_mean", "bids", "Mean proposals received by jobs that closed this week"},
      {"bids_per_job_median", "bids", "Median proposals received by jobs that closed this week"},
      {"hire_rate", "1", "Share of jobs closed this week (filled or expired) that were filled"},
      {"registered_freelancers", "freelancers", "Freelancer profiles on the platform (not exited)"},
      {"active_freelancers", "freelancers",
       "Registered freelancers who searched or held a contract in the last 4 weeks"},
      {"dormant_freelancers", "freelancers",
       "Registered freelancers not active (no search and no contract in the last 4 weeks)"},
      {"searching_freelancers", "freelancers", "Freelancers who looked for work this week"},
      {"working_freelancers", "freelancers", "Freelancers holding at least one contract"},
      {"earners", "freelancers",
       "Registered freelancers paid for a contract within the trailing window "
       "(careers.trailing_weeks)"},
      {"idle_share", "1",
       "Share of registered freelancers with no contract in the last four weeks"},
      {"entrants", "freelancers", "Freelancers who joined this week"},
      {"exits", "freelancers",
       "Freelancers who left this week (discouraged, for outside reasons, or dormant)"},
      {"dormant_exits", "freelancers", "Dormant profiles that left this week (part of exits)"},
      {"switches", "freelancers", "Freelancers who moved to their secondary category"},
      {"median_rate", "USD/hour", "Median agreed hourly price of contracts started this week"},
      {"median_ask_rate", "USD/hour", "Median ask rate of active freelancers"},
      {"mean_price", "USD/hour", "Mean agreed hourly price of contracts started this week"},
      {"client_spend", "USD", "Paid by clients for contracts completed this week, fees included"},
      {"freelancer_income", "USD",
       "Received by freelancers for contracts completed this week, after fees"},
      {"bid_fee_revenue", "USD", "Paid by freelancers for proposals this week (bid cost)"},
      {"freelancer_net_income", "USD", "freelancer_income minus bid_fee_revenue"},
      {"platform_revenue", "USD", "Platform fees (freelancer and client side) on completed work"},
      {"platform_take", "USD", "platform_revenue plus bid_fee_revenue: all the platform earns"},
      {"hours_worked", "hours", "Hours of contract work done this week"},
      {"searcher_earnings", "USD/week",
       "Net value of the work won by proposal this week minus bid costs, per searching "
       "freelancer"},
      {"earnings_gini", "1",
       "Gini coefficient of trailing weekly net earnings across registered freelancers "
       "(losses count as zero)"},
      {"top10_earnings_share", "1",
       "Share of trailing net earnings going to the top 10% of registered freelancers"},
      {"earner_gini", "1", "Gini coefficient of trailing weekly net earnings across earners"},
      {"earner_top10_share", "1", "Share of trailing net earnings going to the top 10% of earners"},
      {"mean_skill", "1", "Mean skill of registered freelancers"},
      {"jobs_automated", "jobs", "Jobs clients did with AI instead of posting them"},
      {"ai_capability", "1",
       "AI capability (share of tasks AI can do), mean over categories weighted by initial "
       "demand"},
      {"ai_diffusion", "1",
       "Capability x adoption share, mean over categories weighted by initial demand (drives "
       "the demand for work AI creates)"},
      {"adopters", "freelancers", "Active freelancers using AI tools"},
      {"adoption_share", "1", "Share of active freelancers using AI tools"},
      {"ai_tool_spend", "USD", "Paid by freelancers for AI tools this week (leaves the platform)"},
      {"reskilling", "freelancers", "Freelancers on a reskilling course"},
      {"reskill_starts", "freelancers", "Freelancers who started a reskilling course this week"},
      {"specialists", "freelancers",
       "Registered freelancers who moved up-market (bid only on complex work)"},
      {"training_subsidy", "USD", "Paid by the training-subsidy policy for courses started"},
  }};
  return info;
}

const std::array<MetricInfo, kCategoryMetricCount>& category_metric_info() {
  static const std::array<MetricInfo, kCategoryMetricCount> info{{
      {"jobs_posted", "jobs", "Jobs posted this week, by category"},
      {"jobs_filled", "jobs", "Jobs filled this week, by category"},
      {"bids", "bids", "Proposals sent this week, by category of the job"},
      {"registered_freelancers", "freelancers", "Registered freelancers by primary category"},
      {"active_freelancers", "freelancers", "Active freelancers by primary category"},
      {"entrants", "freelancers", "Freelancers who joined this week, by primary category"},
      {"exits", "freelancers", "Freelancers who left this week, by primary category"},
      {"median_rate", "USD/hour", "Median agreed hourly price of contracts started this week"},
      {"median_ask_rate", "USD/hour", "Median ask rate of active freelancers, by primary category"},
      {"mean_price", "USD/hour", "Mean agreed hourly price of contracts started this week"},
      {"freelancer_income", "USD", "Freelancer income after fees from completed contracts"},
      {"hours_worked", "hours",
       "Hours of contract work done this week, by freelancers' primary "
       "category"},
      {"searcher_earnings", "USD/week",
       "Expected weekly earnings of a freelancer searching in this category, net of fees and "
       "bid costs (the signal entrants and career moves use; smoothed over "
       "careers.trailing_weeks)"},
      {"jobs_automated", "jobs", "Jobs clients did with AI instead of posting them"},
      {"ai_capability", "1", "Share of the category's tasks AI can do"},
      {"adoption_share", "1", "Share of the category's active freelancers using AI tools"},
      {"reskilling", "freelancers", "Freelancers on a course into this category"},
      {"reskill_starts", "freelancers", "Courses into this category started this week"},
  }};
  return info;
}

const std::array<MetricInfo, kDistributionCount>& distribution_info() {
  static const std::array<MetricInfo, kDistributionCount> info{{
      {"earnings_quantiles", "USD/week",
       "Quantiles of trailing weekly net earnings (after fees and bid costs; losses are "
       "negative) across registered freelancers"},
      {"earner_earnings_quantiles", "USD/week",
       "The same across earners (paid within the trailing window)"},
      {"rate_quantiles", "USD/hour", "Quantiles of the ask rates of active freelancers"},
  }};
  return info;
}

const std::array<PanelVariableInfo, kPanelVariableCount>& panel_variable_info() {
  static const std::array<PanelVariableInfo, kPanelVariableCount> info{{
      {{"category", "", "Primary category (index into /category); -1 once the person has left"},
       PanelStorage::int16},
      {{"skill", "1", "Skill in [0, 1]"}, PanelStorage::float32},
      {{"adopter", "", "Uses AI tools (1) or not (0)"}, PanelStorage::int8},
      {{"proficiency", "1", "Proficiency with AI tools in [0, 1]"}, PanelStorage::float32},
      {{"hours_worked", "hours", "Hours of contract work this week"}, PanelStorage::float32},
      {{"net_earnings", "USD",
        "Earnings this week: income after fees minus bid costs and AI tools (NaN once left)"},
       PanelStorage::float32},
      {{"ask_rate", "USD/hour", "Ask rate (NaN once left)"}, PanelStorage::float32},
      {{"status", "", "0 active, 1 dormant, 2 reskilling, 3 exited"}, PanelStorage::int8},
  }};
  return info;
}

}  // namespace gigsim
