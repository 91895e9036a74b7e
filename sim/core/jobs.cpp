// Sizing and moving of the job store.
#include "core/jobs.hpp"

namespace gigsim {

void Jobs::resize(std::size_t n) {
  uid.resize(n);
  client.resize(n);
  category.resize(n);
  fixed_price.resize(n);
  status.resize(n);
  hours.resize(n);
  load_hours.resize(n);
  complexity.resize(n);
  budget_rate_usd.resize(n);
  posted_week.resize(n);
  expires_week.resize(n);
  bids_received.resize(n);
  filled_by.resize(n);
  agreed_rate_usd.resize(n);
}

void Jobs::reserve(std::size_t n) {
  uid.reserve(n);
  client.reserve(n);
  category.reserve(n);
  fixed_price.reserve(n);
  status.reserve(n);
  hours.reserve(n);
  load_hours.reserve(n);
  complexity.reserve(n);
  budget_rate_usd.reserve(n);
  posted_week.reserve(n);
  expires_week.reserve(n);
  bids_received.reserve(n);
  filled_by.reserve(n);
  agreed_rate_usd.reserve(n);
}

void Jobs::move_job(const Jobs& source, std::size_t from, std::size_t to) {
  uid[to] = source.uid[from];
  client[to] = source.client[from];
  category[to] = source.category[from];
  fixed_price[to] = source.fixed_price[from];
  status[to] = source.status[from];
  hours[to] = source.hours[from];
  load_hours[to] = source.load_hours[from];
  complexity[to] = source.complexity[from];
  budget_rate_usd[to] = source.budget_rate_usd[from];
  posted_week[to] = source.posted_week[from];
  expires_week[to] = source.expires_week[from];
  bids_received[to] = source.bids_received[from];
  filled_by[to] = source.filled_by[from];
  agreed_rate_usd[to] = source.agreed_rate_usd[from];
}

void Jobs::swap(Jobs& other) noexcept {
  uid.swap(other.uid);
  client.swap(other.client);
  category.swap(other.category);
  fixed_price.swap(other.fixed_price);
  status.swap(other.status);
  hours.swap(other.hours);
  load_hours.swap(other.load_hours);
  complexity.swap(other.complexity);
  budget_rate_usd.swap(other.budget_rate_usd);
  posted_week.swap(other.posted_week);
  expires_week.swap(other.expires_week);
  bids_received.swap(other.bids_received);
  filled_by.swap(other.filled_by);
  agreed_rate_usd.swap(other.agreed_rate_usd);
  category_begin.swap(other.category_begin);
}

}  // namespace gigsim
