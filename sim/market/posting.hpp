#pragma once
// Job posting (BRIEF section 3, step 3) and the end of a job's life (expiry).
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Removes last week's filled and expired jobs, lets every client post its Poisson number of
/// new jobs (category, size, complexity, budget drawn per job), and re-sorts the open jobs by
/// category. Parallel over clients with a prefix sum for the job positions.
void post_jobs(const Params& params, MarketState& state);

/// Marks open jobs whose window ends this week as expired.
void expire_jobs(MarketState& state);

/// Number of weeks a job of `hours` lasts at the contract pace: ceil(hours / pace), at least 1.
int contract_weeks(const Params& params, double hours);

/// Weekly hours a job of `hours` occupies while it runs: hours / contract_weeks(hours).
double weekly_load_hours(const Params& params, double hours);

}  // namespace gigsim
