#pragma once
// Client choice among proposals: a multinomial logit with an outside option (McFadden 1974).
// P(hire proposal i) = exp(U_i) / (exp(U_0) + sum_j exp(U_j)), P(no hire) = exp(U_0) / (...),
// with
//   U_i = q_c (S_i + w_skill e_i) - beta_c ln(p_i / b) + w_rehire [i is the client's partner],
//   S_i = w_rep stars_i + w_track ln(1 + ratings_i) + w_skill skill_i   (the quality signal),
// e_i ~ N(0, skill_noise_sd) the client's misperception of skill, q_c and beta_c the client's
// quality and price sensitivity, p_i the price and b the job's budget rate (docs/model.md 7.4).
#include <cstddef>

#include "scenario/params.hpp"

namespace gigsim {

/// S_i: the part of a proposal's utility that is the same for every client (the sender
/// computes it once per week).
double quality_signal(const ClientParams& weights, double reputation_stars, double skill,
                      double ratings_received);

/// What one client weighs: its quality and price sensitivity and the market's weights.
struct ClientTaste {
  double quality_sensitivity;  // q_c
  double price_sensitivity;    // beta_c
  double weight_skill;         // w_skill (scales the skill noise)
  double weight_rehire;        // w_rehire
};

/// U_i for one client; `skill_noise` is e_i, prices are per hour.
double proposal_utility(const ClientTaste& taste, double quality_signal, double skill_noise,
                        double log_price, double log_budget, bool from_partner);

/// Picks an alternative given utilities and one uniform draw u in [0, 1): returns the index of
/// the chosen proposal, or -1 for the outside option. Alternatives are laid out outside option
/// first, then proposals in order, on the cumulative probability line. Numerically stable.
/// Overwrites `utilities` with the unnormalised choice weights.
long logit_choice(double* utilities, std::size_t count, double outside_utility, double u);

}  // namespace gigsim
