#pragma once
// Job posting (docs/model.md, section 3, step 3) and the end of a job's life (expiry).
//
// Demand per category moves postings on its own. Client c, with posting rate lambda_c at the
// initial demand and main category m(c), posts in category k at the weekly rate
//   lambda_c x [ s x 1{k = m(c)} x d_k / d0_k  +  (1 - s) x d_k / D0 ],
// s = clients.main_category_share, d_k the category's current demand_share, d0_k its value at
// week 0 and D0 their sum. Main categories are drawn by d0, so the expected posts in k over all
// clients are lambda x d_k / D0: scaling one category's demand_share by x scales its postings
// by x and leaves the other categories' alone (shares need not sum to 1).
#include <vector>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Expected weekly posts of a client with posting rate `rate_per_week` in category `category`,
/// given its main category (the formula above).
double client_posting_rate(const Params& params, const std::vector<double>& initial_demand,
                           double rate_per_week, std::size_t main_category, std::size_t category);

/// Chance that a client posts a job whose budget rate is below what the cheapest legal hire
/// costs it, min rate x (1 + client fee): min(1, (budget / cheapest)^price_sensitivity), the
/// penalty its choice model puts on such a price. A binding minimum rate thus removes the posts
/// it prices out, as Horton (2025) found after the platform-wide minimum wage on oDesk.
double floor_posting_probability(double budget_rate_usd, double min_rate_usd,
                                 double client_price_factor, double price_sensitivity);

/// Removes last week's filled and expired jobs, lets every client draw its Poisson number of
/// new jobs (category, size, complexity, budget drawn per job) and decide whether to post each,
/// and re-sorts the open jobs by category. Parallel over clients with a prefix sum for the job
/// positions.
void post_jobs(const Params& params, MarketState& state);

/// Marks open jobs whose window ends this week as expired.
void expire_jobs(MarketState& state);

/// Number of weeks a job of `hours` lasts at `pace_hours_per_week`: ceil(hours / pace), at
/// least 1.
int contract_weeks(double hours, double pace_hours_per_week);

/// Weekly hours a job of `hours` occupies while it runs: hours / contract_weeks(hours, pace).
double weekly_load_hours(double hours, double pace_hours_per_week);

}  // namespace gigsim
