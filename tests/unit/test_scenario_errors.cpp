// A gallery of bad scenarios and --set options with the messages they produce: each names the
// place (file:line:column or the option), what is wrong and what would be valid.
#include <catch2/catch.hpp>

#include <chrono>
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

TEST_CASE("member names must be valid", "[scenario][errors][members]") {
  CHECK(load_error("[categories.Podcasts]\n") ==
        "bad.toml:1:13: category name \"Podcasts\" is not valid: a name is a lower-case letter "
        "followed by lower-case letters, digits and _ (e.g. ai_services)");
  CHECK(load_error("[ai.technologies.3d]\n") ==
        "bad.toml:1:18: technology name \"3d\" is not valid: a name is a lower-case letter "
        "followed by lower-case letters, digits and _ (e.g. llm)");
  CHECK(load_error("[categories.\"web design\"]\n") ==
        "bad.toml:1:13: category name \"web design\" is not valid: a name is a lower-case "
        "letter followed by lower-case letters, digits and _ (e.g. ai_services)");
  CHECK(load_error("[categories." + std::string(65, 'a') + "]\n") ==
        "bad.toml:1:13: category name \"" + std::string(65, 'a') +
            "\" is not valid: names have at most 64 characters (e.g. ai_services)");
  CHECK(load_error("categories.podcasts = 3\n") ==
        "bad.toml:1:12: \"categories.podcasts\": expected the table of a category "
        "([categories.podcasts] with its fields), got the integer 3");
}

TEST_CASE("at most 64 categories and 8 technologies", "[scenario][errors][members]") {
  // 8 default categories + 56 declared = 64; the 57th declared is number 65.
  std::string categories;
  for (int i = 0; i < 57; ++i) categories += "[categories.c" + std::to_string(100 + i) + "]\n";
  CHECK(load_error(categories) ==
        "bad.toml:57:13: too many categories: \"c156\" would be number 65; a scenario has at "
        "most 64");
  categories.erase(categories.rfind("[categories."));
  CHECK_NOTHROW(gigsim::load_scenario_text(categories, "ok.toml"));

  // 2 default technologies + 6 declared = 8.
  std::string technologies;
  for (int i = 0; i < 7; ++i) technologies += "[ai.technologies.t" + std::to_string(i) + "]\n";
  CHECK(load_error(technologies) ==
        "bad.toml:7:18: too many technologies: \"t6\" would be number 9; a scenario has at most "
        "8");
}

TEST_CASE("exposure to an unknown technology is an error with a suggestion",
          "[scenario][errors][members]") {
  CHECK(load_error("[categories.writing]\nexposure.imag = 0.3\n") ==
        "bad.toml:2:10: unknown technology \"imag\" in categories.writing.exposure; did you "
        "mean \"image\"? (technologies: llm, image; a scenario file declares a new one with "
        "[ai.technologies.imag])");
  CHECK(load_error("[categories.writing]\nexposure = 0.3\n") ==
        "bad.toml:2:1: \"categories.writing.exposure\" is a section, not a parameter; set its "
        "keys (llm, image) instead");
  CHECK(load_error("[categories.writing]\nexposure.llm = 1.5\n") ==
        "bad.toml:2:16: categories.writing.exposure.llm: 1.5 is out of range; valid range is "
        "[0, 1]");
}

TEST_CASE("events cannot declare categories or technologies", "[scenario][errors][members]") {
  CHECK(
      load_error("[[events]]\nweek = 3\nset = { \"categories.podcasts.demand_share\" = 0.1 }\n") ==
      "bad.toml:3:9: unknown category \"podcasts\" (categories: writing, translation, "
      "software, web, design, data_entry, customer_support, ai_services; a scenario file "
      "declares a new one with [categories.podcasts])");
  CHECK(load_error("[[events]]\nweek = 3\nset = { \"ai.technologies.llmm.ceiling\" = 0.5 }\n") ==
        "bad.toml:3:9: unknown technology \"llmm\"; did you mean \"llm\"? (technologies: llm, "
        "image; a scenario file declares a new one with [ai.technologies.llmm])");
  CHECK(load_error("[[events]]\nweek = 3\nset = { \"categories.web.exposure.video\" = 0.5 }\n") ==
        "bad.toml:3:9: unknown technology \"video\" in categories.web.exposure (technologies: "
        "llm, image; a scenario file declares a new one with [ai.technologies.video])");
  // --set neither.
  CHECK(set_error("categories.podcasts.demand_share=0.1") ==
        "--set categories.podcasts.demand_share=0.1: unknown category \"podcasts\" "
        "(categories: writing, translation, software, web, design, data_entry, "
        "customer_support, ai_services; a scenario file declares a new one with "
        "[categories.podcasts])");
}

TEST_CASE("capability points: a list of [weeks, level], weeks ascending, levels in [0, 1]",
          "[scenario][errors][members]") {
  const std::string header = "[ai.technologies.llm]\n";
  CHECK(load_error(header + "points = [[0, 0.0], [26, 1.5]]\n") ==
        "bad.toml:2:26: ai.technologies.llm.points: point 2: level 1.5 is out of range; valid "
        "range is [0, 1]");
  CHECK(load_error(header + "points = [[26, 0.3], [10, 0.5]]\n") ==
        "bad.toml:2:23: ai.technologies.llm.points: point 2: week 10 does not come after week "
        "26 of the point before (weeks ascend)");
  CHECK(load_error(header + "points = [[-1, 0.3]]\n") ==
        "bad.toml:2:12: ai.technologies.llm.points: point 1: weeks_after_release -1 is out of "
        "range; weeks are 0 or more");
  CHECK(load_error(header + "points = [[0, 0.1, 2]]\n") ==
        "bad.toml:2:11: ai.technologies.llm.points: point 1: expected [weeks_after_release, "
        "level], got an array of 3 values");
  CHECK(load_error(header + "points = [[0, \"high\"]]\n") ==
        "bad.toml:2:15: ai.technologies.llm.points: point 1: expected a number, got the string "
        "\"high\"");
  CHECK(load_error(header + "points = 0.5\n") ==
        "bad.toml:2:10: ai.technologies.llm.points: expected a list of [weeks_after_release, "
        "level] points, e.g. [[0, 0.0], [26, 0.3], [104, 0.9]], got the number 0.5");
  // A table trajectory needs points; the message names where the trajectory was set.
  CHECK(load_error(header + "trajectory = \"table\"\n") ==
        "bad.toml:2:14: the parameters are inconsistent: ai.technologies.llm.trajectory is "
        "\"table\" but ai.technologies.llm.points is empty; give at least one "
        "[weeks_after_release, level]");
}

TEST_CASE("an event at or after the end of the run is an error naming the event",
          "[scenario][errors][events]") {
  const std::string text =
      "[run]\nweeks = 100\n\n[[events]]\nweek = 100\nset = { \"fees.flat_rate\" = 0.1 }\n";
  CHECK(load_error(text) ==
        "bad.toml:4:1: event week 100 is at or after the end of the run (run.weeks = 100: weeks "
        "0 to 99)");
  // The last week of the run is fine.
  gigsim::Scenario scenario = gigsim::load_scenario_text(
      "[run]\nweeks = 100\n\n[[events]]\nweek = 99\nset = { \"fees.flat_rate\" = 0.1 }\n",
      "ok.toml");
  CHECK_NOTHROW(gigsim::check_consistency(scenario));
  // The end of the run is the one after every override (--steps is --set run.weeks=N).
  gigsim::apply_set_option(scenario, "run.weeks=50");
  CHECK_THROWS_WITH(gigsim::check_consistency(scenario),
                    "ok.toml:4:1: event week 99 is at or after the end of the run (run.weeks = "
                    "50: weeks 0 to 49)");
  gigsim::Scenario late = gigsim::load_scenario_text(text, "late.toml");
  gigsim::apply_set_option(late, "run.weeks=101");
  CHECK_NOTHROW(gigsim::check_consistency(late));
}

TEST_CASE("the largest integers are reported as written", "[scenario][errors]") {
  // 2^63 - 1 = 9223372036854775807: a week far beyond any run, not an overflow.
  CHECK(
      load_error("[[events]]\nweek = 9223372036854775807\nset = { \"fees.flat_rate\" = 0.1 }\n") ==
      "bad.toml:1:1: event week 9223372036854775807 is at or after the end of the run "
      "(run.weeks = 260: weeks 0 to 259)");
  CHECK(load_error("[run]\nweeks = 9223372036854775807\n") ==
        "bad.toml:2:9: run.weeks: 9223372036854775807 is out of range; valid range is [1, 5200] "
        "weeks");
  CHECK(load_error("[run]\nseed = -9223372036854775808\n") ==
        "bad.toml:2:8: run.seed: -9223372036854775808 is out of range; valid range is [0, "
        "9007199254740991]");
  CHECK(set_error("run.seed=9223372036854775807") ==
        "--set run.seed=9223372036854775807: run.seed: 9223372036854775807 is out of range; "
        "valid range is [0, 9007199254740991]");
  // The largest valid seed, 2^53 - 1, is exact.
  gigsim::Scenario scenario{gigsim::default_params(), {}, "test"};
  gigsim::apply_set_option(scenario, "run.seed=9007199254740991");
  CHECK(scenario.params.run.seed == 9007199254740991);
  // A double beyond int64 (from code, not from TOML) is reported without overflowing.
  gigsim::Params params = gigsim::default_params();
  CHECK_THROWS_WITH(gigsim::assign_parameter(params, {"run.weeks", 1e19, "1e19"}),
                    "run.weeks: 1e+19 is out of range; valid range is [1, 5200] weeks");
}

TEST_CASE("Set options apply before the consistency check and can repair a file",
          "[scenario][errors][set]") {
  // 0.5 + 0.25 + 0.35 + 0.15 = 1.25 in the file; 0.25 restores the sum of 1.
  gigsim::Scenario scenario =
      gigsim::load_scenario_text("[freelancers]\nstrategy_fixed = 0.5\n", "broken.toml");
  CHECK_THROWS_WITH(gigsim::check_consistency(scenario),
                    StartsWith("broken.toml:2:18: the parameters are inconsistent: "));
  gigsim::apply_set_option(scenario, "freelancers.strategy_fixed=0.25");
  CHECK_NOTHROW(gigsim::check_consistency(scenario));
}

TEST_CASE("an inconsistency names where the last value involved was set", "[scenario][errors]") {
  // Line 3 sets a strategy share after line 2: 0.3 + 0.25 + 0.5 + 0.15 = 1.2.
  CHECK(load_error("[freelancers]\nstrategy_fixed = 0.3\nstrategy_adaptive = 0.5\n") ==
        "bad.toml:3:21: the parameters are inconsistent: freelancers.strategy_fixed + "
        "strategy_budget_anchored + strategy_adaptive + strategy_undercutter must sum to 1, they "
        "sum to 1.200000");
  // A value set in a base file is named in the base file.
  const std::string base = (kFixtures / "tier_base.toml").string();
  CHECK(load_error("extends = \"tier_base.toml\"\n") ==
        base +
            ":3:19: the parameters are inconsistent: fees.tier1_limit_usd must not exceed "
            "fees.tier2_limit_usd");
  // ... unless a later file or --set changed one of its values.
  gigsim::Scenario scenario =
      gigsim::load_scenario_text("extends = \"tier_base.toml\"\n", "child.toml", kFixtures);
  gigsim::apply_set_option(scenario, "fees.tier2_limit_usd=15000");
  CHECK_THROWS_WITH(gigsim::check_consistency(scenario),
                    "--set fees.tier2_limit_usd=15000: the parameters are inconsistent: "
                    "fees.tier1_limit_usd must not exceed fees.tier2_limit_usd");
}

TEST_CASE("a quoted dotted key is one name, not a path", "[scenario][errors]") {
  CHECK(load_error("\"run.weeks\" = 7\n") ==
        "bad.toml:1:1: unknown key \"run.weeks\" (quoted, so one name, dots included); did you "
        "mean [run] weeks = 7, or run.weeks = 7 without the quotes?");
  CHECK(load_error("[categories]\n\"web.budget_rate_usd\" = 30.5\n") ==
        "bad.toml:2:1: unknown key \"web.budget_rate_usd\" in [categories] (quoted, so one "
        "name, dots included); did you mean [categories.web] budget_rate_usd = 30.5, or "
        "web.budget_rate_usd = 30.5 without the quotes?");
  CHECK(load_error("[\"market.x\"]\n") ==
        "bad.toml:1:2: unknown key \"market.x\" (quoted, so one name, dots included); no "
        "parameter has a dot in its name");
  CHECK(load_error("[\"categories.podcasts\"]\n") ==
        "bad.toml:1:2: unknown key \"categories.podcasts\" (quoted, so one name, dots included); "
        "did you mean [categories.podcasts] without the quotes?");
  CHECK(load_error("[\"categories.web\"]\nbudget_rate_usd = 30\n") ==
        "bad.toml:1:2: unknown key \"categories.web\" (quoted, so one name, dots included); did "
        "you mean [categories.web] without the quotes?");
}

TEST_CASE("a section given a value names its keys, never itself as a suggestion",
          "[scenario][errors][set]") {
  const std::string market = set_error("market=1");
  CHECK_THAT(market, StartsWith("--set market=1: \"market\" is a section, not a parameter; its "
                                "keys: initial_freelancers, initial_clients, contract_slots,"));
  CHECK_THAT(market, Contains(" (e.g. --set market.initial_freelancers=...)"));
  CHECK_THAT(market, !Contains("did you mean"));
  CHECK(set_error("ai.technologies.llm=1") ==
        "--set ai.technologies.llm=1: \"ai.technologies.llm\" is a section, not a parameter; its "
        "keys: trajectory, release_week, ceiling, midpoint_weeks, spread_weeks, points, "
        "tool_price_usd_per_month (e.g. --set ai.technologies.llm.trajectory=...)");
}

TEST_CASE("suggestions take bounded time: a 1 MB unknown key", "[scenario][errors]") {
  // Before the bound, an edit distance over a 1 MB key took about 20 s.
  const std::string key(1 << 20, 'a');
  const auto start = std::chrono::steady_clock::now();
  const std::string message = load_error("[market]\n" + key + " = 1\n");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 1.0);
  CHECK_THAT(message,
             StartsWith("bad.toml:2:1: unknown key \"market." + std::string(53, 'a') +
                        "...\" (1048583 characters); valid keys in [market]: initial_freelancers"));
  CHECK(message.size() < 1000);
}
