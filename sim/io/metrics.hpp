#pragma once
// Output metrics, declared once: name, unit and description. The engine fills rows indexed by
// these enums; the HDF5 writer creates one dataset per entry, with unit and description as
// attributes; the Python loader reads whatever the file declares.
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace gigsim {

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};

/// Market-wide weekly series: /market/<name> [time].
enum class MarketMetric : std::size_t {
  jobs_posted,
  jobs_deterred,
  jobs_filled,
  jobs_expired,
  rehires,
  bids,
  bids_per_job_mean,
  bids_per_job_median,
  hire_rate,
  registered_freelancers,
  active_freelancers,
  dormant_freelancers,
  searching_freelancers,
  working_freelancers,
  earners,
  idle_share,
  entrants,
  exits,
  dormant_exits,
  switches,
  median_rate,
  median_ask_rate,
  mean_price,
  client_spend,
  freelancer_income,
  bid_fee_revenue,
  freelancer_net_income,
  platform_revenue,
  platform_take,
  hours_worked,
  searcher_earnings,
  earnings_gini,
  top10_earnings_share,
  earner_gini,
  earner_top10_share,
  mean_skill,
  jobs_automated,
  ai_capability,
  ai_diffusion,
  adopters,
  adoption_share,
  ai_tool_spend,
  reskilling,
  reskill_starts,
  specialists,
  training_subsidy,
  count  // number of market metrics; not a metric
};

/// Per-category weekly series: /by_category/<name> [time, category].
enum class CategoryMetric : std::size_t {
  jobs_posted,
  jobs_filled,
  bids,
  registered_freelancers,
  active_freelancers,
  entrants,
  exits,
  median_rate,
  median_ask_rate,
  mean_price,
  freelancer_income,
  hours_worked,
  searcher_earnings,
  jobs_automated,
  ai_capability,
  adoption_share,
  reskilling,
  reskill_starts,
  count
};

inline constexpr std::size_t kMarketMetricCount = static_cast<std::size_t>(MarketMetric::count);
inline constexpr std::size_t kCategoryMetricCount = static_cast<std::size_t>(CategoryMetric::count);

const std::array<MetricInfo, kMarketMetricCount>& market_metric_info();
const std::array<MetricInfo, kCategoryMetricCount>& category_metric_info();

/// Quantile levels of the /distribution/ datasets.
inline constexpr std::array<double, 7> kQuantileLevels{0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

/// Distributions over agents: /distribution/<name> [time, quantile].
enum class Distribution : std::size_t {
  earnings,         // trailing weekly net earnings of registered freelancers
  earner_earnings,  // the same over earners (paid in the trailing window)
  rates,            // ask rates of active freelancers
  count
};
inline constexpr std::size_t kDistributionCount = static_cast<std::size_t>(Distribution::count);
const std::array<MetricInfo, kDistributionCount>& distribution_info();

/// Variables of the panel: /panel/<name> [time, agent], one column per person followed.
enum class PanelVariable : std::size_t {
  category,  // index into /category; -1 once the person has left
  skill,
  adopter,       // uses AI tools (0/1)
  proficiency,   // with AI tools
  hours_worked,  // this week
  net_earnings,  // this week: income after fees minus bid costs and AI tools
  ask_rate,
  status,  // PanelStatus
  count
};
inline constexpr std::size_t kPanelVariableCount = static_cast<std::size_t>(PanelVariable::count);

/// How a panel variable is stored: as a float, or as a small integer.
enum class PanelStorage { float32, int16, int8 };
struct PanelVariableInfo {
  MetricInfo info;
  PanelStorage storage;
};
const std::array<PanelVariableInfo, kPanelVariableCount>& panel_variable_info();

/// The status codes of /panel/status (also written as its "status_codes" attribute).
enum class PanelStatus : int { active = 0, dormant = 1, reskilling = 2, exited = 3 };
inline constexpr std::string_view kPanelStatusCodes = "0 active, 1 dormant, 2 reskilling, 3 exited";

/// One week of output.
struct MetricsRow {
  using Quantiles = std::array<double, kQuantileLevels.size()>;
  std::array<double, kMarketMetricCount> market{};
  std::vector<double> by_category;  // [kCategoryMetricCount][n_categories], metric-major
  std::array<Quantiles, kDistributionCount> distributions{};
  std::vector<float> panel;  // [kPanelVariableCount][persons], variable-major (empty: no panel)

  double& operator[](MarketMetric m) { return market[static_cast<std::size_t>(m)]; }
  double operator[](MarketMetric m) const { return market[static_cast<std::size_t>(m)]; }
  double& at(CategoryMetric m, std::size_t category, std::size_t n_categories) {
    return by_category[static_cast<std::size_t>(m) * n_categories + category];
  }
  double at(CategoryMetric m, std::size_t category, std::size_t n_categories) const {
    return by_category[static_cast<std::size_t>(m) * n_categories + category];
  }
  float& panel_value(PanelVariable v, std::size_t person, std::size_t persons) {
    return panel[static_cast<std::size_t>(v) * persons + person];
  }
  Quantiles& operator[](Distribution d) { return distributions[static_cast<std::size_t>(d)]; }
  const Quantiles& operator[](Distribution d) const {
    return distributions[static_cast<std::size_t>(d)];
  }
};

}  // namespace gigsim
