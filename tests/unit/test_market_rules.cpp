// The model's maths with numbers worked out by hand: logit choice, fees, pricing, bidding value,
// delivery and reputation, careers, entry, contract duration.
#include <catch2/catch.hpp>
#include <cmath>

#include "labour/careers.hpp"
#include "labour/entry.hpp"
#include "market/bidding.hpp"
#include "market/choice.hpp"
#include "market/delivery.hpp"
#include "market/posting.hpp"
#include "market/pricing.hpp"
#include "policy/fees.hpp"
#include "scenario/parameter_table.hpp"

using namespace gigsim;

TEST_CASE("Proposal utility adds the weighted signals and the log price ratio", "[choice]") {
  ClientParams weights = default_params().clients;
  weights.weight_reputation = 1.5;
  weights.weight_skill = 2.0;
  weights.weight_track_record = 0.4;
  // S = 1.5 * 4.5 + 0.4 * ln(1 + 9) + 2 * 0.6 = 6.75 + 0.921034 + 1.2 = 8.871034
  const double signal = quality_signal(weights, 4.5, 0.6, 9.0);
  CHECK(signal == Approx(8.871034).epsilon(1e-6));
  // q = 1.2, beta = 3, noise 0.1: 1.2 * (8.871034 + 2 * 0.1) - 3 * ln(15 / 20)
  //   = 10.885241 + 0.863046 = 11.748287; a partner adds the re-hire bonus 1.
  const ClientTaste taste{1.2, 3.0, 2.0, 1.0};
  CHECK(proposal_utility(taste, signal, 0.1, std::log(15.0), std::log(20.0), false) ==
        Approx(11.748287).epsilon(1e-6));
  CHECK(proposal_utility(taste, signal, 0.1, std::log(15.0), std::log(20.0), true) ==
        Approx(12.748287).epsilon(1e-6));
}

TEST_CASE("Logit choice splits the unit interval by exp(utility) shares", "[choice]") {
  // exp(0) : exp(1) : exp(2) = 1 : 2.718282 : 7.389056, total 11.107338
  // no hire 0.090031, bid 0 0.244728 (cumulative 0.334759), bid 1 0.665241.
  auto choose = [](double a, double b, double outside, double u) {
    double buffer[] = {a, b};  // logit_choice overwrites its input
    return logit_choice(buffer, 2, outside, u);
  };
  CHECK(choose(1.0, 2.0, 0.0, 0.05) == -1);
  CHECK(choose(1.0, 2.0, 0.0, 0.0900) == -1);  // no hire below 0.090031
  CHECK(choose(1.0, 2.0, 0.0, 0.0901) == 0);
  CHECK(choose(1.0, 2.0, 0.0, 0.3347) == 0);
  CHECK(choose(1.0, 2.0, 0.0, 0.3348) == 1);
  CHECK(choose(1.0, 2.0, 0.0, 0.9999) == 1);
  // Shifting every utility by a constant changes nothing (stable for large utilities).
  CHECK(choose(1001.0, 1002.0, 1000.0, 0.0900) == -1);
  CHECK(choose(1001.0, 1002.0, 1000.0, 0.0901) == 0);
  CHECK(choose(1001.0, 1002.0, 1000.0, 0.3348) == 1);
  CHECK(logit_choice(nullptr, 0, 0.0, 0.7) == -1);
}

TEST_CASE("Sliding fees are marginal over lifetime billings with the client", "[fees]") {
  FeeParams fees = default_params().fees;  // 20% to $500, 10% to $10k, 5% above
  REQUIRE(fees.schedule == FeeSchedule::sliding);
  CHECK(freelancer_fee_usd(fees, 0, 300) == Approx(60.0));
  CHECK(freelancer_fee_usd(fees, 400, 300) == Approx(40.0));     // 100 @ 20% + 200 @ 10%
  CHECK(freelancer_fee_usd(fees, 9000, 2000) == Approx(150.0));  // 1000 @ 10% + 1000 @ 5%
  CHECK(freelancer_fee_usd(fees, 0, 12000) == Approx(1150.0));   // 100 + 950 + 100
  CHECK(freelancer_fee_usd(fees, 20000, 1000) == Approx(50.0));
  CHECK(client_fee_usd(fees, 300) == Approx(15.0));
  fees.schedule = FeeSchedule::flat;
  CHECK(freelancer_fee_usd(fees, 9000, 300) == Approx(30.0));
}

TEST_CASE("Bid prices follow the strategy and never go below the floor", "[pricing]") {
  Params params = default_params();  // budget anchor 0.9, undercut 0.9
  CHECK(bid_price_usd(params, PricingStrategy::fixed, 22, 15, 30, 20) == Approx(22));
  CHECK(bid_price_usd(params, PricingStrategy::adaptive, 22, 15, 30, 20) == Approx(22));
  CHECK(bid_price_usd(params, PricingStrategy::budget_anchored, 22, 15, 30, 20) == Approx(27));
  CHECK(bid_price_usd(params, PricingStrategy::undercutter, 22, 15, 30, 20) == Approx(18));
  CHECK(bid_price_usd(params, PricingStrategy::undercutter, 22, 19, 30, 20) == Approx(19));
  params.policy.min_hourly_rate_usd = 25;
  CHECK(bid_price_usd(params, PricingStrategy::undercutter, 22, 19, 30, 20) == Approx(25));
  CHECK(bid_price_usd(params, PricingStrategy::fixed, 22, 19, 30, 20) == Approx(25));
}

TEST_CASE("Adaptive asks rise after a win, fall after a losing streak, floored", "[pricing]") {
  const Params params = default_params();  // +5% / -5%
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15, true, false) == Approx(21));
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15, false, true) == Approx(19));
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 19.5, false, true) == Approx(19.5));
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15, false, false) == Approx(20));
  CHECK(updated_ask_usd(params, PricingStrategy::fixed, 20, 15, true, false) == Approx(20));
}

TEST_CASE("Bidding belief and expected value of a proposal", "[bidding]") {
  CHECK(believed_win_probability(0.04, 0, 0) == Approx(0.04));
  CHECK(believed_win_probability(0.04, 10, 2) == Approx(3.0 / 35.0));
  // Above budget: (20/25)^3 = 0.512; 0.04 * 0.512 * (25 - 15) * 20 - 0.3 = 3.796
  CHECK(price_penalty(3, std::log(20.0), std::log(25.0)) == Approx(0.512));
  CHECK(proposal_value_usd(0.04, 0.512, 25, 15, 20, 0.3) == Approx(3.796));
  // At or below budget no penalty: 0.04 * (18 - 15) * 10 - 0.3 = 0.9
  CHECK(price_penalty(3, std::log(20.0), std::log(18.0)) == 1.0);
  CHECK(proposal_value_usd(0.04, 1.0, 18, 15, 10, 0.3) == Approx(0.9));
  CHECK(proposal_value_usd(0.04, 1.0, 18, 15, 10, 5.0) < 0.0);
}

TEST_CASE("Ratings, Bayesian reputation and contract length", "[delivery]") {
  CHECK(rating_for_quality(0.6, 0.5) == Approx(5.0));
  CHECK(rating_for_quality(0.3, 0.55) == Approx(4.0));
  CHECK(rating_for_quality(0.0, 1.0) == Approx(1.0));
  ReputationParams rep = default_params().reputation;  // prior 4 stars, weight 3
  CHECK(reputation_stars(rep, 14, 3) == Approx(26.0 / 6.0));
  CHECK(reputation_stars(rep, 0, 0) == Approx(4.0));
  const Params params = default_params();  // pace 20 h/week
  CHECK(contract_weeks(params, 20) == 1);
  CHECK(contract_weeks(params, 21) == 2);
  CHECK(contract_weeks(params, 100) == 5);
  CHECK(contract_weeks(params, 0.5) == 1);
}

TEST_CASE("Careers: trailing earnings, discouragement, switch or exit", "[careers]") {
  CHECK(updated_trailing_earnings(100, 220, 12) == Approx(110));
  CareerParams cp = default_params().careers;  // aspiration 5 h, patience 26, switch 5%, exit 5%
  CHECK(is_discouraging(cp, 70, 15));          // 70 < 5 * 15
  CHECK_FALSE(is_discouraging(cp, 80, 15));
  CHECK(career_move(cp, 25, true, false, 0.01) == CareerMove::stay);
  CHECK(career_move(cp, 26, true, false, 0.03) == CareerMove::switch_category);
  CHECK(career_move(cp, 26, true, false, 0.07) == CareerMove::exit);
  CHECK(career_move(cp, 26, true, false, 0.2) == CareerMove::stay);
  CHECK(career_move(cp, 26, false, false, 0.03) == CareerMove::exit);
  CHECK(career_move(cp, 40, true, true, 0.01) == CareerMove::stay);  // busy: no move
}

TEST_CASE("Entry responds to rates relative to reservations", "[entry]") {
  const CareerParams cp = default_params().careers;  // 0.002 per week, elasticity 1
  CHECK(market_attractiveness(24, 16) == Approx(1.5));
  CHECK(market_attractiveness(std::nan(""), 16) == Approx(1.0));
  CHECK(expected_entrants(cp, 10000, 1.5) == Approx(30.0));
}
