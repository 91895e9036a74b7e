// Categories and AI technologies are data: a scenario declares them by name, sets their fields
// and exposures, and events change them; the defaults are the eight categories and two
// technologies of parameter_table.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"

using Catch::Matchers::Contains;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(GIGSIM_SOURCE_DIR) / "tests" / "fixtures" / "scenarios";

gigsim::Scenario load(std::string_view text) {
  gigsim::Scenario scenario = gigsim::load_scenario_text(text, "members.toml", kFixtures);
  gigsim::check_consistency(scenario);
  return scenario;
}

std::vector<std::string> category_names(const gigsim::Params& params) {
  std::vector<std::string> names;
  for (const gigsim::CategoryParams& c : params.categories) names.push_back(c.name);
  return names;
}

std::vector<std::string> technology_names(const gigsim::Params& params) {
  std::vector<std::string> names;
  for (const gigsim::AiTechnologyParams& t : params.technologies) names.push_back(t.name);
  return names;
}

const gigsim::CategoryParams& category(const gigsim::Params& params, std::string_view name) {
  for (const gigsim::CategoryParams& c : params.categories) {
    if (c.name == name) return c;
  }
  FAIL("no category " << name);
  return params.categories.front();
}

const gigsim::AiTechnologyParams& technology(const gigsim::Params& params, std::string_view name) {
  for (const gigsim::AiTechnologyParams& t : params.technologies) {
    if (t.name == name) return t;
  }
  FAIL("no technology " << name);
  return params.technologies.front();
}

const std::vector<std::string> kDefaultCategories{
    "writing", "translation", "software",         "web",
    "design",  "data_entry",  "customer_support", "ai_services"};

}  // namespace

TEST_CASE("the defaults are eight categories and two technologies switched off",
          "[scenario][members]") {
  const gigsim::Params params = gigsim::default_params();
  CHECK(category_names(params) == kDefaultCategories);
  CHECK(technology_names(params) == std::vector<std::string>{"llm", "image"});

  // Exposures: Eloundou et al. (2023) for llm, Felten et al. (2023) ordering for image.
  const std::vector<std::pair<std::string, std::vector<double>>> exposure{
      {"writing", {0.81, 0.05}},         {"translation", {0.84, 0.0}},
      {"software", {0.68, 0.0}},         {"web", {0.63, 0.15}},
      {"design", {0.41, 0.5}},           {"data_entry", {0.50, 0.0}},
      {"customer_support", {0.70, 0.0}}, {"ai_services", {0.2, 0.0}}};
  for (const auto& [name, shares] : exposure) {
    INFO(name);
    CHECK(category(params, name).exposure == shares);
  }
  const gigsim::CategoryParams& ai = category(params, "ai_services");
  CHECK(ai.demand_share == 0.01);
  CHECK(ai.budget_rate_usd == 28.0);
  CHECK(ai.job_hours_median == 20.0);
  CHECK(ai.job_hours_sigma == 1.6);
  CHECK(ai.complexity_mean == 0.6);

  for (const gigsim::AiTechnologyParams& t : params.technologies) {
    INFO(t.name);
    CHECK(t.trajectory == gigsim::CapabilityPath::none);
    CHECK(t.release_week == 0);
    CHECK(t.ceiling == 1.0);
    CHECK(t.midpoint_weeks == 52.0);
    CHECK(t.spread_weeks == 13.0);
    CHECK(t.points.empty());
  }
  CHECK(technology(params, "llm").tool_price_usd_per_month == 20.0);
  CHECK(technology(params, "image").tool_price_usd_per_month == 10.0);
}

TEST_CASE("a new category starts at the generic defaults", "[scenario][members]") {
  const gigsim::Scenario scenario = load("[categories.podcasts]\ndemand_share = 0.02\n");
  std::vector<std::string> expected = kDefaultCategories;
  expected.push_back("podcasts");
  CHECK(category_names(scenario.params) == expected);
  const gigsim::CategoryParams& podcasts = category(scenario.params, "podcasts");
  CHECK(podcasts.demand_share == 0.02);  // set
  CHECK(podcasts.budget_rate_usd == 20.0);
  CHECK(podcasts.job_hours_median == 20.0);
  CHECK(podcasts.job_hours_sigma == 1.6);
  CHECK(podcasts.complexity_mean == 0.5);
  CHECK(podcasts.exposure == std::vector<double>{0.0, 0.0});  // one per technology

  // A known name is modified, not added.
  const gigsim::Scenario known = load("[categories.web]\ndemand_share = 0.3\n");
  CHECK(category_names(known.params) == kDefaultCategories);
  CHECK(category(known.params, "web").demand_share == 0.3);
  CHECK(category(known.params, "web").budget_rate_usd == 28.0);
}

TEST_CASE("a new technology starts at the generic defaults and every category gets exposure 0",
          "[scenario][members]") {
  const gigsim::Scenario scenario = load(
      "[ai.technologies.video]\n"
      "trajectory = \"logistic\"\n"
      "release_week = 10\n");
  CHECK(technology_names(scenario.params) == std::vector<std::string>{"llm", "image", "video"});
  const gigsim::AiTechnologyParams& video = technology(scenario.params, "video");
  CHECK(video.trajectory == gigsim::CapabilityPath::logistic);
  CHECK(video.release_week == 10);
  CHECK(video.ceiling == 1.0);
  CHECK(video.midpoint_weeks == 52.0);
  CHECK(video.spread_weeks == 13.0);
  CHECK(video.points.empty());
  CHECK(video.tool_price_usd_per_month == 20.0);
  for (const gigsim::CategoryParams& c : scenario.params.categories) {
    INFO(c.name);
    REQUIRE(c.exposure.size() == 3);
    CHECK(c.exposure[2] == 0.0);
  }
  CHECK(category(scenario.params, "writing").exposure == std::vector<double>{0.81, 0.05, 0.0});
}

TEST_CASE("exposure may be written as a dotted key, an inline table or a subtable",
          "[scenario][members]") {
  const char* forms[] = {
      "categories.writing.exposure.llm = 0.9\n",
      "[categories.writing]\nexposure = { llm = 0.9 }\n",
      "[categories.writing]\nexposure.llm = 0.9\n",
      "[categories.writing.exposure]\nllm = 0.9\n",
  };
  for (const char* text : forms) {
    INFO(text);
    const gigsim::Scenario scenario = load(text);
    // llm set, image keeps its default 0.05.
    CHECK(category(scenario.params, "writing").exposure == std::vector<double>{0.9, 0.05});
  }
}

TEST_CASE("a category's exposure may name a technology declared later in the file",
          "[scenario][members]") {
  const gigsim::Scenario scenario = load(
      "[categories.animation]\n"
      "exposure = { video = 0.7, image = 0.4 }\n"
      "\n"
      "[ai.technologies.video]\n"
      "tool_price_usd_per_month = 35\n");
  CHECK(category(scenario.params, "animation").exposure == std::vector<double>{0.0, 0.4, 0.7});
  CHECK(technology(scenario.params, "video").tool_price_usd_per_month == 35.0);
}

TEST_CASE("a capability table is a list of points", "[scenario][members]") {
  const gigsim::Scenario scenario = load(
      "[ai.technologies.llm]\n"
      "trajectory = \"table\"\n"
      "points = [[0, 0.0], [26, 0.3], [104.5, 0.9]]\n");
  const gigsim::AiTechnologyParams& llm = technology(scenario.params, "llm");
  CHECK(llm.trajectory == gigsim::CapabilityPath::table);
  REQUIRE(llm.points.size() == 3);
  CHECK(llm.points[0].weeks_after_release == 0.0);
  CHECK(llm.points[0].level == 0.0);
  CHECK(llm.points[1].weeks_after_release == 26.0);
  CHECK(llm.points[1].level == 0.3);
  CHECK(llm.points[2].weeks_after_release == 104.5);
  CHECK(llm.points[2].level == 0.9);
}

TEST_CASE("member order is the defaults, then first appearance through extends and the file",
          "[scenario][members][extends]") {
  // members_base.toml declares podcasts, then video, then legal; this file declares zines,
  // then animation. TOML tables iterate alphabetically; the order must not.
  const gigsim::Scenario scenario = load(
      "extends = \"members_base.toml\"\n"
      "[categories.zines]\n"
      "demand_share = 0.03\n"
      "[categories.legal]\n"
      "complexity_mean = 0.7\n"
      "[categories.animation]\n"
      "exposure = { video = 0.9, image = 0.4 }\n");
  std::vector<std::string> expected = kDefaultCategories;
  expected.insert(expected.end(), {"podcasts", "legal", "zines", "animation"});
  CHECK(category_names(scenario.params) == expected);
  CHECK(technology_names(scenario.params) == std::vector<std::string>{"llm", "image", "video"});

  const gigsim::Params& p = scenario.params;
  CHECK(category(p, "legal").budget_rate_usd == 45.0);  // from the base
  CHECK(category(p, "legal").complexity_mean == 0.7);   // from this file
  CHECK(category(p, "legal").demand_share == 0.05);     // generic default
  CHECK(category(p, "podcasts").exposure == std::vector<double>{0.0, 0.0, 0.6});
  CHECK(category(p, "animation").exposure == std::vector<double>{0.0, 0.4, 0.9});
  CHECK(category(p, "writing").demand_share == 0.12);  // the base modified a default
  CHECK(category(p, "writing").exposure == std::vector<double>{0.81, 0.05, 0.0});
  CHECK(technology(p, "video").trajectory == gigsim::CapabilityPath::step);
  CHECK(technology(p, "video").release_week == 30);
}

TEST_CASE("demand shares need not sum to 1", "[scenario][members]") {
  // 0.5 + 0.08 + 0.2 + 0.2 + 0.15 + 0.12 + 0.1 + 0.01 = 1.36
  CHECK_NOTHROW(load("[categories.writing]\ndemand_share = 0.5\n"));
}

TEST_CASE("events change fields of existing categories and technologies",
          "[scenario][members][events]") {
  const gigsim::Scenario scenario = load(
      "[categories.podcasts]\n"
      "[[events]]\n"
      "week = 52\n"
      "set = { \"categories.writing.exposure.llm\" = 0.9, \"ai.technologies.llm.ceiling\" = 0.5,"
      " \"categories.writing.demand_share\" = 0.05, \"categories.podcasts.exposure.image\" = 0.3,"
      " \"ai.technologies.llm.trajectory\" = \"table\","
      " \"ai.technologies.llm.points\" = [[0, 0.1], [10, 0.6]] }\n");
  REQUIRE(scenario.events.size() == 1);
  const auto& assignments = scenario.events[0].assignments;
  REQUIRE(assignments.size() == 6);
  CHECK(assignments[4].value_text == "table");
  CHECK(assignments[5].value_text == "[[0.0, 0.1], [10.0, 0.6]]");

  gigsim::Params params = scenario.params;
  for (const gigsim::Assignment& assignment : assignments) {
    gigsim::assign_parameter(params, assignment);
  }
  CHECK(category(params, "writing").exposure == std::vector<double>{0.9, 0.05});
  CHECK(category(params, "writing").demand_share == 0.05);
  CHECK(category(params, "podcasts").exposure == std::vector<double>{0.0, 0.3});
  const gigsim::AiTechnologyParams& llm = technology(params, "llm");
  CHECK(llm.ceiling == 0.5);
  CHECK(llm.trajectory == gigsim::CapabilityPath::table);
  REQUIRE(llm.points.size() == 2);
  CHECK(llm.points[1].weeks_after_release == 10.0);
  CHECK(llm.points[1].level == 0.6);
  // The starting parameters are untouched.
  CHECK(technology(scenario.params, "llm").ceiling == 1.0);
}

TEST_CASE("Set options change the fields of members", "[scenario][members][set]") {
  gigsim::Scenario scenario{gigsim::default_params(), {}, "test"};
  gigsim::apply_set_option(scenario, "categories.design.exposure.image=0.75");
  gigsim::apply_set_option(scenario, "ai.technologies.image.trajectory=logistic");
  gigsim::apply_set_option(scenario, "ai.technologies.image.points=[[0, 0.2], [52, 0.8]]");
  gigsim::apply_set_option(scenario, "ai.technologies.image.release_week=-10");
  CHECK(category(scenario.params, "design").exposure == std::vector<double>{0.41, 0.75});
  const gigsim::AiTechnologyParams& image = technology(scenario.params, "image");
  CHECK(image.trajectory == gigsim::CapabilityPath::logistic);
  CHECK(image.release_week == -10);
  REQUIRE(image.points.size() == 2);
  CHECK(image.points[0].level == 0.2);
  CHECK(image.points[1].weeks_after_release == 52.0);
}

TEST_CASE("declared members render and load back unchanged", "[scenario][members][render]") {
  const gigsim::Scenario scenario = load(
      "extends = \"members_base.toml\"\n"
      "[ai.technologies.llm]\n"
      "trajectory = \"table\"\n"
      "points = [[0, 0.0], [26, 0.30000000000000004]]\n"
      "[categories.zines]\n"
      "exposure.video = 0.25\n"
      "[[events]]\n"
      "week = 20\n"
      "set = { \"ai.technologies.video.points\" = [[1, 0.5]], \"categories.zines.exposure.llm\" "
      "= 0.125 }\n");
  for (const bool with_docs : {false, true}) {
    const std::string text = gigsim::render_toml(scenario, with_docs);
    const gigsim::Scenario reloaded = gigsim::load_scenario_text(text, "rendered.toml");
    if (!with_docs) {  // with docs, events name their origin file, which differs
      const std::string origin_line = "# Resolved from: " + scenario.origin + "\n";
      std::string expected = text;
      expected.replace(expected.find(origin_line), origin_line.size(),
                       "# Resolved from: rendered.toml\n");
      CHECK(gigsim::render_toml(reloaded, false) == expected);
    }
    CHECK(category_names(reloaded.params) == category_names(scenario.params));
    CHECK(technology_names(reloaded.params) == technology_names(scenario.params));
    CHECK(category(reloaded.params, "zines").exposure == std::vector<double>{0.0, 0.0, 0.25});
    REQUIRE(technology(reloaded.params, "llm").points.size() == 2);
    CHECK(technology(reloaded.params, "llm").points[1].level == 0.30000000000000004);
    REQUIRE(reloaded.events.size() == 1);
    CHECK(reloaded.events[0].assignments[0].points.size() == 1);
    CHECK(reloaded.events[0].assignments[1].value == 0.125);
  }
  const std::string text = gigsim::render_toml(scenario, false);
  CHECK_THAT(text,
             Contains("\n[ai.technologies.video]\ntrajectory = \"step\"\nrelease_week = 30\n"));
  CHECK_THAT(text, Contains("\nexposure = { llm = 0.0, image = 0.0, video = 0.25 }\n"));
  CHECK_THAT(text, Contains("\npoints = [[0.0, 0.0], [26.0, 0.30000000000000004]]\n"));
}

TEST_CASE("the summary names declared members, so a misspelt category shows",
          "[scenario][members]") {
  CHECK(gigsim::scenario_summary({gigsim::default_params(), {}, "defaults"}) ==
        "260 weeks, 20000 freelancers, 2000 clients, 8 categories, 2 AI technologies, 0 events");
  const gigsim::Scenario scenario = load(
      "[categories.wrting]\n"
      "[categories.podcasts]\n"
      "[ai.technologies.video]\n"
      "[[events]]\n"
      "week = 3\n"
      "set = { \"fees.flat_rate\" = 0.1 }\n");
  CHECK(gigsim::scenario_summary(scenario) ==
        "260 weeks, 20000 freelancers, 2000 clients, 10 categories (new: wrting, podcasts), 3 AI "
        "technologies (new: video), 1 event");
}
