#pragma once
// Client choice among proposals: a multinomial logit with an outside option (McFadden 1974).
// P(hire bid i) = exp(U_i) / (exp(U_0) + sum_j exp(U_j)), P(no hire) = exp(U_0) / (...).
#include <cstddef>

namespace gigsim {

/// Logit utility of one proposal to a client (BRIEF section 3, step 5).
struct ProposalSignals {
  double reputation_stars;  // Bayesian mean rating
  double perceived_skill;   // skill plus the client's perception noise
  double ratings_received;  // track record (cold start when 0)
  double price_usd;         // per hour
  double budget_usd;        // client's budget per hour for this job
};

struct ChoiceWeights {
  double reputation;
  double skill;
  double track_record;
  double price_sensitivity;  // this client's
};

/// U = w_rep * stars + w_skill * skill + w_track * ln(1 + ratings) - beta * ln(price / budget).
double proposal_utility(const ProposalSignals& signals, const ChoiceWeights& weights);

/// Picks an alternative given utilities and one uniform draw u in [0, 1): returns the index of
/// the chosen proposal, or -1 for the outside option. Alternatives are laid out outside option
/// first, then proposals in order, on the cumulative probability line. Numerically stable.
long logit_choice(const double* utilities, std::size_t count, double outside_utility, double u);

/// Probability of the outside option (no hire) for the given utilities.
double no_hire_probability(const double* utilities, std::size_t count, double outside_utility);

}  // namespace gigsim
