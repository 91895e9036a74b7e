// The weekly step; see simulation.hpp. Each phase is a function over the stores it reads and
// writes, in the order of BRIEF section 3.
#include "engine/simulation.hpp"

#include <utility>

#include "labour/careers.hpp"
#include "labour/entry.hpp"
#include "labour/population.hpp"
#include "market/bidding.hpp"
#include "market/contracts.hpp"
#include "market/hiring.hpp"
#include "market/posting.hpp"
#include "market/pricing.hpp"

namespace gigsim {

Simulation::Simulation(Scenario scenario)
    : scenario_(std::move(scenario)), params_(scenario_.params) {
  state_.streams.seed = static_cast<std::uint64_t>(params_.run.seed);
  state_.streams.replicate = static_cast<std::uint32_t>(params_.run.replicate);
  burn_in_weeks_ = static_cast<std::int32_t>(params_.run.burn_in_weeks);
  initialise_population(params_, state_);
  state_.tally.reset(params_.categories.size());
}

void Simulation::run_burn_in() {
  while (state_.week < burn_in_weeks_) step();
}

const MetricsRow& Simulation::step() {
  apply_scheduled_events();  // 1. timeline: shocks and policy changes
  begin_week();
  post_jobs(params_, state_);         // 3. clients post jobs
  offer_rehires(params_, state_);     //    ... or re-hire their last freelancer
  submit_proposals(params_, state_);  // 4. search and bidding
  group_proposals_by_job(state_);
  choose_proposals(params_, state_);  // 5. clients choose, freelancers accept within capacity
  accept_offers(params_, state_);
  progress_contracts(params_, state_);          // 6. work, delivery, rating
  settle_completed_contracts(params_, state_);  //    payment and fees
  adapt_asks(params_, state_);                  // 7. pricing
  review_careers(params_, state_);              // 9. switching and exit ...
  admit_entrants(params_, state_, metrics_.attractiveness(),
                 static_cast<double>(row_[MarketMetric::active_freelancers]));  // ... and entry
  expire_jobs(state_);
  metrics_.collect(params_, state_, row_);  // 10. metrics
  ++state_.week;
  return row_;
}

void Simulation::begin_week() {
  state_.tally.reset(params_.categories.size());
  Freelancers& fl = state_.freelancers;
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    fl.searched_this_week[f] = 0;
    fl.won_this_week[f] = 0;
    fl.income_this_week_usd[f] = 0.0f;
    fl.bid_spend_this_week_usd[f] = 0.0f;
  }
}

void Simulation::apply_scheduled_events() {
  const auto& events = scenario_.events;
  while (next_event_ < events.size() && events[next_event_].week + burn_in_weeks_ <= state_.week) {
    const ScheduledEvent& event = events[next_event_++];
    for (const Assignment& assignment : event.assignments) {
      assign_parameter(params_, assignment);
      applied_events_.push_back(
          {weeks_done(), assignment.key, assignment.value_text, event.origin});
    }
  }
}

std::vector<EventRecord> Simulation::take_applied_events() {
  std::vector<EventRecord> events;
  events.swap(applied_events_);
  return events;
}

}  // namespace gigsim
