#pragma once
// Platform fee schedules (FACTS: Upwork sliding 20/10/5% by lifetime billings with a client until
// May 2023, flat 10% after; client marketplace fee ~5%).
#include "scenario/params.hpp"

namespace gigsim {

/// Freelancer fee on a payment of `amount_usd` to a freelancer who has already billed
/// `prior_billings_usd` to the same client. Sliding tiers are marginal: the part of the payment
/// that falls in each lifetime-billings band pays that band's rate.
double freelancer_fee_usd(const FeeParams& fees, double prior_billings_usd, double amount_usd);

/// Client marketplace fee on a payment of `amount_usd`.
double client_fee_usd(const FeeParams& fees, double amount_usd);

}  // namespace gigsim
