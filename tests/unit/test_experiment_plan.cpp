// Planning an experiment: run ids and files, the --set options that make each run, common
// random numbers (every run of replicate r has run.seed = seed, run.replicate = r), and branch
// groups of scenarios that differ only from some week on.
#include <catch2/catch.hpp>

#include <filesystem>

#include "experiment/experiment_file.hpp"
#include "experiment/run_plan.hpp"

using namespace gigsim;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(GIGSIM_SOURCE_DIR) / "tests" / "fixtures" / "experiments";

RunPlan plan_of(const std::string& text) {
  return plan_experiment(parse_experiment_text(text, "exp.toml", kFixtures));
}

}  // namespace

TEST_CASE("Runs: scenario x point x replicate, with ids, files and options", "[experiment][plan]") {
  const RunPlan plan = plan_of(R"(seed = 5
replicates = 2
set = { "run.weeks" = 10 }
[[scenarios]]
path = "tiny.toml"
name = "base"
set = { "market.bid_cost_usd" = 0.25 }
[[scenarios]]
path = "tiny_fee_cut.toml"
[sweep]
method = "grid"
[sweep.parameters]
"market.bids_per_week" = [10, 20, 30]
)");
  // 2 scenarios x 3 points x 2 replicates.
  REQUIRE(plan.runs.size() == 12);
  CHECK(plan.points == 3);
  const PlannedRun& first = plan.runs[0];
  CHECK(first.id == "base/p000/rep0");
  CHECK(first.path == "runs/base/p000/rep0.h5");
  CHECK(first.seed == 5);
  CHECK(first.weeks == 10);
  CHECK(first.set_options == std::vector<std::string>{"run.weeks=10", "market.bid_cost_usd=0.25",
                                                      "market.bids_per_week=10", "run.seed=5",
                                                      "run.replicate=0"});
  CHECK(plan.runs[1].id == "base/p000/rep1");
  CHECK(plan.runs[1].set_options.back() == "run.replicate=1");
  CHECK(plan.runs[2].id == "base/p001/rep0");
  CHECK(plan.runs[2].parameters.at(0).second.number == 20);
  CHECK(plan.runs[11].id == "tiny_fee_cut/p002/rep1");
  CHECK(plan.runs[11].point_index == 2);
}

TEST_CASE("Scenarios that differ only from week W share a prefix per replicate",
          "[experiment][plan]") {
  const RunPlan plan = plan_of(R"(replicates = 2
[[scenarios]]
path = "tiny.toml"
[[scenarios]]
path = "tiny_fee_cut.toml"
[[scenarios]]
path = "tiny_min_rate.toml"
[[scenarios]]
path = "tiny.toml"
name = "costly_bids"
set = { "market.bid_cost_usd" = 0.9 }
)");
  REQUIRE(plan.runs.size() == 8);
  // tiny, fee cut (week 6) and minimum rate (week 8) agree before week 6; costly_bids differs
  // from the start. One group per replicate.
  REQUIRE(plan.groups.size() == 2);
  CHECK(plan.groups[0].weeks == 6);
  CHECK(plan.groups[0].runs == std::vector<std::size_t>{0, 2, 4});  // rep0 of the first three
  CHECK(plan.groups[1].runs == std::vector<std::size_t>{1, 3, 5});
  CHECK(plan.groups[0].prefix_path == "prefixes/p000/rep0-tiny.h5");
  CHECK(plan.runs[6].group == -1);
  CHECK(plan.runs[7].group == -1);
  CHECK(plan.runs[4].group == 0);
  CHECK(plan.runs[5].group == 1);
}

TEST_CASE("branching = false plans no shared prefixes", "[experiment][plan]") {
  const RunPlan plan = plan_of(R"(branching = false
[[scenarios]]
path = "tiny.toml"
[[scenarios]]
path = "tiny_fee_cut.toml"
)");
  CHECK(plan.groups.empty());
  CHECK(plan.runs[1].group == -1);
}

TEST_CASE("Prefix and branch commands", "[experiment][plan]") {
  const Experiment experiment = parse_experiment_text(R"([[scenarios]]
path = "tiny.toml"
[[scenarios]]
path = "tiny_fee_cut.toml"
)",
                                                      "exp.toml", kFixtures);
  const RunPlan plan = plan_experiment(experiment);
  REQUIRE(plan.groups.size() == 1);
  const auto prefix = prefix_arguments(experiment, plan, plan.groups[0], "P.h5", 1);
  CHECK(prefix == std::vector<std::string>{"run", (kFixtures / "tiny.toml").string(), "--set",
                                           "run.seed=1", "--set", "run.replicate=0", "-o", "P.h5",
                                           "--threads", "1", "--quiet", "--steps", "6",
                                           "--checkpoint-every", "6"});
  const auto branch = run_arguments(experiment, plan.runs[1], "R.h5", 2, "P.h5.checkpoint");
  CHECK(branch == std::vector<std::string>{"run", (kFixtures / "tiny_fee_cut.toml").string(),
                                           "--set", "run.seed=1", "--set", "run.replicate=0",
                                           "--resume", "P.h5.checkpoint", "-o", "R.h5", "--threads",
                                           "2", "--quiet"});
}
