// Fee schedules; see fees.hpp.
#include "policy/fees.hpp"

#include <algorithm>

namespace gigsim {

namespace {
/// Part of [from, to) that lies inside [band_low, band_high).
double overlap(double from, double to, double band_low, double band_high) {
  return std::max(0.0, std::min(to, band_high) - std::max(from, band_low));
}
}  // namespace

double freelancer_fee_usd(const FeeParams& fees, double prior_billings_usd, double amount_usd) {
  if (fees.schedule == FeeSchedule::flat) return fees.flat_rate * amount_usd;
  const double from = prior_billings_usd;
  const double to = prior_billings_usd + amount_usd;
  return fees.tier1_rate * overlap(from, to, 0.0, fees.tier1_limit_usd) +
         fees.tier2_rate * overlap(from, to, fees.tier1_limit_usd, fees.tier2_limit_usd) +
         fees.tier3_rate * std::max(0.0, to - std::max(from, fees.tier2_limit_usd));
}

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
