// Same scenario and seed give bit-identical output for any thread count; seeds matter.
#include <omp.h>

#include <algorithm>

#include <catch2/catch.hpp>

#include "core/sampling.hpp"
#include "small_market.hpp"

using namespace gigsim;
using namespace gigsim::testing;

namespace {
std::vector<MetricsRow> run_with_threads(const Scenario& scenario, int threads) {
  omp_set_num_threads(threads);
  std::vector<MetricsRow> rows = run_rows(scenario);
  omp_set_num_threads(omp_get_num_procs());
  return rows;
}
}  // namespace

TEST_CASE("1, 2 and 3 threads give bit-identical rows", "[integration][determinism]") {
  // More agents than one reduction chunk (4096), so chunks really split across threads.
  const Scenario scenario = small_market({"market.matching=skill_fit"}, 9000, 900, 40);
  const auto one = run_with_threads(scenario, 1);
  const auto two = run_with_threads(scenario, 2);
  const auto three = run_with_threads(scenario, 3);
  CHECK(identical_rows(one, two));
  CHECK(identical_rows(one, three));
}

TEST_CASE("With every AI mechanism on, 1, 2 and 3 threads give bit-identical rows",
          "[integration][determinism][ai]") {
  // Language and image models released during the run, disclosure, a substitution tax, a
  // training subsidy, platform matching and a minimum rate.
  const Scenario scenario = small_market(
      {"market.matching=skill_fit", "ai.technologies.llm.trajectory=logistic",
       "ai.technologies.llm.release_week=5", "ai.technologies.llm.midpoint_weeks=10",
       "ai.technologies.image.trajectory=step", "ai.technologies.image.release_week=10",
       "policy.ai_disclosure=required", "policy.substitution_tax=0.2",
       "policy.training_subsidy=0.5", "policy.min_hourly_rate_usd=12", "ai.innovation_per_year=2"},
      9000, 900, 40);
  const auto one = run_with_threads(scenario, 1);
  const auto two = run_with_threads(scenario, 2);
  const auto three = run_with_threads(scenario, 3);
  CHECK(identical_rows(one, two));
  CHECK(identical_rows(one, three));
  CHECK(one.back()[MarketMetric::adopters] > 0);
  CHECK(one.back()[MarketMetric::jobs_automated] > 0);
}

TEST_CASE(
    "With heavy turnover (entrants drawn in parallel into freed slots), 1, 2 and 3 threads "
    "give bit-identical rows",
    "[integration][determinism]") {
  // Hundreds of prospects and leavers a week: the entrants' attributes are drawn in parallel
  // (from 64 entrants a week) into slots freed by leavers and at the end of the store.
  const Scenario scenario =
      small_market({"careers.prospect_rate=0.05", "careers.leave_probability=0.02"}, 9000, 900, 30);
  const auto one = run_with_threads(scenario, 1);
  const auto two = run_with_threads(scenario, 2);
  const auto three = run_with_threads(scenario, 3);
  CHECK(identical_rows(one, two));
  CHECK(identical_rows(one, three));
  double most_entrants = 0.0, exits = 0.0;
  for (const MetricsRow& row : one) {
    most_entrants = std::max(most_entrants, row[MarketMetric::entrants]);
    exits += row[MarketMetric::exits];
  }
  CHECK(most_entrants > 64);
  CHECK(exits > 1000);
}

TEST_CASE("A different seed or replicate gives a different run", "[integration][determinism]") {
  const auto base = run_rows(small_market({}, 1000, 100, 20));
  const auto seed2 = run_rows(small_market({"run.seed=2"}, 1000, 100, 20));
  const auto rep1 = run_rows(small_market({"run.replicate=1"}, 1000, 100, 20));
  CHECK_FALSE(identical_rows(base, seed2));
  CHECK_FALSE(identical_rows(base, rep1));
}

TEST_CASE("Each client's posts in a week are a Poisson draw from its own posting stream",
          "[integration][determinism]") {
  // The draw that keeps paired runs paired: client c's count in week w comes from the stream
  // (w, c, posting) and nothing else, whichever batch of clients computes its first block. 203
  // clients, half a job a week each: twelve full batches of 16 and a partial one.
  const Scenario scenario = small_market({"clients.jobs_per_year=26"}, 500, 203, 3);
  Simulation simulation(scenario);
  const Params& params = scenario.params;
  for (int week = 0; week < 3; ++week) {
    simulation.step();
    const MarketState& state = simulation.state();
    const Clients& clients = state.clients;
    std::vector<std::int64_t> posted(clients.size(), 0);
    for (std::size_t j = 0; j < state.jobs.size(); ++j) {
      if (state.jobs.posted_week[j] == week)
        ++posted[static_cast<std::size_t>(state.jobs.client[j])];
    }
    // Without AI every category's demand is its week-0 demand: a client's rate is its own.
    const double share = params.clients.main_category_share;
    std::int64_t total = 0;
    for (std::size_t c = 0; c < clients.size(); ++c) {
      Stream stream = state.streams.open(static_cast<std::uint32_t>(week),
                                         static_cast<std::uint32_t>(c), Purpose::posting);
      const double mean = clients.posting_rate_per_week[c] * (share * 1.0 + (1.0 - share) * 1.0);
      INFO("week " << week << ", client " << c);
      REQUIRE(posted[c] == draw_poisson(stream, mean));
      total += posted[c];
    }
    CHECK(total > 60);  // enough posts that a mix-up of streams shows (about 100 expected)
  }
}
