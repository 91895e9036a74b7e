#pragma once
// Search and bidding (docs/model.md, section 3, step 4). Parallel over freelancers; each writes
// only its own proposal slots.
#include "core/market_state.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// A freelancer's belief that one proposal wins: a Beta prior worth one win in
/// 1/prior_win_probability proposals, updated with its own history:
///   p = (wins + 1) / (bids + 1 / prior_win_probability).
double believed_win_probability(double prior_win_probability, double bids, double wins);

/// How much costing the client more than its budget lowers the chance of winning:
/// min(1, (budget / client cost)^beta) = exp(beta * min(0, ln budget - ln client cost)), with
/// client cost = price x (1 + client fee rate) and beta the clients' mean price sensitivity.
/// Takes logarithms because a searcher prices many jobs at the same few prices.
double price_penalty(double price_sensitivity, double log_budget, double log_client_cost);

/// Expected value of a proposal:
///   EV = p_win * penalty * (net pay - reservation rate x hours) - bid cost,
/// net pay = price x hours minus the freelancer fee on it.
double proposal_value_usd(double win_probability, double penalty, double net_pay_usd,
                          double reservation_cost_usd, double bid_cost_usd);

/// What the freelancer keeps of `gross_usd` billed to a client it has already billed
/// `prior_billings_usd`: gross minus the freelancer fee.
double net_pay_usd(const FeeParams& fees, double prior_billings_usd, double gross_usd);

/// Each active freelancer with spare capacity searches with its weekly probability, sees a
/// sample of open jobs in its categories (uniform, or the best skill fit among a larger random
/// pool under platform matching), prices each by its strategy, and sends proposals to the jobs of
/// highest positive expected value, within its weekly proposal budget. Bid costs are charged.
void submit_proposals(const Params& params, MarketState& state);

}  // namespace gigsim
