// Sizing of the client store.
#include "core/clients.hpp"

#include "core/freelancers.hpp"

namespace gigsim {

void Clients::resize(std::size_t n) {
  main_category.resize(n, 0);
  posting_rate_per_week.resize(n, 0.0f);
  budget_level.resize(n, 1.0f);
  price_sensitivity.resize(n, 0.0f);
  quality_sensitivity.resize(n, 1.0f);
  partner.resize(n, kNoAgent);
  partner_uid.resize(n, -1);
  partner_last_rating.resize(n, 0.0f);
  partner_billings_usd.resize(n, 0.0);
  total_spend_usd.resize(n, 0.0);
}

}  // namespace gigsim
