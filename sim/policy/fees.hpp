#pragma once
// Platform fee schedules: Upwork charged freelancers a sliding 20% / 10% / 5% of lifetime
// billings with a client (up to $500 / $10,000 / above) until May 2023 and a flat 10% after;
// clients pay a marketplace fee of about 5% (Upwork fee pages, 2019-2023).
//
// Incidence: both fees change decisions, not only the books. Freelancers price and choose work
// on earnings net of their fee (a proposal's value, the floor of their asks, entry and exit);
// clients weigh the price plus their fee against hiring nobody (docs/model.md, 7.7).
#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scenario/params.hpp"

namespace gigsim {

namespace fee_detail {
/// max(0, x), the same as std::max(0.0, x) for every x (a NaN gives 0), as one instruction where
/// there is one: compilers may make std::max a branch, and which way it goes (whether a payment
/// reaches a band) is a coin toss to the branch predictor across the jobs a searcher prices.
inline double positive_part(double x) {
#if defined(__SSE2__)
  // MAXSD returns its first operand if greater, else its second: x > 0 ? x : 0.
  return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(x), _mm_setzero_pd()));
#else
  return std::max(0.0, x);
#endif
}

/// Part of [from, to) that lies inside [band_low, band_high).
inline double overlap(double from, double to, double band_low, double band_high) {
  return positive_part(std::min(to, band_high) - std::max(from, band_low));
}
}  // namespace fee_detail

/// Freelancer fee on a payment of `amount_usd` to a freelancer who has already billed
/// `prior_billings_usd` to the same client. Sliding tiers are marginal: the part of the payment
/// that falls in each lifetime-billings band pays that band's rate. Inline: every job a searcher
/// prices asks for it.
inline double freelancer_fee_usd(const FeeParams& fees, double prior_billings_usd,
                                 double amount_usd) {
  if (fees.schedule == FeeSchedule::flat) return fees.flat_rate * amount_usd;
  const double from = prior_billings_usd;
  const double to = prior_billings_usd + amount_usd;
  return fees.tier1_rate * fee_detail::overlap(from, to, 0.0, fees.tier1_limit_usd) +
         fees.tier2_rate *
             fee_detail::overlap(from, to, fees.tier1_limit_usd, fees.tier2_limit_usd) +
         fees.tier3_rate * fee_detail::positive_part(to - std::max(from, fees.tier2_limit_usd));
}

/// Fee rate on the first dollar billed to a new client: the flat rate, or the first tier. A
/// freelancer's price floor is reservation / (1 - this rate), the lowest price whose net
/// covers the reservation on new work.
double new_client_fee_rate(const FeeParams& fees);

/// Client marketplace fee on a payment of `amount_usd`.
double client_fee_usd(const FeeParams& fees, double amount_usd);

/// What a client pays per dollar of price: 1 + client fee rate.
double client_price_factor(const FeeParams& fees);

}  // namespace gigsim
