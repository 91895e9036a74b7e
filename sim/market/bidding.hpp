#pragma once
// Search and bidding (BRIEF section 3, step 4). Parallel over freelancers; each writes only its
// own proposal slots.
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// A freelancer's belief that one proposal wins: a Beta prior worth one win in
/// 1/prior_win_probability proposals, updated with its own history:
///   p = (wins + 1) / (bids + 1 / prior_win_probability).
double believed_win_probability(double prior_win_probability, double bids, double wins);

/// How much bidding above the budget lowers the chance of winning: min(1, (budget / price)^beta)
/// = exp(beta * min(0, ln budget - ln price)), beta the clients' mean price sensitivity. Takes
/// logarithms because a searcher prices many jobs at the same few prices.
double price_penalty(double price_sensitivity, double log_budget, double log_price);

/// Expected value of a proposal: p * penalty * (price - reservation) * hours - bid cost.
double proposal_value_usd(double win_probability, double penalty, double price_usd,
                          double reservation_usd, double hours, double bid_cost_usd);

/// Each active freelancer with spare capacity searches with its weekly probability, sees a
/// sample of open jobs in its categories (uniform, or the best skill fit among a larger random
/// pool under platform matching), prices each by its strategy, and sends proposals to the jobs of
/// highest positive expected value, within its weekly proposal budget. Bid costs are charged.
void submit_proposals(const Params& params, MarketState& state);

}  // namespace gigsim
