// Fee schedules; see fees.hpp.
#include "policy/fees.hpp"

namespace gigsim {

double new_client_fee_rate(const FeeParams& fees) {
  if (fees.schedule == FeeSchedule::flat) return fees.flat_rate;
  if (fees.tier1_limit_usd > 0.0) return fees.tier1_rate;
  return fees.tier2_limit_usd > 0.0 ? fees.tier2_rate : fees.tier3_rate;
}

double client_fee_usd(const FeeParams& fees, double amount_usd) {
  return fees.client_rate * amount_usd;
}

double client_price_factor(const FeeParams& fees) { return 1.0 + fees.client_rate; }

}  // namespace gigsim
