#pragma once
// Contracts (docs/model.md, section 3, step 6): start, weekly progress, completion, rating and
// payment.
#include <cstddef>
#include <cstdint>

#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Hours of slack allowed when a job's weekly load is compared with spare capacity (loads are
/// floats computed as hours / weeks).
inline constexpr double kCapacityTolerance = 1e-6;

/// How a contract came about: a proposal the client chose, or a direct re-hire offer.
enum class ContractSource : std::uint8_t { proposal, rehire };

/// Free contract slot of freelancer `f`, or -1 when all are taken.
long free_contract_slot(const Freelancers& freelancers, std::size_t f);

/// Sum of the weekly loads of the contracts freelancer `f` holds.
float committed_load_hours(const Freelancers& freelancers, std::size_t f);

/// What a contract asks of freelancer `f`. An adopter of AI tools needs fewer hours
/// (ai/productivity.hpp); it is paid the job's hours on fixed-price work and the hours it works
/// on hourly work, and delivers at the client's pace:
///   work = hours x (1 - saving), billed = fixed ? hours : work,
///   weeks = ceil(work / pace) (at least 1), load = work / weeks.
struct ContractTerms {
  double work_hours = 0.0;
  double billed_hours = 0.0;
  int weeks = 1;
  double load_hours = 0.0;
  bool with_ai = false;
};
ContractTerms contract_terms(const AiParams& ai, double capability, const Freelancers& freelancers,
                             std::size_t f, double hours, double pace_hours_per_week,
                             bool fixed_price);
/// The same for a freelancer who saves `time_saving` of the hours (0 without AI tools).
ContractTerms contract_terms(double hours, double pace_hours_per_week, bool fixed_price,
                             double time_saving, bool with_ai);

/// Can freelancer `f` take job `j` now (active, not leaving or on a course, a free slot, enough
/// spare weekly hours for its own terms)?
bool can_take_job(const Params& params, const MarketState& state, std::size_t f, std::size_t j);

/// Starts a contract of freelancer `f` on job `j` at `rate_usd` per hour; marks the job filled.
/// Only writes freelancer f's own state and job j, so freelancers may run in parallel. A contract
/// won by a proposal adds its value net of the freelancer fee to won_value_this_week_usd.
void start_contract(const Params& params, MarketState& state, std::size_t f, std::size_t j,
                    double rate_usd, ContractSource source);

/// Advances every contract by a week (parallel over freelancers). Completed contracts get the
/// hours actually worked, a rating (which updates reputation), experience and learning-by-doing.
void progress_contracts(const Params& params, MarketState& state);

/// Pays completed contracts in a fixed order (serial): the client pays price x hours plus the
/// client fee, the freelancer receives it minus the freelancer fee (sliding tiers by lifetime
/// billings of that client with that person), the platform keeps both fees. Frees the slots.
void settle_completed_contracts(const Params& params, MarketState& state);

}  // namespace gigsim
