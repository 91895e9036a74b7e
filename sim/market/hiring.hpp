#pragma once
// Hiring (docs/model.md, section 3, step 5): re-hires, the clients' logit choice among proposals,
// and the freelancers' acceptance within their capacity.
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Serial, in job order: a client whose last freelancer earned a good rating offers a new job
/// in that freelancer's categories straight to them (no bidding) with rehire_probability; the
/// freelancer takes it at its current ask if it has room, otherwise the job opens for bids.
void offer_rehires(const Params& params, MarketState& state);

/// Groups this week's proposals by job (stable: freelancer order), counts bids per job.
void group_proposals_by_job(MarketState& state);

/// Parallel over jobs: the client draws one proposal, or no hire, from a logit over reputation,
/// perceived skill, track record and price relative to budget, against its outside option.
void choose_proposals(const Params& params, MarketState& state);

/// Parallel over freelancers: each takes its offers in the order it sent the proposals while a
/// contract slot and enough weekly hours remain; declined jobs stay open. Wins and losing
/// streaks update the freelancer's bidding history.
void accept_offers(const Params& params, MarketState& state);

}  // namespace gigsim
