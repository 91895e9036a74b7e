#pragma once
// Contracts (BRIEF section 3, step 6): start, weekly progress, completion, rating and payment.
#include <cstddef>
#include <cstdint>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Free contract slot of freelancer `f`, or -1 when all are taken.
long free_contract_slot(const Freelancers& freelancers, std::size_t f);

/// Can freelancer `f` take job `j` now (active, a free slot, enough spare weekly hours)?
bool can_take_job(const MarketState& state, std::size_t f, std::size_t j);

/// Starts a contract of freelancer `f` on job `j` at `rate_usd` per hour; marks the job filled.
/// Only writes freelancer f's own state and job j, so freelancers may run in parallel.
void start_contract(const Params& params, MarketState& state, std::size_t f, std::size_t j,
                    double rate_usd);

/// Advances every contract by a week (parallel over freelancers). Completed contracts get the
/// hours actually worked, a rating (which updates reputation), experience and learning-by-doing.
void progress_contracts(const Params& params, MarketState& state);

/// Pays completed contracts in a fixed order (serial): the client pays price x hours plus the
/// client fee, the freelancer receives it minus the freelancer fee (sliding tiers by lifetime
/// billings with that client), the platform keeps both fees. Frees the contract slots.
void settle_completed_contracts(const Params& params, MarketState& state);

}  // namespace gigsim
