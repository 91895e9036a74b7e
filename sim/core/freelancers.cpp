// Sizing of the freelancer store.
#include "core/freelancers.hpp"

namespace gigsim {

void Freelancers::resize(std::size_t n, std::size_t contract_slots) {
  slots = contract_slots;
  uid.resize(n, -1);
  status.resize(n, FreelancerStatus::exited);
  primary_category.resize(n, 0);
  secondary_category.resize(n, kNoCategory);
  strategy.resize(n, 0);
  entry_week.resize(n, 0);
  skill.resize(n, 0.0f);
  experience_hours.resize(n, 0.0f);
  rating_sum.resize(n, 0.0f);
  rating_count.resize(n, 0);
  reservation_rate_usd.resize(n, 0.0f);
  ask_rate_usd.resize(n, 0.0f);
  capacity_hours.resize(n, 0.0f);
  committed_hours.resize(n, 0.0f);
  search_probability.resize(n, 0.0f);
  bids_total.resize(n, 0);
  wins_total.resize(n, 0);
  bids_since_win.resize(n, 0);
  income_this_week_usd.resize(n, 0.0f);
  bid_spend_this_week_usd.resize(n, 0.0f);
  trailing_earnings_usd.resize(n, 0.0f);
  lifetime_earnings_usd.resize(n, 0.0);
  weeks_below_reservation.resize(n, 0);
  last_contract_week.resize(n, -1000000);
  last_search_week.resize(n, -1000000);
  searched_this_week.resize(n, 0);
  won_this_week.resize(n, 0);
  completed_this_week.resize(n, 0);
  career_move_this_week.resize(n, 0);
  const std::size_t n_slots = n * slots;
  contract_client.resize(n_slots, kNoAgent);
  contract_category.resize(n_slots, 0);
  contract_fixed_price.resize(n_slots, 0);
  contract_weeks_left.resize(n_slots, 0);
  contract_rate_usd.resize(n_slots, 0.0f);
  contract_hours.resize(n_slots, 0.0f);
  contract_load_hours.resize(n_slots, 0.0f);
  contract_complexity.resize(n_slots, 0.0f);
  contract_paid_hours.resize(n_slots, 0.0f);
  contract_rating.resize(n_slots, 0.0f);
}

void Freelancers::reserve(std::size_t n) {
  uid.reserve(n);
  status.reserve(n);
  primary_category.reserve(n);
  secondary_category.reserve(n);
  strategy.reserve(n);
  entry_week.reserve(n);
  skill.reserve(n);
  experience_hours.reserve(n);
  rating_sum.reserve(n);
  rating_count.reserve(n);
  reservation_rate_usd.reserve(n);
  ask_rate_usd.reserve(n);
  capacity_hours.reserve(n);
  committed_hours.reserve(n);
  search_probability.reserve(n);
  bids_total.reserve(n);
  wins_total.reserve(n);
  bids_since_win.reserve(n);
  income_this_week_usd.reserve(n);
  bid_spend_this_week_usd.reserve(n);
  trailing_earnings_usd.reserve(n);
  lifetime_earnings_usd.reserve(n);
  weeks_below_reservation.reserve(n);
  last_contract_week.reserve(n);
  last_search_week.reserve(n);
  searched_this_week.reserve(n);
  won_this_week.reserve(n);
  completed_this_week.reserve(n);
  career_move_this_week.reserve(n);
}

}  // namespace gigsim
