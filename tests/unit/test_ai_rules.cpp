// The AI submodels' maths with numbers worked out by hand: capability trajectories, client
// substitution, productivity and quality, adoption, client expectations, authenticity, contract
// terms, reskilling and AI-assisted entry.
#include <catch2/catch.hpp>
#include <cmath>

#include "ai/adoption.hpp"
#include "ai/authenticity.hpp"
#include "ai/automation.hpp"
#include "ai/capability.hpp"
#include "ai/expectations.hpp"
#include "ai/productivity.hpp"
#include "labour/entry.hpp"
#include "labour/reskilling.hpp"
#include "market/contracts.hpp"
#include "market/posting.hpp"
#include "market/signals.hpp"
#include "scenario/parameter_table.hpp"

using namespace gigsim;

TEST_CASE("Technology maturity follows its trajectory from the release", "[ai][capability]") {
  AiTechnologyParams llm = default_params().technologies.at(0);
  llm.release_week = 10;
  llm.ceiling = 1.0;
  llm.midpoint_weeks = 52;
  llm.spread_weeks = 13;
  CHECK(technology_maturity(llm, 70) == 0.0);  // trajectory "none": never any capability
  llm.trajectory = CapabilityPath::logistic;
  CHECK(technology_maturity(llm, 9) == 0.0);  // before the release
  CHECK(technology_maturity(llm, 62) == Approx(0.5));
  CHECK(technology_maturity(llm, 75) == Approx(1.0 / (1.0 + std::exp(-1.0))));  // 0.731059
  llm.ceiling = 0.8;
  CHECK(technology_maturity(llm, 62) == Approx(0.4));
  llm.trajectory = CapabilityPath::step;
  CHECK(technology_maturity(llm, 9) == 0.0);
  CHECK(technology_maturity(llm, 10) == Approx(0.8));
  llm.trajectory = CapabilityPath::table;
  llm.release_week = 5;
  llm.points = {{0, 0.0}, {10, 0.5}, {20, 0.9}};
  CHECK(technology_maturity(llm, 4) == 0.0);
  CHECK(technology_maturity(llm, 10) == Approx(0.25));  // 5 weeks after: halfway to 0.5
  CHECK(technology_maturity(llm, 20) == Approx(0.7));   // 15 weeks after: 0.5 + 0.4 / 2
  CHECK(technology_maturity(llm, 40) == Approx(0.9));   // after the last point
}

TEST_CASE("Technologies combine as independent chances of doing a task", "[ai][capability]") {
  // 1 - (1 - 0.81 x 0.5)(1 - 0.05 x 1) = 1 - 0.595 x 0.95 = 0.43475
  CHECK(combined_capability({0.81, 0.05}, {0.5, 1.0}) == Approx(0.43475));
  CHECK(combined_capability({0.81, 0.05}, {0.0, 0.0}) == 0.0);
  const Params params = default_params();  // llm $20 a month, image $10
  // Writing is exposed to both: (20 + 10) x 12 / 52 = 6.923 a week once both are out.
  CHECK(tool_cost_usd_per_week(params, params.categories[0].exposure, {0.5, 0.2}) ==
        Approx(30.0 * 12.0 / 52.0));
  CHECK(tool_cost_usd_per_week(params, params.categories[0].exposure, {0.5, 0.0}) ==
        Approx(20.0 * 12.0 / 52.0));
}

TEST_CASE("Clients automate routine work first, less when they care about quality or pay a tax",
          "[ai][automation]") {
  const AiParams ai = default_params().ai;  // scale 0.5, complexity elasticity 2, aversion 1
  // 0.5 x 0.6 x (1 - 0.2)^2 = 0.192
  CHECK(automation_probability(ai, 0.6, 0.2, 1.0, 3.0, 0.0) == Approx(0.192));
  CHECK(automation_probability(ai, 0.6, 0.2, 2.0, 3.0, 0.0) == Approx(0.096));  // q^-1
  CHECK(automation_probability(ai, 0.6, 0.2, 1.0, 3.0, 0.5) == Approx(0.024));  // x 0.5^3
  CHECK(automation_probability(ai, 0.6, 0.8, 1.0, 3.0, 0.0) == Approx(0.012));  // complex
  CHECK(automation_probability(ai, 0.6, 1.0, 1.0, 3.0, 0.0) == 0.0);
  CHECK(automation_probability(ai, 0.0, 0.0, 1.0, 3.0, 0.0) == 0.0);
}

TEST_CASE("Human + AI gains fall with skill", "[ai][productivity]") {
  const AiParams ai = default_params().ai;  // time saving 0.5, quality gain 0.15
  // Writing at full maturity (capability 0.81), full proficiency, average skill: 40% less time,
  // the Noy & Zhang (2023) figure the default comes from.
  CHECK(ai_time_saving(ai, 0.81, 1.0, 0.5) == Approx(0.405));
  CHECK(ai_time_saving(ai, 0.81, 1.0, 0.1) == Approx(0.405 * 1.8));  // novices gain more
  CHECK(ai_time_saving(ai, 0.81, 1.0, 0.9) == Approx(0.405 * 0.2));  // experts less
  CHECK(ai_time_saving(ai, 0.81, 0.5, 0.5) == Approx(0.2025));       // half proficient
  CHECK(ai_time_saving(ai, 1.0, 1.0, 0.0) == Approx(0.9));           // capped
  CHECK(ai_quality_boost(ai, 0.81, 1.0, 0.5) == Approx(0.1215));
  CHECK(skill_gain_factor(1.2) == 0.0);
}

TEST_CASE("Adoption hazard: Bass diffusion within the category plus the payoff", "[ai][adoption]") {
  const AiParams ai = default_params().ai;  // p 0.03, q 0.38 a year; payoff weight 0.05
  // Capability 0.6, half the category adopted: 0.6 x (0.03 + 0.38 x 0.5) / 52 = 0.0025385;
  // adopters earn $40 a week more against an outside option of $60: 0.05 x 40 / 60 = 0.03333.
  CHECK(adoption_hazard(ai, 0.6, 0.5, 0.0, 60.0) == Approx(0.6 * 0.22 / 52.0));
  CHECK(adoption_hazard(ai, 0.6, 0.5, 40.0, 60.0) == Approx(0.6 * 0.22 / 52.0 + 0.05 * 40 / 60));
  CHECK(adoption_hazard(ai, 0.6, 0.5, -40.0, 60.0) == Approx(0.6 * 0.22 / 52.0));
  CHECK(adoption_hazard(ai, 0.0, 0.5, 40.0, 60.0) == 0.0);  // nothing to adopt yet
  // Proficiency: 0.3 + min(1, 0.2 x 50 / 100) x (1 - 0.3) = 0.37
  CHECK(updated_proficiency(ai, 0.3, 50.0) == Approx(0.37));
}

TEST_CASE("Clients expect cheaper, faster and more complex work as AI spreads",
          "[ai][expectations]") {
  const AiParams ai = default_params().ai;  // budget 0.3, deadline 0.5, complexity shift 0.3
  CHECK(expected_budget_factor(ai, 0.8, 0.5) == Approx(0.88));
  CHECK(expected_pace_factor(ai, 0.8, 0.5) == Approx(1.2));
  CHECK(shifted_complexity_mean(ai, 0.4, 0.8, 0.5) == Approx(0.472));
  CHECK(complementary_demand_factor(10.0, 0.2) == Approx(3.0));
  // Diffusion: demand-weighted capability x adoption, (0.5 x 0.8 x 0.5 + 0.5 x 0 x 1) / 1.
  CHECK(ai_diffusion({0.5, 0.5}, {0.8, 0.0}, {0.5, 1.0}) == Approx(0.2));
}

TEST_CASE("Authenticity: flaws fall with proficiency; disclosure lets averse clients choose",
          "[ai][authenticity]") {
  Params params = default_params();  // flaw 0.15, aversion penalty 1
  CHECK(ai_flaw_probability(params.ai, 0.4) == Approx(0.09));
  CHECK(ai_flaw_probability(params.ai, 1.0) == 0.0);
  CHECK(disclosure_penalty(params, true, true) == 0.0);  // no disclosure: the client cannot tell
  params.policy.ai_disclosure = Disclosure::required;
  CHECK(disclosure_penalty(params, true, true) == Approx(1.0));
  CHECK(disclosure_penalty(params, false, true) == 0.0);
  CHECK(disclosure_penalty(params, true, false) == 0.0);
  // A flawless expert's work for a client who was told keeps its rating.
  Stream stream(1, 0, 0, 0, Purpose::delivery);
  CHECK(rating_after_ai_risks(params, stream, 4.5, 1.0, true) == Approx(4.5));
  params.ai.flaw_probability = 1.0;  // a novice's work certainly flawed: a star off
  CHECK(rating_after_ai_risks(params, stream, 4.5, 0.0, false) == Approx(3.5));
}

TEST_CASE("Contract terms: an adopter needs fewer hours and bills them on hourly work",
          "[ai][contracts]") {
  const Params params = default_params();
  Freelancers fl;
  fl.resize(2, 4);
  fl.skill[0] = fl.skill[1] = 0.5f;
  fl.adopter[1] = 1;
  fl.ai_proficiency[1] = 1.0f;
  // Capability 0.8: saving 0.5 x 0.8 x 1 x 1 = 0.4 of 40 hours -> 24 hours of work, 2 weeks at
  // 20 h a week, 12 h a week.
  const ContractTerms human = contract_terms(params.ai, 0.8, fl, 0, 40, 20, true);
  CHECK(human.work_hours == Approx(40));
  CHECK(human.weeks == 2);
  CHECK(human.load_hours == Approx(20));
  CHECK_FALSE(human.with_ai);
  const ContractTerms fixed = contract_terms(params.ai, 0.8, fl, 1, 40, 20, true);
  CHECK(fixed.work_hours == Approx(24));
  CHECK(fixed.billed_hours == Approx(40));  // a fixed-price job pays for the job
  CHECK(fixed.weeks == 2);
  CHECK(fixed.load_hours == Approx(12));
  CHECK(fixed.with_ai);
  const ContractTerms hourly = contract_terms(params.ai, 0.8, fl, 1, 40, 20, false);
  CHECK(hourly.billed_hours == Approx(24));  // an hourly job pays for the hours worked
  // A faster pace (the client expects quicker delivery) shortens the contract.
  CHECK(contract_terms(params.ai, 0.8, fl, 1, 40, 30, false).weeks == 1);
}

TEST_CASE("Reskilling goes where search pays more, net of the subsidised course",
          "[ai][reskilling]") {
  Params params = default_params();  // course $1000 over 52 weeks: hurdle $19.23 a week
  MarketState state;
  initialise_signals(params, state);
  state.ai.capability.assign(params.categories.size(), 0.0);
  auto& earnings = state.signals.searcher_earnings_usd;
  // Writing (0) earns 50 at capability 0.8; translation (1) 80 but more exposed (0.84);
  // software (2) 65 at 0.5.
  earnings[0] = 50;
  earnings[1] = 80;
  earnings[2] = 65;
  state.ai.capability[0] = 0.8;
  state.ai.capability[1] = 0.84;
  state.ai.capability[2] = 0.5;
  CHECK(course_cost_to_freelancer_usd(params) == Approx(1000));
  CHECK(reskilling_target(params, state, 0) == kNoCategory);  // 65 - 50 = 15 < 19.23
  params.policy.training_subsidy = 0.5;                       // hurdle 9.62
  CHECK(course_cost_to_freelancer_usd(params) == Approx(500));
  CHECK(reskilling_target(params, state, 0) == 2);
  earnings[7] = 90;  // ai_services: complementary, so eligible although as exposed as writing
  state.ai.capability[7] = 0.9;
  CHECK(reskilling_target(params, state, 0) == 7);

  Freelancers fl;
  fl.resize(1, 4);
  fl.primary_category[0] = 0;
  fl.skill[0] = 0.6f;
  fl.trailing_earnings_usd[0] = 100.0f;
  start_course(params, fl, 0, 2);
  CHECK(fl.is_reskilling(0));
  CHECK(fl.trailing_earnings_usd[0] == Approx(100.0 - 500.0 / 12.0));  // the price, in the EMA
  for (int week = 1; week < params.careers.reskill_weeks; ++week) {
    CHECK(progress_course(params, fl, 0));
  }
  CHECK_FALSE(progress_course(params, fl, 0));  // done after 13 weeks
  CHECK(fl.primary_category[0] == 2);
  CHECK(fl.skill[0] == Approx(0.6 * 0.7));
}

TEST_CASE("AI lowers the barrier to entry where it is capable", "[ai][entry]") {
  const Params params = default_params();  // entry boost 0.5
  MarketState state;
  for (const CategoryParams& c : params.categories) state.initial_demand.push_back(c.demand_share);
  state.ai.capability.assign(params.categories.size(), 0.0);
  const double before = prospects_per_week(params, state, 0);
  state.ai.capability[0] = 0.6;
  CHECK(prospects_per_week(params, state, 0) == Approx(before * 1.3));
  // Drawn in by AI: 0.5 x 0.6 = 0.3 of 1.3; the others follow the adoption share 0.2:
  // (0.3 + 0.2) / 1.3 = 0.384615.
  CHECK(entrant_adoption_probability(params.ai, 0.6, 0.2) == Approx(0.5 / 1.3));
}

TEST_CASE("A job's weekly load equals the load of contract terms with a saving of zero",
          "[contracts]") {
  // Searchers without a time saving read the load a job card holds (weekly_load_hours, worked
  // out once per job) instead of contract_terms: the two must be the same double.
  for (const double hours : {0.5, 7.25, 40.0, 123.4, 1.0 / 3.0}) {
    for (const double pace : {3.0, 20.0, 37.5, 7.0}) {
      for (const bool fixed : {false, true}) {
        INFO(hours << " h at " << pace << " h/week, fixed " << fixed);
        const ContractTerms general = contract_terms(hours, pace, fixed, 0.0, true);
        CHECK(general.work_hours == hours);
        CHECK(general.billed_hours == hours);
        CHECK(general.weeks == contract_weeks(hours, pace));
        CHECK(weekly_load_hours(hours, pace) == general.load_hours);
      }
    }
  }
  // 123.4 h at 20 h/week: 7 weeks, 17.628571... h a week.
  CHECK(weekly_load_hours(123.4, 20.0) == 123.4 / 7.0);
}
