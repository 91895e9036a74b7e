// Reading scenarios: values and types, extends, events, --set, the embedded baseline, and the
// resolved scenario rendered to TOML and read back unchanged.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(GIGSIM_SOURCE_DIR) / "tests" / "fixtures" / "scenarios";

gigsim::Scenario default_scenario() { return {gigsim::default_params(), {}, "<defaults>"}; }

const gigsim::CategoryParams& category(const gigsim::Params& params, std::string_view name) {
  for (const gigsim::CategoryParams& c : params.categories) {
    if (c.name == name) return c;
  }
  FAIL("no category " << name);
  return params.categories.front();
}

/// One field of two owners (params, a category, a technology), compared exactly.
template <typename Owner>
void check_same_field(const gigsim::FieldSpec<Owner>& field, Owner& a, Owner& b) {
  switch (field.type) {
    case gigsim::ParamType::integer:
      CHECK(field.integer_field(a) == field.integer_field(b));
      break;
    case gigsim::ParamType::real:
      if (field.per_technology_field != nullptr) {
        CHECK(field.per_technology_field(a) == field.per_technology_field(b));
      } else {
        CHECK(field.real_field(a) == field.real_field(b));
      }
      break;
    case gigsim::ParamType::choice:
    case gigsim::ParamType::boolean:
      CHECK(field.get_choice(a) == field.get_choice(b));
      break;
    case gigsim::ParamType::points: {
      const auto& first = field.points_field(a);
      const auto& second = field.points_field(b);
      REQUIRE(first.size() == second.size());
      for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].weeks_after_release == second[i].weeks_after_release);
        CHECK(first[i].level == second[i].level);
      }
      break;
    }
  }
}

/// Every parameter of the table and every field of every technology and category, compared
/// exactly, members in the same order.
void require_same_params(const gigsim::Params& expected, const gigsim::Params& actual) {
  gigsim::Params a = expected;
  gigsim::Params b = actual;
  for (const gigsim::ParamSpec& spec : gigsim::parameter_table()) {
    INFO("parameter " << spec.key);
    check_same_field(spec, a, b);
  }
  REQUIRE(a.technologies.size() == b.technologies.size());
  for (std::size_t i = 0; i < a.technologies.size(); ++i) {
    CHECK(a.technologies[i].name == b.technologies[i].name);
    for (const gigsim::TechnologyFieldSpec& field : gigsim::technology_field_table()) {
      INFO("technology " << a.technologies[i].name << " field " << field.key);
      check_same_field(field, a.technologies[i], b.technologies[i]);
    }
  }
  REQUIRE(a.categories.size() == b.categories.size());
  for (std::size_t i = 0; i < a.categories.size(); ++i) {
    CHECK(a.categories[i].name == b.categories[i].name);
    for (const gigsim::CategoryFieldSpec& field : gigsim::category_field_table()) {
      INFO("category " << a.categories[i].name << " field " << field.key);
      check_same_field(field, a.categories[i], b.categories[i]);
    }
  }
}

void require_same_events(const std::vector<gigsim::ScheduledEvent>& expected,
                         const std::vector<gigsim::ScheduledEvent>& actual) {
  REQUIRE(expected.size() == actual.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("event " << i);
    CHECK(expected[i].week == actual[i].week);
    REQUIRE(expected[i].assignments.size() == actual[i].assignments.size());
    for (std::size_t j = 0; j < expected[i].assignments.size(); ++j) {
      CHECK(expected[i].assignments[j].key == actual[i].assignments[j].key);
      CHECK(expected[i].assignments[j].value == actual[i].assignments[j].value);
      CHECK(expected[i].assignments[j].value_text == actual[i].assignments[j].value_text);
      CHECK(expected[i].assignments[j].points.size() == actual[i].assignments[j].points.size());
    }
  }
}

/// Renders, reads back, and requires the same parameters and events.
void require_round_trip(const gigsim::Scenario& scenario, bool with_docs) {
  const std::string text = gigsim::render_toml(scenario, with_docs);
  gigsim::Scenario reloaded;
  try {
    reloaded = gigsim::load_scenario_text(text, "rendered.toml");
  } catch (const gigsim::InputError& error) {
    FAIL("rendered scenario does not load: " << error.what() << "\n" << text);
  }
  require_same_params(scenario.params, reloaded.params);
  require_same_events(scenario.events, reloaded.events);
}

/// Moves a real to the next representable value inside its range (an awkward binary fraction).
double nudged(double value, double min_value, double max_value) {
  return value < max_value ? std::nextafter(value, max_value) : std::nextafter(value, min_value);
}

/// Moves every value of `owner` that `table` lists to a different valid one.
template <typename Owner>
void change_fields(const std::vector<gigsim::FieldSpec<Owner>>& table, Owner& owner) {
  for (const gigsim::FieldSpec<Owner>& spec : table) {
    switch (spec.type) {
      case gigsim::ParamType::integer: {
        std::int64_t& value = spec.integer_field(owner);
        value = static_cast<double>(value) + 1 <= spec.max_value ? value + 1 : value - 1;
        break;
      }
      case gigsim::ParamType::real:
        if (spec.per_technology_field != nullptr) {
          for (double& value : spec.per_technology_field(owner)) {
            value = nudged(value, spec.min_value, spec.max_value);
          }
        } else {
          double& value = spec.real_field(owner);
          value = nudged(value, spec.min_value, spec.max_value);
        }
        break;
      case gigsim::ParamType::choice:
      case gigsim::ParamType::boolean:
        spec.set_choice(owner,
                        (spec.get_choice(owner) + 1) % static_cast<int>(spec.choices.size()));
        break;
      case gigsim::ParamType::points:
        spec.points_field(owner) = {{0.0, 0.1}, {26.5, 0.30000000000000004}, {104.0, 0.9}};
        break;
    }
  }
}

/// Moves every value to a different valid one, with awkward binary fractions for reals, while
/// keeping the parameters consistent (shares still sum to 1 within rounding).
gigsim::Params changed_params() {
  gigsim::Params params = gigsim::default_params();
  change_fields(gigsim::parameter_table(), params);
  for (gigsim::AiTechnologyParams& technology : params.technologies) {
    change_fields(gigsim::technology_field_table(), technology);
  }
  for (gigsim::CategoryParams& category : params.categories) {
    change_fields(gigsim::category_field_table(), category);
  }
  return params;
}

}  // namespace

TEST_CASE("an empty scenario is the defaults with no events", "[scenario][parsing]") {
  const gigsim::Scenario scenario = gigsim::load_scenario_text("", "empty.toml");
  require_same_params(gigsim::default_params(), scenario.params);
  CHECK(scenario.events.empty());
  CHECK(scenario.origin == "empty.toml");
}

TEST_CASE("sections set the parameters named by their dotted keys", "[scenario][parsing]") {
  const gigsim::Scenario scenario = gigsim::load_scenario_text(
      "[run]\n"
      "weeks = 52\n"
      "[output]\n"
      "every = 2\n"
      "[market]\n"
      "bid_cost_usd = 0.5\n"
      "pace_hours_per_week = 25   # an integer is accepted for a real\n"
      "matching = \"skill_fit\"\n"
      "[fees]\n"
      "schedule = \"flat\"\n"
      "[categories.web]\n"
      "budget_rate_usd = 30\n"
      "[categories.writing]\n"
      "job_hours_median = 12.5\n",
      "values.toml");
  const gigsim::Params& p = scenario.params;
  CHECK(p.run.weeks == 52);
  CHECK(p.run.output_every == 2);
  CHECK(p.market.bid_cost_usd == 0.5);
  CHECK(p.market.pace_hours_per_week == 25.0);
  CHECK(p.market.matching == gigsim::MatchingMode::skill_fit);
  CHECK(p.fees.schedule == gigsim::FeeSchedule::flat);
  CHECK(category(p, "web").budget_rate_usd == 30.0);
  CHECK(category(p, "writing").job_hours_median == 12.5);
  // Untouched values keep their defaults.
  CHECK(p.fees.flat_rate == gigsim::default_params().fees.flat_rate);
  CHECK(category(p, "software").budget_rate_usd ==
        category(gigsim::default_params(), "software").budget_rate_usd);
}

TEST_CASE("dotted keys mean the same as sections", "[scenario][parsing]") {
  const gigsim::Scenario scenario = gigsim::load_scenario_text(
      "market.bid_cost_usd = 0.25\n"
      "run.weeks = 12\n"
      "categories.design.complexity_mean = 0.7\n",
      "dotted.toml");
  CHECK(scenario.params.market.bid_cost_usd == 0.25);
  CHECK(scenario.params.run.weeks == 12);
  CHECK(category(scenario.params, "design").complexity_mean == 0.7);
}

TEST_CASE("events are read, validated and sorted by week", "[scenario][parsing][events]") {
  const gigsim::Scenario scenario = gigsim::load_scenario_text(
      "[[events]]\n"
      "week = 104\n"
      "set = { \"fees.schedule\" = \"flat\", \"categories.web.budget_rate_usd\" = 25 }\n"
      "\n"
      "[[events]]\n"
      "week = 0\n"
      "set = { fees.flat_rate = 0.12 }\n"
      "\n"
      "[[events]]\n"
      "week = 104\n"
      "set = { \"market.bids_per_week\" = 6 }\n",
      "events.toml");
  REQUIRE(scenario.events.size() == 3);
  CHECK(scenario.events[0].week == 0);
  CHECK(scenario.events[0].origin == "events.toml:5:1");
  REQUIRE(scenario.events[0].assignments.size() == 1);
  CHECK(scenario.events[0].assignments[0].key == "fees.flat_rate");
  CHECK(scenario.events[0].assignments[0].value == 0.12);

  CHECK(scenario.events[1].week == 104);
  CHECK(scenario.events[1].origin == "events.toml:1:1");
  REQUIRE(scenario.events[1].assignments.size() == 2);
  CHECK(scenario.events[1].assignments[0].key == "fees.schedule");
  CHECK(scenario.events[1].assignments[0].value == 0.0);  // index of "flat"
  CHECK(scenario.events[1].assignments[0].value_text == "flat");
  CHECK(scenario.events[1].assignments[1].key == "categories.web.budget_rate_usd");
  CHECK(scenario.events[1].assignments[1].value == 25.0);

  CHECK(scenario.events[2].week == 104);  // same week: file order kept
  CHECK(scenario.events[2].assignments[0].key == "market.bids_per_week");
  CHECK(scenario.events[2].assignments[0].value_text == "6");

  // Events do not change the starting parameters.
  CHECK(scenario.params.fees.schedule == gigsim::default_params().fees.schedule);
}

TEST_CASE("assign_parameter applies an event's assignments", "[scenario][events]") {
  const gigsim::Scenario scenario = gigsim::load_scenario_text(
      "[[events]]\nweek = 10\n"
      "set = { \"fees.schedule\" = \"flat\", \"categories.web.budget_rate_usd\" = 25.5, "
      "\"market.bids_per_week\" = 7 }\n",
      "events.toml");
  gigsim::Params params = scenario.params;
  for (const gigsim::Assignment& assignment : scenario.events.at(0).assignments) {
    gigsim::assign_parameter(params, assignment);
  }
  CHECK(params.fees.schedule == gigsim::FeeSchedule::flat);
  CHECK(category(params, "web").budget_rate_usd == 25.5);
  CHECK(params.market.bids_per_week == 7);
}

TEST_CASE("extends applies the base first, then the file's own values", "[scenario][extends]") {
  const gigsim::Scenario child = gigsim::load_scenario_file(kFixtures / "child.toml");
  CHECK(child.origin == (kFixtures / "child.toml").string());
  CHECK(child.params.run.weeks == 100);            // from the base
  CHECK(child.params.market.bid_cost_usd == 0.7);  // the child overrides the base's 0.5
  CHECK(child.params.fees.schedule == gigsim::FeeSchedule::flat);  // from the base

  // Events of base and child combined, sorted by week; at equal weeks the base's come first.
  REQUIRE(child.events.size() == 4);
  CHECK(child.events[0].week == 5);
  CHECK(child.events[0].assignments[0].key == "fees.schedule");
  CHECK(child.events[1].week == 10);
  CHECK(child.events[1].assignments[0].key == "market.bid_cost_usd");
  CHECK_THAT(child.events[1].origin, StartsWith((kFixtures / "base.toml").string() + ":"));
  CHECK(child.events[2].week == 10);
  CHECK(child.events[2].assignments[0].key == "market.bids_per_week");
  CHECK_THAT(child.events[2].origin, StartsWith((kFixtures / "child.toml").string() + ":"));
  CHECK(child.events[3].week == 50);
}

TEST_CASE("extends paths are relative to the file that names them", "[scenario][extends]") {
  const gigsim::Scenario grandchild =
      gigsim::load_scenario_file(kFixtures / "nested" / "grandchild.toml");
  CHECK(grandchild.params.run.weeks == 30);
  CHECK(grandchild.params.market.bid_cost_usd == 0.7);
  CHECK(grandchild.events.size() == 4);

  // Text resolves extends against the base directory it is given.
  const gigsim::Scenario text = gigsim::load_scenario_text(
      "extends = \"base.toml\"\n[market]\nbids_per_week = 9\n", "inline", kFixtures);
  CHECK(text.params.run.weeks == 100);
  CHECK(text.params.market.bids_per_week == 9);
  CHECK(text.events.size() == 2);
}

TEST_CASE("Set option parses typed values", "[scenario][set]") {
  gigsim::Scenario scenario = default_scenario();
  gigsim::apply_set_option(scenario, "run.weeks=52");
  CHECK(scenario.params.run.weeks == 52);
  gigsim::apply_set_option(scenario, "market.bid_cost_usd=0.45");
  CHECK(scenario.params.market.bid_cost_usd == 0.45);
  gigsim::apply_set_option(scenario, "market.bid_cost_usd=2");  // an integer for a real
  CHECK(scenario.params.market.bid_cost_usd == 2.0);
  gigsim::apply_set_option(scenario, "fees.schedule=flat");  // bare word
  CHECK(scenario.params.fees.schedule == gigsim::FeeSchedule::flat);
  gigsim::apply_set_option(scenario, "fees.schedule=\"sliding\"");  // TOML string
  CHECK(scenario.params.fees.schedule == gigsim::FeeSchedule::sliding);
  gigsim::apply_set_option(scenario, "categories.web.budget_rate_usd=31.5");
  CHECK(category(scenario.params, "web").budget_rate_usd == 31.5);
  gigsim::apply_set_option(scenario, " market.bids_per_week = 8 ");
  CHECK(scenario.params.market.bids_per_week == 8);
  gigsim::apply_set_option(scenario, "clients.outside_utility=-2.5");
  CHECK(scenario.params.clients.outside_utility == -2.5);
}

TEST_CASE("consistency is checked after all --set options, not after each", "[scenario][set]") {
  gigsim::Scenario scenario = default_scenario();
  // Moving a strategy share breaks the sum until the second option restores it.
  CHECK_NOTHROW(gigsim::apply_set_option(scenario, "freelancers.strategy_fixed=0.5"));
  CHECK_THROWS_WITH(gigsim::check_consistency(scenario),
                    StartsWith("--set freelancers.strategy_fixed=0.5: the parameters are "
                               "inconsistent: ") &&
                        Contains("must sum to 1, they sum to 1.250000"));
  CHECK_NOTHROW(gigsim::apply_set_option(scenario, "freelancers.strategy_adaptive=0.1"));
  CHECK_NOTHROW(gigsim::check_consistency(scenario));
}

TEST_CASE("render_toml writes integers, reals and choices in TOML form", "[scenario][render]") {
  gigsim::Scenario scenario = default_scenario();
  gigsim::apply_set_option(scenario, "market.bid_cost_usd=0.3");
  const std::string text = gigsim::render_toml(scenario, false);
  CHECK_THAT(text, StartsWith("# The resolved gigsim scenario"));
  CHECK_THAT(text, Contains("\n[run]\nweeks = 260\n"));          // integer: no decimal point
  CHECK_THAT(text, Contains("\nbid_cost_usd = 0.3\n"));          // shortest round-trip form
  CHECK_THAT(text, Contains("\nmatching_pool_factor = 3.0\n"));  // whole real keeps a '.'
  CHECK_THAT(text, Contains("\nschedule = \"sliding\"\n"));      // choice by name
  CHECK_THAT(text, Contains("\n[output]\nevery = 4\n"));
  CHECK_THAT(text, Contains("\n[categories.web]\n"));
  CHECK_THAT(text, !Contains("[[events]]"));
  CHECK_THAT(text, !Contains("\n# range"));
}

TEST_CASE("render_toml with docs documents every key", "[scenario][render]") {
  const std::string text = gigsim::render_toml(default_scenario(), true);
  CHECK_THAT(text,
             Contains("# Price of one proposal, paid to the platform.\n"
                      "# range: [0, 1000] USD; events may change it\n"
                      "# source: Upwork Connects ~$0.15 each, ~2 per proposal (Upwork, 2023)\n"
                      "bid_cost_usd = 0.3\n"));
  CHECK_THAT(text, Contains("# choices: \"flat\", \"sliding\"; events may change it\n"));
  CHECK_THAT(text, Contains("fixed for the whole run"));
  // Every key of the table appears with a documentation block before it.
  for (const gigsim::ParamSpec& spec : gigsim::parameter_table()) {
    const std::string name(spec.key.substr(spec.key.rfind('.') + 1));
    INFO(spec.key);
    CHECK_THAT(text, Contains("# " + std::string(spec.doc) + "\n"));
    CHECK_THAT(text, Contains("\n" + name + " = "));
  }
}

TEST_CASE("rendered defaults (show-defaults) are a valid scenario", "[scenario][render]") {
  require_round_trip(default_scenario(), true);
  require_round_trip(default_scenario(), false);
}

TEST_CASE("render_toml round-trips every changed value and event exactly", "[scenario][render]") {
  gigsim::Scenario scenario{changed_params(), {}, "changed"};
  REQUIRE_NOTHROW(gigsim::check_consistency(scenario));
  scenario.events =
      gigsim::load_scenario_text(
          "[[events]]\nweek = 3\n"
          "set = { \"fees.schedule\" = \"flat\", \"fees.flat_rate\" = 0.30000000000000004 }\n"
          "[[events]]\nweek = 3\nset = { \"market.bids_per_week\" = 9 }\n"
          "[[events]]\nweek = 70\n"
          "set = { \"categories.web.budget_rate_usd\" = 25.000000000000004 }\n",
          "events.toml")
          .events;
  require_round_trip(scenario, true);
  require_round_trip(scenario, false);

  // A loaded scenario with extends and events renders to the same resolved scenario.
  const gigsim::Scenario child = gigsim::load_scenario_file(kFixtures / "child.toml");
  require_round_trip(child, true);
}

TEST_CASE("the embedded baseline loads and equals scenarios/baseline.toml", "[scenario]") {
  const gigsim::Scenario embedded = gigsim::load_embedded_baseline();
  CHECK(embedded.origin == "<embedded baseline>");
  const gigsim::Scenario on_disk = gigsim::load_scenario_file(
      std::filesystem::path(GIGSIM_SOURCE_DIR) / "scenarios" / "baseline.toml");
  require_same_params(on_disk.params, embedded.params);
  require_same_events(on_disk.events, embedded.events);
  require_round_trip(embedded, true);
}
