// Market economics on real runs: who bears the fees, how entry answers expected earnings,
// minimum rates and bid costs, category demand, and a stationary baseline. Runs share seeds
// (common random numbers), so two runs differ only by the rule or parameter changed; averages
// are over recorded weeks after a burn-in.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "market/posting.hpp"
#include "small_market.hpp"

using namespace gigsim;
using namespace gigsim::testing;

namespace {

constexpr int kFreelancers = 3000;
constexpr int kClients = 300;
constexpr int kWeeks = 104;

/// A market settled by a year of burn-in, with `overrides`.
std::vector<MetricsRow> settled_run(std::vector<std::string> overrides, int weeks = kWeeks) {
  overrides.insert(overrides.begin(), "run.burn_in_weeks=52");
  return run_rows(small_market(overrides, kFreelancers, kClients, weeks));
}

double mean_of(const std::vector<MetricsRow>& rows, MarketMetric metric, std::size_t from = 0,
               std::size_t to = SIZE_MAX) {
  double sum = 0;
  int n = 0;
  for (std::size_t w = from; w < std::min(to, rows.size()); ++w) {
    if (std::isnan(rows[w][metric])) continue;
    sum += rows[w][metric];
    ++n;
  }
  return n > 0 ? sum / n : std::nan("");
}

}  // namespace

TEST_CASE("A higher freelancer fee raises asks and lowers bids and entry",
          "[integration][economics][fees]") {
  // Freelancers price on pay net of their fee: at 30% the floor reservation / 0.7 is 29% above
  // the floor at 10% (reservation / 0.9), fewer proposals clear their expected-value test, and
  // fewer prospects find a searcher's net earnings worth joining for.
  const auto low = settled_run({"fees.schedule=flat", "fees.flat_rate=0.10"});
  const auto high = settled_run({"fees.schedule=flat", "fees.flat_rate=0.30"});
  const double ask_low = mean_of(low, MarketMetric::median_ask_rate);
  const double ask_high = mean_of(high, MarketMetric::median_ask_rate);
  const double bids_low = mean_of(low, MarketMetric::bids);
  const double bids_high = mean_of(high, MarketMetric::bids);
  const double entry_low = mean_of(low, MarketMetric::entrants);
  const double entry_high = mean_of(high, MarketMetric::entrants);
  INFO("median ask " << ask_low << " -> " << ask_high << ", bids " << bids_low << " -> "
                     << bids_high << ", entrants " << entry_low << " -> " << entry_high);
  CHECK(ask_high > 1.1 * ask_low);
  CHECK(bids_high < 0.9 * bids_low);
  CHECK(entry_high < 0.9 * entry_low);
}

TEST_CASE("A higher client fee lowers hiring", "[integration][economics][fees]") {
  // Clients weigh price x (1 + client fee) against hiring nobody: at 30% every proposal's
  // utility falls by beta ln(1.30 / 1.05) ~ 0.64 against the outside option.
  const auto low = settled_run({"fees.client_rate=0.05"});
  const auto high = settled_run({"fees.client_rate=0.30"});
  const double filled_low = mean_of(low, MarketMetric::jobs_filled);
  const double filled_high = mean_of(high, MarketMetric::jobs_filled);
  INFO("jobs filled per week " << filled_low << " -> " << filled_high);
  CHECK(filled_high < 0.9 * filled_low);
}

TEST_CASE("A binding minimum rate lowers hiring and does not raise entry",
          "[integration][economics][entry]") {
  // Entry follows a searcher's expected earnings, not the posted rate: the floor raises the
  // price of each hire, but clients whose budget it exceeds post less (Horton 2025) and fewer
  // proposals are accepted, so a week of search is not worth more.
  const auto free = settled_run({"policy.min_hourly_rate_usd=0"});
  const auto floor = settled_run({"policy.min_hourly_rate_usd=20"});
  const double filled_free = mean_of(free, MarketMetric::jobs_filled);
  const double filled_floor = mean_of(floor, MarketMetric::jobs_filled);
  const double entry_free = mean_of(free, MarketMetric::entrants);
  const double entry_floor = mean_of(floor, MarketMetric::entrants);
  INFO("jobs filled " << filled_free << " -> " << filled_floor << ", entrants " << entry_free
                      << " -> " << entry_floor << ", median rate "
                      << mean_of(free, MarketMetric::median_rate) << " -> "
                      << mean_of(floor, MarketMetric::median_rate));
  CHECK(mean_of(floor, MarketMetric::median_rate) > mean_of(free, MarketMetric::median_rate));
  CHECK(filled_floor < 0.9 * filled_free);
  CHECK(entry_floor <= entry_free);
  CHECK(mean_of(floor, MarketMetric::jobs_deterred) > 0.0);
  CHECK(mean_of(free, MarketMetric::jobs_deterred) == 0.0);
}

TEST_CASE("A high bid cost lowers entry", "[integration][economics][entry]") {
  const auto cheap = settled_run({"market.bid_cost_usd=0.30"});
  const auto dear = settled_run({"market.bid_cost_usd=10"});
  const double entry_cheap = mean_of(cheap, MarketMetric::entrants);
  const double entry_dear = mean_of(dear, MarketMetric::entrants);
  INFO("entrants " << entry_cheap << " -> " << entry_dear);
  CHECK(entry_dear < 0.95 * entry_cheap);
}

TEST_CASE("Freelancers price the clients' budget sensitivity into their proposals",
          "[integration][economics][bidding]") {
  // Week 0 of two runs that differ only in clients' price sensitivity: the same freelancers see
  // the same jobs, so the proposals differ only through the budget penalty in a proposal's
  // expected value. Sensitive clients make over-budget proposals rarely worth sending.
  const auto over_budget_share = [](const std::string& sensitivity) {
    Simulation simulation(
        small_market({"clients.price_sensitivity=" + sensitivity}, kFreelancers, kClients, 1));
    simulation.step();
    const MarketState& state = simulation.state();
    const Proposals& p = state.proposals;
    double over = 0, all = 0;
    for (std::size_t s = 0; s < p.sender.size(); ++s) {
      for (std::size_t k = 0; k < p.count[s]; ++k) {
        const std::size_t slot = s * p.per_freelancer + k;
        const auto j = static_cast<std::size_t>(p.job[slot]);
        over += p.price_usd[slot] * 1.05 > state.jobs.budget_rate_usd[j] ? 1 : 0;
        all += 1;
      }
    }
    REQUIRE(all > 100);
    return over / all;
  };
  const double tolerant = over_budget_share("0.5");
  const double sensitive = over_budget_share("8");
  INFO("share of proposals above budget: beta 0.5 " << tolerant << ", beta 8 " << sensitive);
  CHECK(sensitive < 0.8 * tolerant);
}

TEST_CASE("A category's demand moves its postings on its own", "[integration][economics][demand]") {
  // From week 60 writing's demand falls from 0.15 to 0.05. Each client's rate in a category k is
  // lambda_c (s 1{k = main} d_k / d0_k + (1 - s) d_k / D0), so every client's writing rate falls
  // to a third and its other rates stay: the expected weekly posts follow from the clients drawn.
  Scenario scenario = small_market({}, kFreelancers, 1000, 120);
  scenario.events.push_back({60, {{"categories.writing.demand_share", 0.05, "0.05"}}, "test"});
  const std::size_t n = scenario.params.categories.size();
  Simulation simulation(scenario);
  const auto expected_posts = [&](const Params& params, std::size_t category) {
    const Clients& clients = simulation.state().clients;
    double rate = 0;
    for (std::size_t c = 0; c < clients.size(); ++c) {
      rate +=
          client_posting_rate(params, simulation.state().initial_demand,
                              clients.posting_rate_per_week[c], clients.main_category[c], category);
    }
    return rate;
  };
  Params after_event = scenario.params;
  after_event.categories[0].demand_share = 0.05;
  const double writing_expected_before = expected_posts(scenario.params, 0);
  const double writing_expected_after = expected_posts(after_event, 0);
  const double software_expected = expected_posts(scenario.params, 2);
  CHECK(writing_expected_after == Approx(writing_expected_before / 3.0));
  CHECK(expected_posts(after_event, 2) == Approx(software_expected));

  std::vector<MetricsRow> rows;
  while (simulation.weeks_done() < 120) rows.push_back(simulation.step());
  const auto posts = [&](std::size_t category, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t w = from; w < to; ++w)
      sum += rows[w].at(CategoryMetric::jobs_posted, category, n);
    return sum / static_cast<double>(to - from);
  };
  INFO("writing posts/week " << posts(0, 0, 60) << " -> " << posts(0, 60, 120) << " (expected "
                             << writing_expected_before << " -> " << writing_expected_after
                             << "), software " << posts(2, 0, 60) << " -> " << posts(2, 60, 120)
                             << " (expected " << software_expected << ")");
  // Poisson counts over 60 weeks: relative standard errors of a few percent (writing after the
  // cut: ~450 posts, 5%); posting rates are heavy-tailed across clients, so allow 15%.
  CHECK(posts(0, 0, 60) == Approx(writing_expected_before).epsilon(0.15));
  CHECK(posts(0, 60, 120) == Approx(writing_expected_after).epsilon(0.15));
  CHECK(posts(2, 0, 60) == Approx(software_expected).epsilon(0.15));
  CHECK(posts(2, 60, 120) == Approx(software_expected).epsilon(0.15));
  // A client of main category writing, two categories with initial demand 0.15 and 0.85:
  // s d/d0 + (1 - s) d/D0 in its main category, (1 - s) d/D0 in the other.
  const std::vector<double> initial{0.15, 0.85};
  Params two = scenario.params;
  two.categories.resize(2);
  two.categories[0].demand_share = 0.05;
  two.categories[1].demand_share = 0.85;
  two.clients.main_category_share = 0.8;
  CHECK(client_posting_rate(two, initial, 1.0, 0, 0) ==
        Approx(0.8 * 0.05 / 0.15 + 0.2 * 0.05 / 1.0));
  CHECK(client_posting_rate(two, initial, 1.0, 0, 1) == Approx(0.2 * 0.85));
}

TEST_CASE("Entrants arrive from the first week without a burn-in",
          "[integration][economics][entry]") {
  // The entry signal is computed by the model within the week, not read from last week's output.
  const auto rows = run_rows(small_market({"run.burn_in_weeks=0"}, kFreelancers, kClients, 4));
  CHECK(rows[0][MarketMetric::entrants] > 0.0);
}

TEST_CASE("A stationary scenario stays stationary for twenty years",
          "[integration][economics][stationarity]") {
  // Years 19-20 within 10% of years 1-2 in active freelancers, hire rate and median rate.
  const auto rows = run_rows(small_market({"run.burn_in_weeks=104"}, 5000, 500, 1040));
  for (MarketMetric metric :
       {MarketMetric::active_freelancers, MarketMetric::hire_rate, MarketMetric::median_rate}) {
    const double first = mean_of(rows, metric, 0, 104);
    const double last = mean_of(rows, metric, 936, 1040);
    INFO(market_metric_info()[static_cast<std::size_t>(metric)].name << ": years 1-2 " << first
                                                                     << ", years 19-20 " << last);
    CHECK(last == Approx(first).epsilon(0.10));
  }
}
