// Careers; see careers.hpp.
#include "labour/careers.hpp"

#include <algorithm>

namespace gigsim {

double updated_trailing_earnings(double trailing_usd, double week_earnings_usd,
                                 double horizon_weeks) {
  return trailing_usd + (week_earnings_usd - trailing_usd) / horizon_weeks;
}

bool is_discouraging(const CareerParams& params, double trailing_usd, double reservation_usd) {
  return trailing_usd < params.aspiration_hours_per_week * reservation_usd;
}

CareerMove career_move(const CareerParams& params, std::int32_t weeks_below, bool has_secondary,
                       bool has_contracts, double u) {
  if (has_contracts || weeks_below < params.patience_weeks) return CareerMove::stay;
  const double p_switch = has_secondary ? params.switch_probability : 0.0;
  if (u < p_switch) return CareerMove::switch_category;
  if (u < p_switch + params.exit_probability) return CareerMove::exit;
  return CareerMove::stay;
}

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
    // Only weeks of actual search test a career: a registered profile that does not look for
    // work is dormant, not discouraged (most registered freelancers are idle; FACTS, OLI).
    if (!fl.searched_this_week[f]) continue;
    if (is_discouraging(cp, fl.trailing_earnings_usd[f], fl.reservation_rate_usd[f])) {
      ++fl.weeks_below_reservation[f];
    } else {
      fl.weeks_below_reservation[f] = 0;
    }
    if (fl.weeks_below_reservation[f] < cp.patience_weeks) continue;
    Stream stream = state.streams.open(week, static_cast<std::uint32_t>(f), Purpose::careers);
    const bool has_contracts = fl.committed_hours[f] > 0.0f;
    const CareerMove move =
        career_move(cp, fl.weeks_below_reservation[f], fl.secondary_category[f] != kNoCategory,
                    has_contracts, stream.uniform());
    fl.career_move_this_week[f] = static_cast<std::uint8_t>(move);
    if (move == CareerMove::switch_category) {
      std::swap(fl.primary_category[f], fl.secondary_category[f]);
      fl.weeks_below_reservation[f] = 0;
    } else if (move == CareerMove::exit) {
      fl.status[f] = FreelancerStatus::exited;
    }
  }
  for (std::size_t f = 0; f < fl.size(); ++f) {
    const auto move = static_cast<CareerMove>(fl.career_move_this_week[f]);
    if (move == CareerMove::switch_category) ++state.tally.switches;
    if (move == CareerMove::exit) {
      ++state.tally.exits;
      state.free_slots.push_back(static_cast<std::int32_t>(f));
    }
  }
}

}  // namespace gigsim
