// Careers; see careers.hpp.
#include "labour/careers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "core/parallel.hpp"
#include "labour/reskilling.hpp"

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

CareerMove career_move(const CareerParams& params, std::int32_t weeks_below,
                       const CareerOptions& options, bool has_contracts, double u) {
  if (has_contracts || weeks_below < params.patience_weeks) return CareerMove::stay;
  const std::array<std::pair<double, CareerMove>, 4> moves{{
      {options.better_secondary ? params.switch_probability : 0.0, CareerMove::switch_category},
      {options.course_pays ? params.reskill_probability : 0.0, CareerMove::reskill},
      {options.can_specialise ? params.upmarket_probability : 0.0, CareerMove::specialise},
      {params.exit_probability, CareerMove::exit},
  }};
  for (const auto& [probability, move] : moves) {
    if (u < probability) return move;
    u -= probability;
  }
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

/// Freelancer f's review of the week (f is registered and not on a course); `careers_block` is
/// the first block of its careers stream.
void review_career(const Params& params, MarketState& state, std::size_t f,
                   const PhiloxBlock& careers_block) {
  Freelancers& fl = state.freelancers;
  const CareerParams& cp = params.careers;
  Stream stream =
      state.streams.open(static_cast<std::uint32_t>(state.week),
                         static_cast<std::uint32_t>(fl.uid[f]), Purpose::careers, careers_block);
  // Leaving for reasons outside the platform strikes busy freelancers too; they finish their
  // contracts first and take no new work meanwhile.
  if (stream.uniform() < cp.leave_probability) fl.leaving[f] = 1;
  const bool free = fl.contracts_held[f] == 0;
  if (fl.leaving[f] && free) {
    fl.career_move_this_week[f] = static_cast<std::uint8_t>(CareerMove::leave);
    fl.status[f] = FreelancerStatus::exited;
    return;
  }
  // Attrition of dormant profiles (registered but neither searching nor working).
  if (free && is_dormant(cp, fl.last_active_week[f], state.week)) {
    if (stream.uniform() < cp.dormant_exit_probability) {
      fl.career_move_this_week[f] = static_cast<std::uint8_t>(CareerMove::dormant_exit);
      fl.status[f] = FreelancerStatus::exited;
    }
    return;
  }
  // Only weeks of actual search test a career: a registered profile that does not look for
  // work is idle, not discouraged (most registered freelancers are idle; Kässi et al., Online
  // Labour Index).
  if (!fl.searched_this_week[f]) return;
  if (is_discouraging(cp, fl.trailing_earnings_usd[f], fl.reservation_rate_usd[f])) {
    ++fl.weeks_below_reservation[f];
  } else {
    fl.weeks_below_reservation[f] = 0;
  }
  if (fl.weeks_below_reservation[f] < cp.patience_weeks) return;
  CareerOptions options;
  options.better_secondary =
      secondary_pays_more(state.signals, fl.primary_category[f], fl.secondary_category[f]);
  const std::uint8_t target = reskilling_target(params, state, fl.primary_category[f]);
  options.course_pays = target != kNoCategory;
  options.can_specialise = !fl.specialist[f] && fl.skill[f] >= cp.upmarket_min_skill;
  const CareerMove move = career_move(cp, fl.weeks_below_reservation[f], options,
                                      fl.contracts_held[f] > 0, stream.uniform());
  fl.career_move_this_week[f] = static_cast<std::uint8_t>(move);
  switch (move) {
    case CareerMove::switch_category:
      std::swap(fl.primary_category[f], fl.secondary_category[f]);
      fl.weeks_below_reservation[f] = 0;
      break;
    case CareerMove::reskill:
      start_course(params, fl, f, target);
      break;
    case CareerMove::specialise:
      specialise(fl, f);
      break;
    case CareerMove::exit:
      fl.status[f] = FreelancerStatus::exited;
      break;
    default:
      break;
  }
}

/// Freelancers whose careers streams start together: one vector register of Philox blocks.
inline constexpr std::size_t kReviewBatch = 16;

}  // namespace

void review_careers(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  const auto week = static_cast<std::uint32_t>(state.week);
  const CareerParams& cp = params.careers;
  const std::size_t n = fl.size();
  // Every registered freelancer draws from its careers stream each week (the leave draw), most
  // of them dormant: their first blocks are computed a batch at a time, several per instruction.
#pragma omp parallel for schedule(static)
  for (std::size_t batch = 0; batch < (n + kReviewBatch - 1) / kReviewBatch; ++batch) {
    const std::size_t first = batch * kReviewBatch;
    const std::size_t last = std::min(n, first + kReviewBatch);
    std::array<PhiloxBlock, kReviewBatch> counters;
    std::array<PhiloxBlock, kReviewBatch> blocks;
    std::array<std::size_t, kReviewBatch> reviewers;
    std::size_t reviewed = 0;
    for (std::size_t f = first; f < last; ++f) {
      fl.career_move_this_week[f] = static_cast<std::uint8_t>(CareerMove::stay);
      if (!fl.is_active(f)) continue;
      // Net of everything the work costs: fees (already off the income), bids, AI tools.
      const double tools =
          fl.adopter[f] ? state.ai.tool_cost_usd_per_week[fl.primary_category[f]] : 0.0;
      const double earnings =
          static_cast<double>(fl.income_this_week_usd[f]) - fl.bid_spend_this_week_usd[f] - tools;
      fl.trailing_earnings_usd[f] = static_cast<float>(
          updated_trailing_earnings(fl.trailing_earnings_usd[f], earnings, cp.trailing_weeks));
      if (fl.is_reskilling(f)) {
        progress_course(params, fl, f);
        fl.last_active_week[f] = state.week;  // studying is not dormancy
        continue;
      }
      reviewers[reviewed] = f;
      counters[reviewed++] = state.streams.first_counter(
          week, static_cast<std::uint32_t>(fl.uid[f]), Purpose::careers);
    }
    philox4x32_10_many(counters.data(), reviewed, state.streams.key(), blocks.data());
    for (std::size_t i = 0; i < reviewed; ++i)
      review_career(params, state, reviewers[i], blocks[i]);
  }
  WeekTally& tally = state.tally;
  // The week's moves counted, and exits' slots freed, in slot order; the few who moved are
  // found in parallel.
  std::vector<std::uint32_t> moved;
  ordered_filter(n, moved, [&](std::size_t f) {
    return static_cast<CareerMove>(fl.career_move_this_week[f]) != CareerMove::stay;
  });
  for (const std::uint32_t f : moved) {
    const auto move = static_cast<CareerMove>(fl.career_move_this_week[f]);
    if (move == CareerMove::switch_category) ++tally.switches;
    if (move == CareerMove::specialise) ++tally.specialisations;
    if (move == CareerMove::reskill) {
      ++tally.reskill_starts;
      ++tally.reskill_starts_by_category[fl.reskill_target[f]];
      tally.training_subsidy_usd +=
          params.careers.reskill_cost_usd * params.policy.training_subsidy;
    }
    if (move == CareerMove::exit || move == CareerMove::leave || move == CareerMove::dormant_exit) {
      ++tally.exits;
      if (move == CareerMove::dormant_exit) ++tally.dormant_exits;
      ++tally.exits_by_category[fl.primary_category[f]];
      state.free_slots.push_back(static_cast<std::int32_t>(f));
    }
  }
}

}  // namespace gigsim
