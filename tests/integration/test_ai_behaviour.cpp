// Directions that theory demands of the AI submodels, on real runs with common random numbers:
// capability drives automation in the category it reaches, adoption is S-shaped, gains fall
// with skill, disclosure to AI-averse clients costs adopters work, a training subsidy raises
// reskilling, AI creates demand for complementary work, a substitution tax lowers automation.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "ai/productivity.hpp"
#include "small_market.hpp"

using namespace gigsim;
using namespace gigsim::testing;

namespace {

constexpr int kFreelancers = 3000;
constexpr int kClients = 300;

/// The small market with a language model switched on at `release` (a step to full maturity,
/// or a logistic S-curve), plus overrides.
Scenario ai_market(std::vector<std::string> overrides, int weeks, bool logistic = false,
                   int release = 0) {
  std::vector<std::string> sets{
      "ai.technologies.llm.trajectory=" + std::string(logistic ? "logistic" : "step"),
      "ai.technologies.llm.release_week=" + std::to_string(release)};
  sets.insert(sets.end(), overrides.begin(), overrides.end());
  return small_market(sets, kFreelancers, kClients, weeks);
}

/// Sum of a category's series over weeks [from, to) (all weeks when to is 0).
double category_total(const std::vector<MetricsRow>& rows, CategoryMetric metric,
                      std::size_t category, std::size_t n, std::size_t from = 0,
                      std::size_t to = 0) {
  const std::size_t end = to == 0 ? rows.size() : to;
  double sum = 0;
  for (std::size_t w = from; w < end; ++w) sum += rows.at(w).at(metric, category, n);
  return sum;
}

double market_total(const std::vector<MetricsRow>& rows, MarketMetric metric) {
  double sum = 0;
  for (const MetricsRow& row : rows) sum += row[metric];
  return sum;
}

}  // namespace

TEST_CASE("Capability automates jobs in the categories it reaches, and more of them",
          "[integration][ai]") {
  // Only writing (index 0) is exposed; every other category's exposure is 0.
  std::vector<std::string> only_writing;
  const Scenario base = load_embedded_baseline();
  for (std::size_t c = 1; c < base.params.categories.size(); ++c) {
    only_writing.push_back("categories." + base.params.categories[c].name + ".exposure.llm=0");
    only_writing.push_back("categories." + base.params.categories[c].name + ".exposure.image=0");
  }
  auto with_ceiling = [&](const std::string& ceiling) {
    std::vector<std::string> sets = only_writing;
    sets.push_back("ai.technologies.llm.ceiling=" + ceiling);
    return run_rows(ai_market(sets, 40));
  };
  const auto half = with_ceiling("0.5");
  const auto full = with_ceiling("1.0");
  const std::size_t n = base.params.categories.size();
  const double writing_half = category_total(half, CategoryMetric::jobs_automated, 0, n);
  const double writing_full = category_total(full, CategoryMetric::jobs_automated, 0, n);
  INFO("automated writing jobs: ceiling 0.5 " << writing_half << ", 1.0 " << writing_full);
  CHECK(writing_half > 10);
  CHECK(writing_full > 1.5 * writing_half);
  for (std::size_t c = 1; c < n; ++c) {
    CHECK(category_total(full, CategoryMetric::jobs_automated, c, n) == 0);
  }
}

TEST_CASE("A substitution tax lowers automation", "[integration][ai][policy]") {
  const auto untaxed = run_rows(ai_market({"policy.substitution_tax=0"}, 40));
  const auto taxed = run_rows(ai_market({"policy.substitution_tax=0.5"}, 40));
  const double before = market_total(untaxed, MarketMetric::jobs_automated);
  const double after = market_total(taxed, MarketMetric::jobs_automated);
  INFO("automated jobs: untaxed " << before << ", taxed 50% " << after);
  // (1 - 0.5)^beta with mean beta 3: about an eighth (clients differ in beta).
  CHECK(after < 0.4 * before);
  CHECK(after > 0);
}

TEST_CASE("Adoption of AI tools follows an S-curve", "[integration][ai][adoption]") {
  // Released at week 20 with full capability at once: adoption starts slowly (innovators),
  // accelerates as adopters are imitated, then slows as it saturates. The published Bass
  // coefficients put the inflection ln(q/p) / (p + q) = 6.2 years out; here both are ten times
  // larger so that the whole curve fits in four years (inflection at 0.62 years), and the other
  // routes to adoption (payoff, entrants who come with the tools, abandonment) are off.
  Scenario scenario =
      ai_market({"ai.innovation_per_year=0.3", "ai.imitation_per_year=3.8", "ai.payoff_weight=0",
                 "ai.entry_boost=0", "ai.abandon_probability=0", "market.initial_freelancers=8000",
                 "market.initial_clients=800"},
                228, false, 20);
  const auto rows = run_rows(scenario);
  std::vector<double> share;
  for (const MetricsRow& row : rows) share.push_back(row[MarketMetric::adoption_share]);
  auto gain = [&](std::size_t from) { return share[from + 26] - share[from]; };
  const double early = gain(20);   // the first half-year after the release
  const double middle = gain(46);  // the second, around the inflection
  const double late = gain(176);   // three years on
  INFO("adoption share: week 20 " << share[20] << ", 46 " << share[46] << ", 72 " << share[72]
                                  << ", 176 " << share[176] << ", 202 " << share[202]
                                  << "; half-yearly gains " << early << " " << middle << " "
                                  << late);
  CHECK(share[19] == 0.0);
  CHECK(middle > 1.3 * early);
  CHECK(middle > 3.0 * late);
  CHECK(share[202] > 0.5);
}

TEST_CASE("Adopters' productivity gain is larger for low skill", "[integration][ai]") {
  // The time saving each adopter would get on its own category's work, after a year with AI
  // (fast adoption, so that many freelancers of every skill use the tools by then).
  Simulation simulation(ai_market({"ai.innovation_per_year=1", "ai.imitation_per_year=3.8"}, 52));
  while (simulation.weeks_done() < 52) simulation.step();
  const MarketState& state = simulation.state();
  const Freelancers& fl = state.freelancers;
  double low = 0, high = 0;
  int n_low = 0, n_high = 0;
  for (std::size_t f = 0; f < fl.size(); ++f) {
    if (!fl.is_active(f) || !fl.adopter[f]) continue;
    const double saving =
        ai_time_saving(simulation.params().ai, state.ai.capability[fl.primary_category[f]],
                       fl.ai_proficiency[f], fl.skill[f]);
    if (fl.skill[f] < 0.4) {
      low += saving;
      ++n_low;
    } else if (fl.skill[f] > 0.6) {
      high += saving;
      ++n_high;
    }
  }
  REQUIRE(n_low > 20);
  REQUIRE(n_high > 20);
  INFO("mean saving: skill < 0.4 " << low / n_low << " (" << n_low << "), > 0.6 " << high / n_high
                                   << " (" << n_high << ")");
  CHECK(low / n_low > 1.5 * (high / n_high));
}

TEST_CASE("Disclosure to AI-averse clients makes adopters win less", "[integration][ai][policy]") {
  auto adopters_win_rate = [](const std::string& disclosure) {
    Simulation simulation(ai_market({"policy.ai_disclosure=" + disclosure,
                                     "ai.averse_client_share=0.6", "ai.aversion_penalty=2"},
                                    60));
    double wins = 0, bids = 0;
    while (simulation.weeks_done() < 60) {
      simulation.step();
      const MarketState& state = simulation.state();
      const Freelancers& fl = state.freelancers;
      for (std::size_t f = 0; f < fl.size(); ++f) {
        if (fl.is_active(f) && fl.adopter[f]) wins += fl.won_this_week[f];
      }
      const Proposals& proposals = state.proposals;
      for (std::size_t s = 0; s < proposals.sender.size(); ++s) {
        const auto f = static_cast<std::size_t>(proposals.sender[s]);
        if (fl.is_active(f) && fl.adopter[f]) bids += proposals.count[s];
      }
    }
    REQUIRE(bids > 1000);
    return wins / bids;
  };
  const double hidden = adopters_win_rate("none");
  const double disclosed = adopters_win_rate("required");
  INFO("adopters' wins per proposal: undisclosed " << hidden << ", disclosed " << disclosed);
  CHECK(disclosed < 0.9 * hidden);
}

TEST_CASE("A training subsidy raises reskilling", "[integration][ai][policy]") {
  // A capable model in every exposed category makes searching there pay less; a free course
  // clears the hurdle for more discouraged freelancers.
  const auto unpaid = run_rows(ai_market({"policy.training_subsidy=0"}, 104));
  const auto paid = run_rows(ai_market({"policy.training_subsidy=1"}, 104));
  const double starts_unpaid = market_total(unpaid, MarketMetric::reskill_starts);
  const double starts_paid = market_total(paid, MarketMetric::reskill_starts);
  INFO("courses started: no subsidy " << starts_unpaid << ", full subsidy " << starts_paid);
  CHECK(starts_paid > 1.2 * starts_unpaid);
  CHECK(starts_paid > 10);
  CHECK(market_total(paid, MarketMetric::training_subsidy) ==
        Approx(starts_paid * 1000.0));  // the course price, paid in full
}

TEST_CASE("Demand for AI services grows with capability and adoption", "[integration][ai]") {
  // ai_services (index 7) posts grow with AI diffusion (complementarity 10).
  const auto rows = run_rows(ai_market({}, 208, true, 20));
  const std::size_t n = 8;
  const double before = category_total(rows, CategoryMetric::jobs_posted, 7, n, 0, 20) / 20.0;
  const double late = category_total(rows, CategoryMetric::jobs_posted, 7, n, 156, 208) / 52.0;
  INFO("ai_services posts per week: before release "
       << before << ", year 4 " << late << "; diffusion " << rows[200][MarketMetric::ai_diffusion]);
  CHECK(rows[200][MarketMetric::ai_diffusion] > 0.1);
  CHECK(late > 2.0 * before);
}

TEST_CASE("Every week before an AI release is identical to the baseline", "[integration][ai]") {
  // Same seed, same market; the language model is released in week 10 of the second run.
  const Scenario baseline = small_market({"run.burn_in_weeks=26"}, kFreelancers, kClients, 20);
  const Scenario release =
      small_market({"run.burn_in_weeks=26", "ai.technologies.llm.trajectory=step",
                    "ai.technologies.llm.release_week=10"},
                   kFreelancers, kClients, 20);
  const auto before = run_rows(baseline);
  const auto after = run_rows(release);
  for (std::size_t week = 0; week < 10; ++week) {
    INFO("week " << week);
    for (std::size_t m = 0; m < kMarketMetricCount; ++m) {
      CHECK(same_bits(before[week].market[m], after[week].market[m]));
    }
    // Bit for bit (the panel holds NaN for persons who left, which == would call different).
    REQUIRE(before[week].panel.size() == after[week].panel.size());
    CHECK(std::memcmp(before[week].panel.data(), after[week].panel.data(),
                      before[week].panel.size() * sizeof(float)) == 0);
  }
  CHECK(market_total({after.begin() + 10, after.end()}, MarketMetric::jobs_automated) > 0);
  const bool week_12_same =
      same_bits(before[12][MarketMetric::jobs_posted], after[12][MarketMetric::jobs_posted]) &&
      same_bits(before[12][MarketMetric::bids], after[12][MarketMetric::bids]);
  CHECK_FALSE(week_12_same);
}
