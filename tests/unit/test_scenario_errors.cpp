// A gallery of bad scenarios and --set options with the messages they produce: each names the
// place (file:line:column or the option), what is wrong and what would be valid.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(GIGSIM_SOURCE_DIR) / "tests" / "fixtures" / "scenarios";

/// The message of the InputError that loading `text` (as "bad.toml") and checking its
/// consistency throws, as `gigsim validate` does.
std::string load_error(std::string_view text) {
  try {
    gigsim::check_consistency(gigsim::load_scenario_text(text, "bad.toml", kFixtures));
  } catch (const gigsim::InputError& error) {
    return error.what();
  }
  FAIL("expected an InputError for:\n" << text);
  return {};
}

std::string file_error(const std::filesystem::path& path) {
  try {
    gigsim::check_consistency(gigsim::load_scenario_file(path));
  } catch (const gigsim::InputError& error) {
    return error.what();
  }
  FAIL("expected an InputError loading " << path);
  return {};
}

std::string set_error(std::string_view option) {
  gigsim::Scenario scenario{gigsim::default_params(), {}, "test"};
  try {
    gigsim::apply_set_option(scenario, option);
  } catch (const gigsim::InputError& error) {
    return error.what();
  }
  FAIL("expected an InputError for --set " << option);
  return {};
}

}  // namespace

TEST_CASE("unknown key names the key and suggests the closest valid one", "[scenario][errors]") {
  const std::string message = load_error("[market]\nbid_cots_usd = 0.5\n");
  CHECK_THAT(message, StartsWith("bad.toml:2:1: "));
  CHECK_THAT(message, Contains("unknown key \"market.bid_cots_usd\""));
  CHECK_THAT(message, Contains("did you mean \"market.bid_cost_usd\"?"));
}

TEST_CASE("unknown key far from every key lists the keys of its section", "[scenario][errors]") {
  const std::string message = load_error("[run]\nweeks = 10\nzzzzzz = 1\n");
  CHECK_THAT(message, StartsWith("bad.toml:3:1: unknown key \"run.zzzzzz\""));
  CHECK_THAT(message, Contains("valid keys in [run]: weeks, seed, replicate"));
  CHECK_THAT(message, !Contains("did you mean"));
}

TEST_CASE("a key in the wrong place suggests the right section", "[scenario][errors]") {
  const std::string top_level = load_error("weeks = 52\n");
  CHECK_THAT(top_level, StartsWith("bad.toml:1:1: unknown key \"weeks\""));
  CHECK_THAT(top_level, Contains("did you mean \"run.weeks\"?"));

  const std::string wrong_section = load_error("[market]\nflat_rate = 0.1\n");
  CHECK_THAT(wrong_section, StartsWith("bad.toml:2:1: "));
  CHECK_THAT(wrong_section, Contains("did you mean \"fees.flat_rate\"?"));
}

TEST_CASE("unknown top-level section is an error with a suggestion", "[scenario][errors]") {
  const std::string message = load_error("# comment\n[markt]\nbid_cost_usd = 0.5\n");
  CHECK_THAT(message, StartsWith("bad.toml:2:2: unknown section \"markt\""));
  CHECK_THAT(message, Contains("did you mean \"market\"?"));

  const std::string far = load_error("[zzzzzzzz]\n");
  CHECK_THAT(far, StartsWith("bad.toml:1:2: unknown section \"zzzzzzzz\""));
  CHECK_THAT(far, Contains("valid sections: run, output, market"));
}

TEST_CASE("a section given a value and a parameter given a table", "[scenario][errors]") {
  const std::string section = load_error("market = 3\n");
  CHECK_THAT(section, StartsWith("bad.toml:1:1: \"market\" is a section, not a parameter"));
  CHECK_THAT(section, Contains("bid_cost_usd"));

  const std::string table = load_error("[market.bid_cost_usd]\n");
  CHECK_THAT(table, StartsWith("bad.toml:1:9: \"market.bid_cost_usd\" is a parameter"));
  CHECK_THAT(table, Contains("not a table"));
}

TEST_CASE("integer parameters accept TOML integers only", "[scenario][errors]") {
  const std::string real = load_error("[run]\nweeks = 3.5\n");
  CHECK_THAT(real, StartsWith("bad.toml:2:9: run.weeks: expected an integer"));
  CHECK_THAT(real, Contains("3.5"));

  const std::string whole_real = load_error("[run]\nweeks = 52.0\n");
  CHECK_THAT(whole_real, StartsWith("bad.toml:2:9: run.weeks: expected an integer"));

  const std::string text = load_error("[run]\nweeks = \"52\"\n");
  CHECK_THAT(text, StartsWith("bad.toml:2:9: run.weeks: expected an integer"));
  CHECK_THAT(text, Contains("the string \"52\""));
}

TEST_CASE("real parameters accept numbers only, and only finite ones", "[scenario][errors]") {
  const std::string text = load_error("[market]\nbid_cost_usd = \"cheap\"\n");
  CHECK_THAT(text, StartsWith("bad.toml:2:16: market.bid_cost_usd: expected a number"));

  const std::string boolean = load_error("[market]\nbid_cost_usd = true\n");
  CHECK_THAT(boolean, StartsWith("bad.toml:2:16: market.bid_cost_usd: expected a number"));

  const std::string infinite = load_error("[market]\nbid_cost_usd = inf\n");
  CHECK_THAT(infinite, StartsWith("bad.toml:2:16: market.bid_cost_usd: expected a finite number"));

  const std::string not_a_number = load_error("[market]\nbid_cost_usd = nan\n");
  CHECK_THAT(not_a_number, StartsWith("bad.toml:2:16: "));
  CHECK_THAT(not_a_number, Contains("expected a finite number"));
}

TEST_CASE("out-of-range values name the valid range and unit", "[scenario][errors]") {
  const std::string integer = load_error("[run]\nweeks = 0\n");
  CHECK_THAT(integer, StartsWith("bad.toml:2:9: run.weeks: 0 is out of range"));
  CHECK_THAT(integer, Contains("valid range is [1, 5200] weeks"));

  const std::string real = load_error("[market]\n  bid_cost_usd = -0.5\n");
  CHECK_THAT(real, StartsWith("bad.toml:2:18: market.bid_cost_usd: -0.5 is out of range"));
  CHECK_THAT(real, Contains("valid range is [0, 1000] USD"));

  const std::string large = load_error("[market]\ninitial_freelancers = 60000000\n");
  CHECK_THAT(large, Contains("[10, 50000000] freelancers"));
}

TEST_CASE("invalid choices list the valid choices", "[scenario][errors]") {
  const std::string name = load_error("[fees]\nschedule = \"flatt\"\n");
  CHECK_THAT(name, StartsWith("bad.toml:2:12: fees.schedule: \"flatt\" is not a valid choice"));
  CHECK_THAT(name, Contains("valid choices: \"flat\", \"sliding\""));

  const std::string number = load_error("[fees]\nschedule = 1\n");
  CHECK_THAT(number,
             StartsWith("bad.toml:2:12: fees.schedule: expected one of \"flat\", \"sliding\""));
}

TEST_CASE("category fields: unknown names and ranges", "[scenario][errors]") {
  const std::string field = load_error("[categories.web]\nbudget_rate = 30\n");
  CHECK_THAT(field, StartsWith("bad.toml:2:1: unknown key \"categories.web.budget_rate\""));
  CHECK_THAT(field, Contains("did you mean \"categories.web.budget_rate_usd\"?"));

  // A declared category has the same fields.
  const std::string declared = load_error("[categories.podcasts]\nbudget_rate = 30\n");
  CHECK(declared ==
        "bad.toml:2:1: unknown key \"categories.podcasts.budget_rate\"; did you mean "
        "\"categories.podcasts.budget_rate_usd\"?");

  const std::string range = load_error("[categories.web]\nbudget_rate_usd = 0.1\n");
  CHECK_THAT(range,
             StartsWith("bad.toml:2:19: categories.web.budget_rate_usd: 0.1 is out of range"));
  CHECK_THAT(range, Contains("[0.5, 1000] USD/hour"));
}

TEST_CASE("an event may not set a parameter fixed for the whole run", "[scenario][errors]") {
  const std::string message = load_error(
      "[[events]]\n"
      "week = 10\n"
      "set = { \"fees.flat_rate\" = 0.1, \"run.weeks\" = 52 }\n");
  CHECK_THAT(message, StartsWith("bad.toml:3:33: \"run.weeks\" cannot be set by an event"));
  CHECK_THAT(message, Contains("fixed for the whole run"));
}

TEST_CASE("event weeks must be present, integers and not negative", "[scenario][errors]") {
  const std::string negative =
      load_error("[[events]]\nweek = -3\nset = { \"fees.flat_rate\" = 0.1 }\n");
  CHECK_THAT(negative, StartsWith("bad.toml:2:8: events week: -3 is out of range"));
  CHECK_THAT(negative, Contains("0 or more"));

  const std::string missing =
      load_error("[run]\nweeks = 10\n\n[[events]]\nset = { \"fees.flat_rate\" = 0.1 }\n");
  CHECK_THAT(missing, StartsWith("bad.toml:4:1: [[events]] entry is missing week"));

  const std::string real =
      load_error("[[events]]\nweek = 1.5\nset = { \"fees.flat_rate\" = 0.1 }\n");
  CHECK_THAT(real, StartsWith("bad.toml:2:8: events week: expected an integer"));
}

TEST_CASE("events need a non-empty set table and no other keys", "[scenario][errors]") {
  const std::string missing = load_error("[[events]]\nweek = 3\n");
  CHECK_THAT(missing, StartsWith("bad.toml:1:1: [[events]] entry is missing set"));

  const std::string misspelt =
      load_error("[[events]]\nweek = 3\nsett = { \"fees.flat_rate\" = 0.1 }\n");
  CHECK_THAT(misspelt, StartsWith("bad.toml:1:1: [[events]] entry is missing set"));
  CHECK_THAT(misspelt, Contains("bad.toml:3:1: unknown key \"sett\" in [[events]]"));
  CHECK_THAT(misspelt, Contains("did you mean \"set\"?"));

  const std::string empty = load_error("[[events]]\nweek = 3\nset = {}\n");
  CHECK_THAT(empty, StartsWith("bad.toml:3:7: events set is empty"));

  const std::string not_table = load_error("events = 3\n");
  CHECK_THAT(not_table, StartsWith("bad.toml:1:10: events: expected [[events]] tables"));
}

TEST_CASE("event values are validated when the scenario is loaded", "[scenario][errors]") {
  const std::string range =
      load_error("[[events]]\nweek = 3\nset = { \"market.bid_cost_usd\" = -1.0 }\n");
  CHECK_THAT(range, StartsWith("bad.toml:3:33: market.bid_cost_usd: -1.0 is out of range"));

  const std::string choice =
      load_error("[[events]]\nweek = 3\nset = { \"fees.schedule\" = \"flatt\" }\n");
  CHECK_THAT(choice, StartsWith("bad.toml:3:27: fees.schedule: \"flatt\" is not a valid choice"));

  const std::string unknown =
      load_error("[[events]]\nweek = 3\nset = { \"fees.flat_rat\" = 0.1 }\n");
  CHECK_THAT(unknown, StartsWith("bad.toml:3:9: unknown key \"fees.flat_rat\""));
  CHECK_THAT(unknown, Contains("did you mean \"fees.flat_rate\"?"));

  const std::string category =
      load_error("[[events]]\nweek = 3\nset = { \"categories.webb.budget_rate_usd\" = 25.0 }\n");
  CHECK_THAT(category, StartsWith("bad.toml:3:9: unknown category \"webb\""));
}

TEST_CASE("TOML syntax errors carry file, line and column", "[scenario][errors]") {
  const std::string value = load_error("[run]\nweeks = \n");
  CHECK_THAT(value, StartsWith("bad.toml:2:9: TOML syntax error: "));

  const std::string header = load_error("[run]\nweeks = 10\n[market\n");
  CHECK_THAT(header, StartsWith("bad.toml:3:8: TOML syntax error: "));

  const std::string duplicate = load_error("[run]\nweeks = 10\nweeks = 20\n");
  CHECK_THAT(duplicate, StartsWith("bad.toml:3:"));
  CHECK_THAT(duplicate, Contains("TOML syntax error"));
}

TEST_CASE("the same key written twice in different forms is an error", "[scenario][errors]") {
  // In an event's set table a quoted key is a dotted path, so both entries set one parameter.
  const std::string message = load_error(
      "[[events]]\nweek = 3\nset = { \"fees.flat_rate\" = 0.1, fees.flat_rate = 0.2 }\n");
  CHECK(message == "bad.toml:3:38: \"fees.flat_rate\" is set twice (first at line 3)");
}

TEST_CASE("all problems of a file are reported together, in file order", "[scenario][errors]") {
  const std::string message = load_error(
      "[run]\n"
      "weeks = 0\n"
      "[market]\n"
      "bid_cots_usd = 0.5\n"
      "[fees]\n"
      "schedule = \"flatt\"\n");
  CHECK_THAT(message, StartsWith("bad.toml:2:9: run.weeks: 0 is out of range"));
  CHECK_THAT(message, Contains("\nbad.toml:4:1: unknown key \"market.bid_cots_usd\""));
  CHECK_THAT(message, Contains("\nbad.toml:6:12: fees.schedule: \"flatt\""));
}

TEST_CASE("inconsistent parameters are one error listing every problem", "[scenario][errors]") {
  // 0.5 + 0.25 + 0.35 + 0.15 = 1.25; each problem names where its value was set.
  const std::string message = load_error(
      "[freelancers]\n"
      "strategy_fixed = 0.5\n"
      "part_time_hours = 50\n");
  CHECK(message ==
        "bad.toml:2:18: the parameters are inconsistent: freelancers.strategy_fixed + "
        "strategy_budget_anchored + strategy_adaptive + strategy_undercutter must sum to 1, they "
        "sum to 1.250000\n"
        "bad.toml:3:19: the parameters are inconsistent: freelancers.part_time_hours must not "
        "exceed freelancers.full_time_hours");
}

TEST_CASE("events that leave the parameters inconsistent are an error", "[scenario][errors]") {
  const std::string message = load_error(
      "[run]\nweeks = 100\n\n"
      "[[events]]\n"
      "week = 20\n"
      "set = { \"freelancers.strategy_fixed\" = 0.5 }\n");
  CHECK_THAT(message, StartsWith("bad.toml:4:1: after the events of week 20"));
  CHECK_THAT(message, Contains("must sum to 1"));

  // The events of one week apply together, so they may restore consistency between them.
  CHECK_NOTHROW(gigsim::load_scenario_text(
      "[[events]]\nweek = 20\nset = { \"freelancers.strategy_fixed\" = 0.5 }\n"
      "[[events]]\nweek = 20\nset = { \"freelancers.strategy_adaptive\" = 0.1 }\n",
      "good.toml"));
}

TEST_CASE("extends errors name the extending file's line", "[scenario][errors]") {
  const std::string cycle = file_error(kFixtures / "cycle_a.toml");
  const std::string a = (kFixtures / "cycle_a.toml").string();
  const std::string b = (kFixtures / "cycle_b.toml").string();
  CHECK_THAT(cycle, StartsWith(b + ":2:11: extends cycle: "));
  CHECK_THAT(cycle, Contains(a + " -> " + b + " -> " + a));

  const std::string missing = file_error(kFixtures / "extends_missing.toml");
  CHECK_THAT(missing, StartsWith((kFixtures / "extends_missing.toml").string() + ":2:11: "));
  CHECK_THAT(missing, Contains("cannot read scenario file '" +
                               (kFixtures / "does_not_exist.toml").string() + "'"));

  const std::string not_string = load_error("extends = 3\n");
  CHECK_THAT(not_string, StartsWith("bad.toml:1:11: extends: expected the file name"));
}

TEST_CASE("an error in a base file names the base file", "[scenario][errors]") {
  const std::string message = file_error(kFixtures / "extends_bad_base.toml");
  CHECK_THAT(message, StartsWith((kFixtures / "bad_base.toml").string() + ":3:1: unknown key"));
  CHECK_THAT(message, Contains("did you mean \"market.bid_cost_usd\"?"));
}

TEST_CASE("a missing scenario file is an InputError naming it", "[scenario][errors]") {
  const std::string message = file_error(kFixtures / "no_such_scenario.toml");
  CHECK_THAT(message, StartsWith("cannot read scenario file '" +
                                 (kFixtures / "no_such_scenario.toml").string() + "': "));

  const std::string directory = file_error(kFixtures);
  CHECK_THAT(directory, StartsWith("cannot read scenario file '"));
}

TEST_CASE("Set option errors name the option", "[scenario][errors][set]") {
  const std::string text = set_error("market.bid_cost_usd=abc");
  CHECK_THAT(text, StartsWith("--set market.bid_cost_usd=abc: "));
  CHECK_THAT(text, Contains("expected a number"));

  CHECK_THAT(set_error("run.weeks=3.5"),
             StartsWith("--set run.weeks=3.5: run.weeks: expected an integer"));
  CHECK_THAT(set_error("run.weeks=0"), Contains("valid range is [1, 5200] weeks"));
  CHECK_THAT(set_error("fees.schedule=flatt"), Contains("valid choices: \"flat\", \"sliding\""));
  CHECK_THAT(set_error("market.bid_cost_usd=inf"), Contains("expected a finite number"));

  const std::string unknown = set_error("market.bid_cots_usd=0.5");
  CHECK_THAT(unknown, StartsWith("--set market.bid_cots_usd=0.5: unknown key"));
  CHECK_THAT(unknown, Contains("did you mean \"market.bid_cost_usd\"?"));

  CHECK_THAT(set_error("categories.webb.budget_rate_usd=20"),
             Contains("unknown category \"webb\""));
  CHECK_THAT(set_error("market.bid_cost_usd"), Contains("expected KEY=VALUE"));
  CHECK_THAT(set_error("=3"), Contains("expected KEY=VALUE"));
  CHECK_THAT(set_error("events=3"), Contains("unknown key \"events\""));
}

TEST_CASE("assign_parameter rejects unknown keys and invalid values", "[scenario][errors]") {
  gigsim::Params params = gigsim::default_params();
  CHECK_THROWS_AS(gigsim::assign_parameter(params, {"market.nope", 1.0, "1.0"}),
                  gigsim::InputError);
  CHECK_THROWS_WITH(gigsim::assign_parameter(params, {"run.weeks", 2.5, "2.5"}),
                    Contains("expected an integer"));
  CHECK_THROWS_WITH(gigsim::assign_parameter(params, {"fees.flat_rate", 2.0, "2.0"}),
                    Contains("out of range"));
  CHECK_THROWS_WITH(gigsim::assign_parameter(params, {"fees.schedule", 5.0, "5"}),
                    Contains("valid choices"));
  CHECK_THROWS_WITH(gigsim::assign_parameter(params, {"categories.web.demand_share", -0.1, "-0.1"}),
                    Contains("out of range"));
  // Nothing was changed by the rejected assignments.
  CHECK(params.fees.flat_rate == gigsim::default_params().fees.flat_rate);
}

TEST_CASE("edit distance counts typos, swaps and ignores case", "[scenario][did_you_mean]") {
  CHECK(gigsim::edit_distance("kitten", "sitting") == 3);
  CHECK(gigsim::edit_distance("bid_cots", "bid_cost") == 1);
  CHECK(gigsim::edit_distance("Market", "market") == 0);
  CHECK(gigsim::edit_distance("", "web") == 3);
  CHECK(gigsim::edit_distance("web", "web") == 0);

  const std::vector<std::string> names{"writing", "web", "design"};
  CHECK(gigsim::closest_match("webb", names) == std::optional<std::string>("web"));
  CHECK(gigsim::closest_match("desing", names) == std::optional<std::string>("design"));
  CHECK_FALSE(gigsim::closest_match("zzz", names).has_value());
  CHECK_FALSE(gigsim::closest_match("software", names).has_value());
}
