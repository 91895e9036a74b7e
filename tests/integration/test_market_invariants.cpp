// Invariants that must hold every week of a real run with all features on: money is conserved,
// no freelancer is over capacity, counts add up.
#include <catch2/catch.hpp>
#include <cmath>

#include "small_market.hpp"

using namespace gigsim;
using namespace gigsim::testing;

TEST_CASE("Money, capacity and counts add up every week", "[integration][invariants]") {
  // All features on: sliding fees, a minimum rate, platform matching, events changing rules.
  // AI too: a language model from week 30, disclosure, a training subsidy, fast adoption.
  Scenario scenario = small_market(
      {"policy.min_hourly_rate_usd=8", "market.matching=skill_fit",
       "ai.technologies.llm.trajectory=step", "ai.technologies.llm.release_week=30",
       "policy.ai_disclosure=required", "policy.training_subsidy=0.5", "ai.innovation_per_year=2"},
      2000, 200, 260);
  scenario.events.push_back({20, {{"fees.schedule", 0.0, "flat"}}, "test"});
  Simulation simulation(scenario);
  double posted_total = 0, filled_total = 0, client_spend_total = 0, revenue_total = 0;
  // Long enough for contracts to start and finish many times over (phantom contracts once
  // appeared after years of float residue).
  for (int week = 0; week < 260; ++week) {
    const MetricsRow row = simulation.step();
    const MarketState& state = simulation.state();
    const Freelancers& fl = state.freelancers;
    INFO("week " << week);
    // Money: what clients pay = what freelancers receive + what the platform keeps.
    REQUIRE(row[MarketMetric::client_spend] ==
            Approx(row[MarketMetric::freelancer_income] + row[MarketMetric::platform_revenue])
                .epsilon(1e-12));
    // Capacity: committed hours never exceed capacity and are exactly the sum of the loads of
    // the contracts held; the count of contracts is the count of occupied slots, and the
    // working_freelancers metric counts exactly the freelancers holding one (no residue of a
    // float summed up and down can make a phantom contract).
    double holding = 0;
    for (std::size_t f = 0; f < fl.size(); ++f) {
      float load = 0.0f;
      int contracts = 0;
      for (std::size_t s = 0; s < fl.slots; ++s) {
        if (fl.contract_client[f * fl.slots + s] == kNoAgent) continue;
        load += fl.contract_load_hours[f * fl.slots + s];
        ++contracts;
      }
      REQUIRE(fl.committed_hours[f] <= fl.capacity_hours[f] + 1e-3f);
      REQUIRE(fl.committed_hours[f] == load);
      REQUIRE(static_cast<int>(fl.contracts_held[f]) == contracts);
      REQUIRE(fl.ask_rate_usd[f] >= 8.0f - 1e-4f);
      if (!fl.is_active(f)) REQUIRE(contracts == 0);
      if (fl.is_active(f) && contracts > 0) holding += 1;
    }
    REQUIRE(row[MarketMetric::working_freelancers] == holding);
    REQUIRE(row[MarketMetric::registered_freelancers] ==
            row[MarketMetric::active_freelancers] + row[MarketMetric::dormant_freelancers]);
    // Counts: filled + expired jobs close at most what was posted; shares are shares.
    posted_total += row[MarketMetric::jobs_posted];
    filled_total += row[MarketMetric::jobs_filled];
    REQUIRE(filled_total + 0 <= posted_total);
    REQUIRE(row[MarketMetric::working_freelancers] <= row[MarketMetric::active_freelancers]);
    REQUIRE(row[MarketMetric::searching_freelancers] <= row[MarketMetric::active_freelancers]);
    REQUIRE(row[MarketMetric::earners] <= row[MarketMetric::registered_freelancers]);
    REQUIRE(row[MarketMetric::dormant_exits] <= row[MarketMetric::exits]);
    REQUIRE(row[MarketMetric::idle_share] >= 0.0);
    REQUIRE(row[MarketMetric::idle_share] <= 1.0);
    if (!std::isnan(row[MarketMetric::hire_rate])) {
      REQUIRE(row[MarketMetric::hire_rate] >= 0.0);
      REQUIRE(row[MarketMetric::hire_rate] <= 1.0);
    }
    // Category series add up to the market totals.
    const std::size_t n_categories = scenario.params.categories.size();
    for (auto [by_category, market] :
         {std::pair{CategoryMetric::jobs_posted, MarketMetric::jobs_posted},
          std::pair{CategoryMetric::jobs_filled, MarketMetric::jobs_filled},
          std::pair{CategoryMetric::bids, MarketMetric::bids},
          std::pair{CategoryMetric::freelancer_income, MarketMetric::freelancer_income},
          std::pair{CategoryMetric::registered_freelancers, MarketMetric::registered_freelancers},
          std::pair{CategoryMetric::active_freelancers, MarketMetric::active_freelancers},
          std::pair{CategoryMetric::entrants, MarketMetric::entrants},
          std::pair{CategoryMetric::exits, MarketMetric::exits},
          std::pair{CategoryMetric::hours_worked, MarketMetric::hours_worked}}) {
      double sum = 0;
      for (std::size_t c = 0; c < n_categories; ++c) sum += row.at(by_category, c, n_categories);
      REQUIRE(sum == Approx(row[market]).margin(1e-6));
    }
    client_spend_total += row[MarketMetric::client_spend];
    revenue_total += row[MarketMetric::platform_revenue];
  }
  // The same money seen from the agents' own books: clients' spending = freelancers' lifetime
  // earnings + platform fees.
  const MarketState& state = simulation.state();
  double clients_paid = 0, freelancers_earned = 0;
  for (double spend : state.clients.total_spend_usd) clients_paid += spend;
  for (double earned : state.freelancers.lifetime_earnings_usd) freelancers_earned += earned;
  freelancers_earned += state.retired_earnings_usd;  // slots reused by entrants
  CHECK(clients_paid == Approx(client_spend_total).epsilon(1e-9));
  CHECK(clients_paid == Approx(freelancers_earned + revenue_total).epsilon(1e-9));
  CHECK(filled_total > 0);
  CHECK(client_spend_total > 0);
}
