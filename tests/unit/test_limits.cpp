// Resource limits (sim/engine/limits.hpp): counts worked out by hand on small stores.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/market_state.hpp"
#include "engine/limits.hpp"
#include "scenario/parameter_table.hpp"

using namespace gigsim;

TEST_CASE("The limits have defaults that hold the largest benchmark", "[limits]") {
  const Params params = default_params();
  CHECK(params.limits.max_freelancers == 30000000);
  CHECK(params.limits.max_open_jobs == 50000000);
}

TEST_CASE("Registered freelancers are the slots not free for reuse", "[limits]") {
  Params params = default_params();
  MarketState state;
  state.week = 7;
  state.freelancers.resize(10, 2);
  state.free_slots = {3, 4};  // two exited profiles: 10 - 2 = 8 registered
  params.limits.max_freelancers = 8;
  CHECK_NOTHROW(check_resource_limits(params, state));
  params.limits.max_freelancers = 7;
  CHECK_THROWS_AS(check_resource_limits(params, state), RuntimeFailure);
  CHECK_THROWS_WITH(check_resource_limits(params, state),
                    Catch::Contains("simulated week 7") &&
                        Catch::Contains("8 registered freelancers exceed "
                                        "limits.max_freelancers = 7") &&
                        Catch::Contains("--set limits.max_freelancers=N"));
}

TEST_CASE("Jobs on the board count open jobs and those closed this week", "[limits]") {
  Params params = default_params();
  MarketState state;
  state.jobs.resize(12);
  params.limits.max_open_jobs = 12;
  CHECK_NOTHROW(check_resource_limits(params, state));
  params.limits.max_open_jobs = 11;
  CHECK_THROWS_WITH(check_resource_limits(params, state),
                    Catch::Contains("12 jobs on the board exceed limits.max_open_jobs = 11") &&
                        Catch::Contains("--set limits.max_open_jobs=N"));
}
