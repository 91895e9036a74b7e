// Run summary; see summary.hpp.
#include "cli/summary.hpp"

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace gigsim::cli {
namespace {

/// Mean of a market series over the rows, skipping weeks where it is undefined (NaN).
double mean_over(const std::vector<MetricsRow>& rows, MarketMetric metric) {
  double sum = 0.0;
  int count = 0;
  for (const MetricsRow& row : rows) {
    if (std::isnan(row[metric])) continue;
    sum += row[metric];
    ++count;
  }
  return count > 0 ? sum / count : std::nan("");
}

double sum_over(const std::vector<MetricsRow>& rows, MarketMetric metric) {
  double sum = 0.0;
  for (const MetricsRow& row : rows) sum += row[metric];
  return sum;
}

}  // namespace

void print_run_summary(std::ostream& out, const std::string& path, const char* status,
                       const RunOutcome& outcome, int threads, const Params& params) {
  const auto& rows = outcome.recent_rows;
  // The burn-in weeks are simulated too, so they count in the speed.
  const double weeks_simulated = static_cast<double>(outcome.weeks_done + params.run.burn_in_weeks);
  const double freelancer_steps =
      static_cast<double>(params.market.initial_freelancers) * weeks_simulated;
  char line[256];
  out << "gigsim run: " << path << " (" << status << ")\n";
  std::snprintf(line, sizeof line,
                "  %lld weeks (after %lld burn-in weeks) in %.2f s on %d threads "
                "(%.3g freelancer-steps/s)\n",
                static_cast<long long>(outcome.weeks_done),
                static_cast<long long>(params.run.burn_in_weeks), outcome.seconds, threads,
                outcome.seconds > 0 ? freelancer_steps / outcome.seconds : 0.0);
  out << line;
  std::snprintf(line, sizeof line, "  averages over the last %zu weeks:\n", rows.size());
  out << line;
  const std::vector<std::pair<const char*, double>> lines{
      {"jobs posted per week", mean_over(rows, MarketMetric::jobs_posted)},
      {"share of closed jobs hired", mean_over(rows, MarketMetric::hire_rate)},
      {"bids per job (median)", mean_over(rows, MarketMetric::bids_per_job_median)},
      {"bids per job (mean)", mean_over(rows, MarketMetric::bids_per_job_mean)},
      {"median agreed rate, USD/h", mean_over(rows, MarketMetric::median_rate)},
      {"active freelancers", mean_over(rows, MarketMetric::active_freelancers)},
      {"idle share (no contract in 4 weeks)", mean_over(rows, MarketMetric::idle_share)},
      {"earnings Gini (earners)", mean_over(rows, MarketMetric::earner_gini)},
      {"top 10% earnings share (earners)", mean_over(rows, MarketMetric::earner_top10_share)},
      {"client spend per year, USD", sum_over(rows, MarketMetric::client_spend)},
      {"platform revenue per year, USD", sum_over(rows, MarketMetric::platform_revenue)},
  };
  for (const auto& [label, value] : lines) {
    std::snprintf(line, sizeof line, "    %-38s %14.4g\n", label, value);
    out << line;
  }
}

void print_phase_profile(std::ostream& out, const PhaseClock& clock, const RunOutcome& outcome) {
  char line[128];
  const auto share = [&](double seconds) {
    return outcome.seconds > 0 ? 100.0 * seconds / outcome.seconds : 0.0;
  };
  out << "wall time by phase (s, share of the run):\n";
  for (std::size_t p = 0; p < kPhaseNames.size(); ++p) {
    const double seconds = clock.seconds()[p];
    std::snprintf(line, sizeof line, "  %-12s %9.3f  %5.1f%%\n",
                  std::string(kPhaseNames[p]).c_str(), seconds, share(seconds));
    out << line;
  }
  std::snprintf(line, sizeof line, "  %-12s %9.3f  %5.1f%%\n", "hdf5 writes", outcome.write_seconds,
                share(outcome.write_seconds));
  out << line;
}

}  // namespace gigsim::cli
