// The weekly step; see simulation.hpp. Each phase is a function over the stores it reads and
// writes, in the order of docs/model.md, section 3.
#include "engine/simulation.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "ai/adoption.hpp"
#include "ai/capability.hpp"
#include "engine/limits.hpp"
#include "engine/panel.hpp"
#include "labour/careers.hpp"
#include "labour/entry.hpp"
#include "labour/population.hpp"
#include "market/bidding.hpp"
#include "market/contracts.hpp"
#include "market/hiring.hpp"
#include "market/posting.hpp"
#include "market/pricing.hpp"
#include "market/signals.hpp"

namespace gigsim {

Simulation::Simulation(Scenario scenario)
    : scenario_(std::move(scenario)), params_(scenario_.params) {
  state_.streams.seed = static_cast<std::uint64_t>(params_.run.seed);
  state_.streams.replicate = static_cast<std::uint32_t>(params_.run.replicate);
  burn_in_weeks_ = static_cast<std::int32_t>(params_.run.burn_in_weeks);
  initialise_population(params_, state_);
  sample_panel_once_recording();
  check_resource_limits(params_, state_);
  state_.tally.reset(params_.categories.size());
}

const MetricsRow& Simulation::step() {
  PhaseClock& clock = clock_;
  Params& params = params_;
  MarketState& state = state_;
  // 1. Timeline: shocks and policy changes.
  clock.time(Phase::events, [&] {
    apply_scheduled_events();
    begin_week();
  });
  // 2. AI capability advances along each technology's trajectory.
  clock.time(Phase::ai_capability, [&] { advance_ai_capability(params, state, weeks_done()); });
  // 3. Clients post jobs (or do them with AI), or re-hire their last freelancer.
  clock.time(Phase::posting, [&] { post_jobs(params, state); });
  clock.time(Phase::rehire, [&] { offer_rehires(params, state); });
  // 4. Search and bidding.
  clock.time(Phase::bidding, [&] { submit_proposals(params, state); });
  // 5. Clients choose; freelancers accept within capacity.
  clock.time(Phase::grouping, [&] { group_proposals_by_job(state); });
  clock.time(Phase::choice, [&] { choose_proposals(params, state); });
  clock.time(Phase::acceptance, [&] { accept_offers(params, state); });
  // 6. Work, delivery, rating; payment and fees.
  clock.time(Phase::contracts, [&] { progress_contracts(params, state); });
  clock.time(Phase::payment, [&] { settle_completed_contracts(params, state); });
  // 7. Pricing; what the market learned this week (going rates, a searcher's expected
  // earnings).
  clock.time(Phase::pricing, [&] {
    adapt_asks(params, state);
    update_market_signals(params, state);
  });
  // 8. AI adoption, abandonment and proficiency.
  clock.time(Phase::adoption, [&] { adopt_ai_tools(params, state); });
  // 9. Careers: switching, exit and dormant attrition, entry; unfilled jobs expire.
  clock.time(Phase::careers, [&] { review_careers(params, state); });
  clock.time(Phase::entry, [&] {
    admit_entrants(params, state);
    expire_jobs(state);
  });
  // 10. Metrics, in the recorded weeks only: nothing reads the rows of the burn-in, and the
  // metrics only read the state.
  if (weeks_done() >= 0) {
    clock.time(Phase::metrics, [&] {
      metrics_.collect(params, state, row_);
      if (panel_sampled_) {
        collect_panel(state, panel_persons_, static_cast<std::size_t>(params.run.panel_size), row_);
      }
    });
  }
  check_resource_limits(params, state);
  ++state_.week;
  sample_panel_once_recording();
  return row_;
}

namespace {

/// Sets values[first, last) to zero (all bits clear), writing only if one is not: most slots
/// (dormant and exited profiles) did nothing last week, and reading memory costs less than
/// writing it.
template <typename T>
void clear_range(AgentArray<T>& values, std::size_t first, std::size_t last) {
  static_assert(sizeof(T) <= sizeof(std::uint32_t), "bytes and 32-bit values");
  std::uint32_t any = 0;
  for (std::size_t i = first; i < last; ++i) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &values[i], sizeof(T));
    any |= bits;
  }
  if (any != 0) std::fill(values.begin() + first, values.begin() + last, T{});
}

/// Slots per block of begin_week's clearing.
inline constexpr std::size_t kClearBlock = 512;

}  // namespace

void Simulation::begin_week() {
  state_.tally.reset(params_.categories.size());
  Freelancers& fl = state_.freelancers;
  const std::size_t n = fl.size();
#pragma omp parallel for schedule(static)
  for (std::size_t block = 0; block < (n + kClearBlock - 1) / kClearBlock; ++block) {
    const std::size_t first = block * kClearBlock;
    const std::size_t last = std::min(n, first + kClearBlock);
    clear_range(fl.searched_this_week, first, last);
    clear_range(fl.won_this_week, first, last);
    clear_range(fl.income_this_week_usd, first, last);
    clear_range(fl.bid_spend_this_week_usd, first, last);
    clear_range(fl.won_value_this_week_usd, first, last);
    clear_range(fl.hours_this_week, first, last);
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

void Simulation::sample_panel_once_recording() {
  if (panel_sampled_ || state_.week != burn_in_weeks_) return;
  panel_persons_ = panel_sample(params_, state_);
  panel_sampled_ = true;
}

std::vector<std::int64_t> Simulation::panel_persons() const {
  std::vector<std::int64_t> ids;
  for (const PanelPerson& person : panel_persons_) ids.push_back(person.uid);
  return ids;
}

std::vector<EventRecord> Simulation::take_applied_events() {
  std::vector<EventRecord> events;
  events.swap(applied_events_);
  return events;
}

}  // namespace gigsim
