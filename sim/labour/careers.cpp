// Careers; see careers.hpp.
#include "labour/careers.hpp"

#include <algorithm>
#include <cmath>

namespace gigsim {

double updated_trailing_earnings(double trailing_usd, double week_earnings_usd,
                                 double horizon_weeks) {
  return trailing_usd + (week_earnings_usd - trailing_usd) / horizon_weeks;
}

bool is_discouraging(const CareerParams& params, double trailing_usd, double reservation_usd) {
  return trailing_usd < params.aspiration_hours_per_week * reservation_usd;
}

bool is_dormant(const CareerParams& params, std::int32_t last_active_week, std::int32_t week) {
  return static_cast<std::int64_t>(week) - last_active_week >= params.dormant_after_weeks;
}

CareerMove career_move(const CareerParams& params, std::int32_t weeks_below, bool better_secondary,
                       bool has_contracts, double u) {
  if (has_contracts || weeks_below < params.patience_weeks) return CareerMove::stay;
  const double p_switch = better_secondary ? params.switch_probability : 0.0;
  if (u < p_switch) return CareerMove::switch_category;
  if (u < p_switch + params.exit_probability) return CareerMove::exit;
  return CareerMove::stay;
}

namespace {

/// Is a week of search in category `secondary` expected to pay more than in `primary`?
bool secondary_pays_more(const MarketSignals& signals, std::uint8_t primary,
                         std::uint8_t secondary) {
  if (secondary == kNoCategory) return false;
  const double there = signals.searcher_earnings_usd[secondary];
  const double here = signals.searcher_earnings_usd[primary];
  if (std::isnan(there)) return false;
  return std::isnan(here) || there > here;
}

}  // namespace

void review_careers(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  const auto week = static_cast<std::uint32_t>(state.week);
  const CareerParams& cp = params.careers;
#pragma omp parallel for schedule(static)
  for (std::size_t f = 0; f < fl.size(); ++f) {
    fl.career_move_this_week[f] = static_cast<std::uint8_t>(CareerMove::stay);
    if (!fl.is_active(f)) continue;
    const double earnings =
        static_cast<double>(fl.income_this_week_usd[f]) - fl.bid_spend_this_week_usd[f];
    fl.trailing_earnings_usd[f] = static_cast<float>(
        updated_trailing_earnings(fl.trailing_earnings_usd[f], earnings, cp.trailing_weeks));
    Stream stream =
        state.streams.open(week, static_cast<std::uint32_t>(fl.uid[f]), Purpose::careers);
    // Leaving for reasons outside the platform strikes busy freelancers too; they finish their
    // contracts first and take no new work meanwhile.
    if (stream.uniform() < cp.leave_probability) fl.leaving[f] = 1;
    const bool free = fl.contracts_held[f] == 0;
    if (fl.leaving[f] && free) {
      fl.career_move_this_week[f] = static_cast<std::uint8_t>(CareerMove::leave);
      fl.status[f] = FreelancerStatus::exited;
      continue;
    }
    // Attrition of dormant profiles (registered but neither searching nor working).
    if (free && is_dormant(cp, fl.last_active_week[f], state.week)) {
      if (stream.uniform() < cp.dormant_exit_probability) {
        fl.career_move_this_week[f] = static_cast<std::uint8_t>(CareerMove::dormant_exit);
        fl.status[f] = FreelancerStatus::exited;
      }
      continue;
    }
    // Only weeks of actual search test a career: a registered profile that does not look for
    // work is idle, not discouraged (most registered freelancers are idle; Kässi et al., Online
    // Labour Index).
    if (!fl.searched_this_week[f]) continue;
    if (is_discouraging(cp, fl.trailing_earnings_usd[f], fl.reservation_rate_usd[f])) {
      ++fl.weeks_below_reservation[f];
    } else {
      fl.weeks_below_reservation[f] = 0;
    }
    if (fl.weeks_below_reservation[f] < cp.patience_weeks) continue;
    const CareerMove move = career_move(
        cp, fl.weeks_below_reservation[f],
        secondary_pays_more(state.signals, fl.primary_category[f], fl.secondary_category[f]),
        fl.contracts_held[f] > 0, stream.uniform());
    fl.career_move_this_week[f] = static_cast<std::uint8_t>(move);
    if (move == CareerMove::switch_category) {
      std::swap(fl.primary_category[f], fl.secondary_category[f]);
      fl.weeks_below_reservation[f] = 0;
    } else if (move == CareerMove::exit) {
      fl.status[f] = FreelancerStatus::exited;
    }
  }
  WeekTally& tally = state.tally;
  for (std::size_t f = 0; f < fl.size(); ++f) {
    const auto move = static_cast<CareerMove>(fl.career_move_this_week[f]);
    if (move == CareerMove::switch_category) ++tally.switches;
    if (move == CareerMove::exit || move == CareerMove::leave || move == CareerMove::dormant_exit) {
      ++tally.exits;
      if (move == CareerMove::dormant_exit) ++tally.dormant_exits;
      ++tally.exits_by_category[fl.primary_category[f]];
      state.free_slots.push_back(static_cast<std::int32_t>(f));
    }
  }
}

}  // namespace gigsim
