// Experiment files: what a good one gives, and a gallery of bad ones with the messages they
// produce (file:line:column, what is wrong, what would be valid).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "experiment/experiment_file.hpp"
#include "experiment/run_plan.hpp"

using namespace gigsim;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(GIGSIM_SOURCE_DIR) / "tests" / "fixtures" / "experiments";

Experiment parse(std::string_view text) {
  return parse_experiment_text(text, "exp.toml", kFixtures);
}

/// The message of the InputError that reading `text` as "exp.toml" throws.
std::string parse_error(std::string_view text) {
  try {
    parse(text);
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("expected an InputError for:\n" << text);
  return {};
}

/// The same when the runs are planned (scenario files, keys and values checked).
std::string plan_error(std::string_view text) {
  try {
    plan_experiment(parse(text));
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("expected an InputError planning:\n" << text);
  return {};
}

constexpr const char* kTinyScenario = "[[scenarios]]\npath = \"tiny.toml\"\n";

}  // namespace

TEST_CASE("A complete experiment file is read in file order", "[experiment][file]") {
  const Experiment experiment = parse(R"(description = "two policies"
seed = 11
replicates = 3
branching = false
set = { "run.weeks" = 10, "fees.schedule" = "flat" }

[[scenarios]]
path = "tiny.toml"
name = "base"

[[scenarios]]
path = "tiny_fee_cut.toml"
set = { "market.bid_cost_usd" = 0.25 }

[sweep]
method = "lhs"
points = 5
seed = 9
[sweep.parameters]
"market.bid_cost_usd" = { min = 0.0, max = 1.0 }
"market.jobs_seen_per_week" = { min = 5, max = 20 }
"fees.schedule" = ["flat", "sliding"]
)");
  CHECK(experiment.seed == 11);
  CHECK(experiment.replicates == 3);
  CHECK_FALSE(experiment.branching);
  REQUIRE(experiment.overrides.size() == 2);
  CHECK(experiment.overrides[0].key == "run.weeks");  // file order, not toml++'s sorted order
  CHECK(experiment.overrides[0].value.set_text() == "10");
  CHECK(experiment.overrides[1].value.set_text() == "\"flat\"");
  CHECK(experiment.overrides[0].origin == "exp.toml:5:23");
  REQUIRE(experiment.scenarios.size() == 2);
  CHECK(experiment.scenarios[0].name == "base");
  CHECK(experiment.scenarios[1].name == "tiny_fee_cut");  // the file's stem
  CHECK(experiment.scenarios[1].path == kFixtures / "tiny_fee_cut.toml");
  CHECK(experiment.scenarios[1].overrides[0].value.set_text() == "0.25");
  CHECK(experiment.sweep.method == SweepMethod::lhs);
  CHECK(experiment.sweep.points == 5);
  CHECK(experiment.sweep.seed == 9);
  REQUIRE(experiment.sweep.parameters.size() == 3);
  CHECK(experiment.sweep.parameters[0].key == "market.bid_cost_usd");
  CHECK_FALSE(experiment.sweep.parameters[0].integer);  // a real parameter
  CHECK(experiment.sweep.parameters[1].integer);        // an integer parameter of the table
  CHECK(experiment.sweep.parameters[1].min == 5);
  CHECK(experiment.sweep.parameters[2].kind == SweepParameter::Kind::values);
  CHECK(experiment.sweep.parameters[2].values.size() == 2);
}

TEST_CASE("Defaults: seed 1, one replicate, branching, no sweep", "[experiment][file]") {
  const Experiment experiment = parse(kTinyScenario);
  CHECK(experiment.seed == 1);
  CHECK(experiment.replicates == 1);
  CHECK(experiment.branching);
  CHECK(experiment.sweep.method == SweepMethod::none);
}

TEST_CASE("Real values keep every bit through --set", "[experiment][file]") {
  ParameterValue value;
  value.kind = ParameterValue::Kind::real;
  value.number = 0.1 + 0.2;  // 0.30000000000000004
  CHECK(value.set_text() == "0.30000000000000004");
  value.number = 2.0;
  CHECK(value.set_text() == "2.0");  // stays a TOML float
}

TEST_CASE("Bad experiment files name the place and what would be valid", "[experiment][errors]") {
  CHECK(parse_error(std::string("replicate = 3\n") + kTinyScenario) ==
        "exp.toml:1:1: unknown key \"replicate\" in the experiment file; did you mean "
        "\"replicates\"?");
  CHECK(parse_error(std::string("replicates = 0\n") + kTinyScenario) ==
        "exp.toml:1:14: replicates: 0 is out of range; valid range is [1, 65536]");
  CHECK(parse_error(std::string("replicates = 2.5\n") + kTinyScenario) ==
        "exp.toml:1:14: replicates: expected an integer, got the number 2.5");
  CHECK(parse_error("seed = 1\n") ==
        "exp.toml:1:1: no scenarios: add at least one [[scenarios]] table with path = \"...\"");
  CHECK(parse_error("[[scenarios]]\npath = \"missing.toml\"\n") ==
        "exp.toml:2:8: scenario file \"missing.toml\" not found (looked for " +
            (kFixtures / "missing.toml").string() + "; paths are relative to the experiment file)");
  CHECK(parse_error("[[scenarios]]\nname = \"x\"\n") ==
        "exp.toml:1:1: [[scenarios]]: missing path = \"<scenario file>\"");
  CHECK(parse_error("[[scenarios]]\npath = \"tiny.toml\"\npaht = 1\n") ==
        "exp.toml:3:1: unknown key \"paht\" in [[scenarios]]; did you mean \"path\"?");
  CHECK(parse_error(std::string(kTinyScenario) + kTinyScenario) ==
        "exp.toml:3:1: [[scenarios]]: the name \"tiny\" is already used at exp.toml:1:1; give "
        "each scenario its own name = \"...\"");
  CHECK(parse_error("[[scenarios]]\npath = \"tiny.toml\"\nname = \"a/b\"\n") ==
        "exp.toml:3:8: name: expected a name of letters, digits, '_', '-' and '.', got the "
        "string \"a/b\"");
  CHECK(parse_error(std::string(kTinyScenario) + "[sweep]\nmethod = \"random\"\n") ==
        "exp.toml:4:10: sweep.method: expected \"grid\" or \"lhs\", got the string \"random\"");
  CHECK(parse_error(std::string(kTinyScenario) +
                    "[sweep]\nmethod = \"lhs\"\n[sweep.parameters]\n\"market.bid_cost_usd\" = "
                    "{ min = 0.0, max = 1.0 }\n") ==
        "exp.toml:3:1: [sweep]: method = \"lhs\" needs points = <number of points>");
  CHECK(parse_error(std::string(kTinyScenario) +
                    "[sweep]\nmethod = \"grid\"\n[sweep.parameters]\n\"market.bid_cost_usd\" = "
                    "{ min = 0.0, max = 1.0 }\n") ==
        "exp.toml:3:1: exp.toml:6:1: a grid needs listed values for market.bid_cost_usd, e.g. "
        "[0.0, 0.5, 1.0]");
  CHECK(parse_error(std::string(kTinyScenario) +
                    "[sweep]\nmethod = \"lhs\"\npoints = 4\n[sweep.parameters]\n"
                    "\"market.bid_cost_usd\" = { min = 1.0, max = 1.0 }\n") ==
        "exp.toml:7:25: market.bid_cost_usd: min (1) must be below max (1)");
  CHECK(parse_error(std::string(kTinyScenario) +
                    "[sweep]\nmethod = \"lhs\"\npoints = 4\n[sweep.parameters]\n"
                    "\"market.bid_cost_usd\" = { min = 0.0 }\n") ==
        "exp.toml:7:25: market.bid_cost_usd: a range needs both min and max, e.g. { min = 0.0, "
        "max = 1.0 }");
  CHECK(parse_error(std::string("set = 3\n") + kTinyScenario) ==
        "exp.toml:1:7: set: expected a table of parameter values, e.g. set = { "
        "\"market.bid_cost_usd\" = 0.5 }, got the integer 3");
  CHECK_THAT(parse_error("seed = \n"), Contains("exp.toml:1:"));
  CHECK_THAT(parse_error("seed = \n"), Contains("TOML syntax error"));
}

TEST_CASE("Planning checks keys and values against each scenario", "[experiment][errors]") {
  CHECK(plan_error(
            "[[scenarios]]\npath = \"tiny.toml\"\nset = { \"market.bid_cots_usd\" = 0.5 }\n") ==
        "exp.toml:3:33: unknown key \"market.bid_cots_usd\"; did you mean "
        "\"market.bid_cost_usd\"? (scenario tiny)");
  CHECK(
      plan_error("set = { \"market.bid_cost_usd\" = -1 }\n[[scenarios]]\npath = \"tiny.toml\"\n") ==
      "exp.toml:1:33: market.bid_cost_usd: -1.0 is out of range; valid range is [0, 1000] USD "
      "(scenario tiny)");
  CHECK_THAT(
      plan_error(std::string(kTinyScenario) + "[sweep]\nmethod = \"grid\"\n[sweep.parameters]\n"
                                              "\"fees.schedule\" = [\"flat\", \"tiered\"]\n"),
      Contains("exp.toml:6:1: fees.schedule: \"tiered\" is not a valid choice; valid choices: "
               "\"flat\", \"sliding\" (scenario tiny at point p001)"));
}
