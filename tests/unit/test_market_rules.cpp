// The model's maths with numbers worked out by hand: logit choice, fees, pricing, bidding value,
// delivery and reputation, careers, entry, contract duration.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "core/rng.hpp"
#include "labour/careers.hpp"
#include "labour/entry.hpp"
#include "labour/population.hpp"
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

TEST_CASE("A fee band's positive part is std::max(0, x) bit for bit", "[fees]") {
  // The fee's bands take max(0, x) as one instruction; it must agree with std::max(0.0, x) on
  // every input, signed zeros, infinities and NaN included (std::max gives its first argument
  // unless the second is greater, so a NaN gives +0).
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double x :
       {-inf, -1e300, -2.5, -0x1p-1074, -0.0, 0.0, 0x1p-1074, 2.5, 1e300, inf, nan}) {
    const double expected = x > 0.0 ? x : 0.0;
    const double got = fee_detail::positive_part(x);
    CHECK(std::signbit(got) == false);
    CHECK(got == expected);
  }
}

TEST_CASE("The price floor covers the reservation net of the fee on new work", "[pricing]") {
  Params params = default_params();  // sliding: 20% on the first $500 with a client
  CHECK(new_client_fee_rate(params.fees) == Approx(0.20));
  CHECK(price_floor_usd(params, 15) == Approx(18.75));  // 15 / (1 - 0.20)
  params.fees.schedule = FeeSchedule::flat;
  params.fees.flat_rate = 0.10;
  CHECK(new_client_fee_rate(params.fees) == Approx(0.10));
  CHECK(price_floor_usd(params, 15) == Approx(15.0 / 0.9));
  params.policy.min_hourly_rate_usd = 20;  // a binding minimum rate
  CHECK(price_floor_usd(params, 15) == Approx(20));
  CHECK(client_price_factor(params.fees) == Approx(1.05));
}

TEST_CASE("Bid prices follow the strategy and never go below the floor", "[pricing]") {
  Params params = default_params();  // budget anchor 0.9, undercut 0.9; floor = r / 0.8
  CHECK(bid_price_usd(params, PricingStrategy::fixed, 22, 14, 30, 20) == Approx(22));
  CHECK(bid_price_usd(params, PricingStrategy::adaptive, 22, 14, 30, 20) == Approx(22));
  CHECK(bid_price_usd(params, PricingStrategy::budget_anchored, 22, 14, 30, 20) == Approx(27));
  CHECK(bid_price_usd(params, PricingStrategy::undercutter, 22, 14, 30, 20) == Approx(18));
  // Reservation 19: the floor 19 / 0.8 = 23.75 binds for the undercutter and the fixed ask.
  CHECK(bid_price_usd(params, PricingStrategy::undercutter, 22, 19, 30, 20) == Approx(23.75));
  CHECK(bid_price_usd(params, PricingStrategy::fixed, 22, 19, 30, 20) == Approx(23.75));
  params.policy.min_hourly_rate_usd = 25;
  CHECK(bid_price_usd(params, PricingStrategy::undercutter, 22, 19, 30, 20) == Approx(25));
  CHECK(bid_price_usd(params, PricingStrategy::fixed, 22, 19, 30, 20) == Approx(25));
}

TEST_CASE("Adaptive asks rise after a win, fall after a losing streak, floored", "[pricing]") {
  const Params params = default_params();  // +5% / -5%; floor = r / 0.8
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15, true, false) == Approx(21));
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15, false, true) == Approx(19));
  // 20 x 0.95 = 19 is below the floor 15.6 / 0.8 = 19.5.
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15.6, false, true) == Approx(19.5));
  CHECK(updated_ask_usd(params, PricingStrategy::adaptive, 20, 15, false, false) == Approx(20));
  CHECK(updated_ask_usd(params, PricingStrategy::fixed, 20, 15, true, false) == Approx(20));
}

TEST_CASE("Bidding belief and expected value of a proposal", "[bidding]") {
  CHECK(believed_win_probability(0.04, 0, 0) == Approx(0.04));
  CHECK(believed_win_probability(0.04, 10, 2) == Approx(3.0 / 35.0));
  // Above budget: the client pays 25 x 1.05 = 26.25 against a budget of 20:
  // penalty (20 / 26.25)^3 = 0.442285.
  const double penalty = price_penalty(3, std::log(20.0), std::log(25.0 * 1.05));
  CHECK(penalty == Approx(0.442285).epsilon(1e-5));
  // At or below budget no penalty.
  CHECK(price_penalty(3, std::log(20.0), std::log(18.0 * 1.05)) == 1.0);
  // EV = p (net pay - reservation x hours) penalty - bid cost, one freelancer under two fees:
  // reservation $15/h, 20 h at $25 = $500 gross, p = 0.04, bid cost $0.30.
  FeeParams fees = default_params().fees;
  fees.schedule = FeeSchedule::flat;
  fees.flat_rate = 0.10;  // net 450: 0.04 x 0.442285 x (450 - 300) - 0.3 = 2.353709
  CHECK(net_pay_usd(fees, 0, 500) == Approx(450));
  CHECK(proposal_value_usd(0.04, penalty, net_pay_usd(fees, 0, 500), 300, 0.3) ==
        Approx(2.353709).epsilon(1e-5));
  fees.schedule = FeeSchedule::sliding;  // new client, 20%: net 400 -> 1.469139
  CHECK(proposal_value_usd(0.04, penalty, net_pay_usd(fees, 0, 500), 300, 0.3) ==
        Approx(1.469139).epsilon(1e-5));
  // $400 already billed to this client: fee 0.2 x 100 + 0.1 x 400 = 60, net 440 -> 2.176795
  CHECK(net_pay_usd(fees, 400, 500) == Approx(440));
  CHECK(proposal_value_usd(0.04, penalty, net_pay_usd(fees, 400, 500), 300, 0.3) ==
        Approx(2.176795).epsilon(1e-5));
  // A bid cost above the expected margin makes the proposal not worth sending.
  CHECK(proposal_value_usd(0.04, 1.0, 400, 300, 5.0) < 0.0);
}

TEST_CASE("A proposal's value at no price penalty bounds its value at any penalty", "[bidding]") {
  // A searcher skips the penalty's exponential where this bound rules a job out; the skip must
  // never drop a job the full value would keep. In floating point, for bid costs >= 0 and
  // penalties in (0, 1]: a bound at or below zero means a value at or below zero, and a
  // positive bound is at least the value.
  Stream draws(11, 0, 3, 5, Purpose::bidding);
  std::size_t ruled_out = 0;
  for (int i = 0; i < 200000; ++i) {
    const double p_win = draws.uniform();
    const double penalty = i % 7 == 0 ? 1.0 : std::nextafter(draws.uniform(), 2.0);  // (0, 1]
    const double net = 2000.0 * draws.uniform();
    const double reservation_cost = 2000.0 * draws.uniform();
    const double bid_cost = i % 5 == 0 ? 0.0 : 2.0 * draws.uniform();
    const double bound = proposal_value_usd(p_win, 1.0, net, reservation_cost, bid_cost);
    const double value = proposal_value_usd(p_win, penalty, net, reservation_cost, bid_cost);
    if (bound <= 0.0) {
      ++ruled_out;
      REQUIRE(value <= 0.0);
    } else {
      REQUIRE(value <= bound);
    }
  }
  CHECK(ruled_out > 50000);  // both sides of the bound were tried
  // Exactly at the edge: a zero margin and no bid cost give a value of zero, not above.
  CHECK(proposal_value_usd(0.3, 0.5, 100.0, 100.0, 0.0) <= 0.0);
}

TEST_CASE("Ratings, Bayesian reputation and contract length", "[delivery]") {
  CHECK(rating_for_quality(0.6, 0.5) == Approx(5.0));
  CHECK(rating_for_quality(0.3, 0.55) == Approx(4.0));
  CHECK(rating_for_quality(0.0, 1.0) == Approx(1.0));
  ReputationParams rep = default_params().reputation;  // prior 4 stars, weight 3
  CHECK(reputation_stars(rep, 14, 3) == Approx(26.0 / 6.0));
  CHECK(reputation_stars(rep, 0, 0) == Approx(4.0));
  const Params params = default_params();  // pace 20 h/week
  CHECK(contract_weeks(20, params.market.pace_hours_per_week) == 1);
  CHECK(contract_weeks(21, params.market.pace_hours_per_week) == 2);
  CHECK(contract_weeks(100, params.market.pace_hours_per_week) == 5);
  CHECK(contract_weeks(0.5, params.market.pace_hours_per_week) == 1);
}

TEST_CASE("Careers: trailing earnings, discouragement, switch or exit", "[careers]") {
  CHECK(updated_trailing_earnings(100, 220, 12) == Approx(110));
  CareerParams cp = default_params().careers;  // aspiration 5 h, patience 26, switch 5%, exit 5%
  CHECK(is_discouraging(cp, 70, 15));          // 70 < 5 * 15
  CHECK_FALSE(is_discouraging(cp, 80, 15));
  // Defaults: switch 5%, reskill 20%, specialise 10%, exit 5% of the unit interval, in order.
  CareerOptions secondary_only;
  secondary_only.better_secondary = true;
  CHECK(career_move(cp, 25, secondary_only, false, 0.01) == CareerMove::stay);  // patience
  CHECK(career_move(cp, 26, secondary_only, false, 0.03) == CareerMove::switch_category);
  CHECK(career_move(cp, 26, secondary_only, false, 0.07) == CareerMove::exit);  // 0.05 + 0.05
  CHECK(career_move(cp, 26, secondary_only, false, 0.2) == CareerMove::stay);
  // The secondary category does not pay more: no switch, the same draw exits.
  CHECK(career_move(cp, 26, CareerOptions{}, false, 0.03) == CareerMove::exit);
  CHECK(career_move(cp, 40, secondary_only, true, 0.01) == CareerMove::stay);  // busy: no move
  // Every option open: [0, .05) switch, [.05, .25) reskill, [.25, .35) specialise,
  // [.35, .40) exit.
  const CareerOptions all{true, true, true};
  CHECK(career_move(cp, 26, all, false, 0.049) == CareerMove::switch_category);
  CHECK(career_move(cp, 26, all, false, 0.24) == CareerMove::reskill);
  CHECK(career_move(cp, 26, all, false, 0.30) == CareerMove::specialise);
  CHECK(career_move(cp, 26, all, false, 0.37) == CareerMove::exit);
  CHECK(career_move(cp, 26, all, false, 0.41) == CareerMove::stay);
  // Dormant after 26 weeks without search or contract.
  CHECK_FALSE(is_dormant(cp, 100, 125));
  CHECK(is_dormant(cp, 100, 126));
}

TEST_CASE("Entry follows a searcher's expected earnings against the outside option", "[entry]") {
  const Params params = default_params();  // prospects 1/104 per initial freelancer a week
  MarketState state;
  for (const CategoryParams& c : params.categories) state.initial_demand.push_back(c.demand_share);
  double total_demand = 0;
  for (double d : state.initial_demand) total_demand += d;
  // Writing (index 0, demand 0.15): 20000 / 104 x 0.15 / total prospects a week.
  CHECK(prospects_per_week(params, state, 0) == Approx(20000.0 / 104.0 * 0.15 / total_demand));
  // A searcher earning $70 a week joins if 5 h at its reservation is at most $70: r <= $14.
  CHECK(entry_reservation_cap_usd(params.careers, 70) == Approx(14));
  CHECK(entry_reservation_cap_usd(params.careers, -3) == 0.0);  // searching loses money
  CHECK(entry_reservation_cap_usd(params.careers, std::nan("")) == 0.0);
  // Writing reservations: log-normal, median 20 x 0.8 / 1.4 = 11.4286, log-sd 0.35;
  // P(r <= 14) = Phi(ln(14 / 11.4286) / 0.35) = Phi(0.5798) = 0.718986.
  CHECK(median_reservation_usd(params, 0) == Approx(20 * 0.8 / 1.4));
  CHECK(reservation_share_below(params, 0, 14) == Approx(0.718986).epsilon(1e-5));
  CHECK(reservation_share_below(params, 0, 0) == 0.0);
  state.signals.searcher_earnings_usd.assign(params.categories.size(), 70.0);
  CHECK(expected_entrants(params, state, 0) ==
        Approx(prospects_per_week(params, state, 0) * 0.718986).epsilon(1e-5));
  state.signals.searcher_earnings_usd[0] = -1.0;  // a loss: nobody joins
  CHECK(expected_entrants(params, state, 0) == 0.0);
}
