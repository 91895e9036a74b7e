// Week tallies of the market state.
#include "core/market_state.hpp"

namespace gigsim {

void WeekTally::reset(std::size_t categories) {
  jobs_posted = jobs_deterred = rehires = exits = dormant_exits = switches = 0;
  reskill_starts = specialisations = adoptions = abandonments = 0;
  client_spend_usd = freelancer_income_usd = platform_revenue_usd = 0.0;
  ai_tool_spend_usd = training_subsidy_usd = 0.0;
  jobs_posted_by_category.assign(categories, 0);
  jobs_automated_by_category.assign(categories, 0);
  reskill_starts_by_category.assign(categories, 0);
  entrants_by_category.assign(categories, 0);
  exits_by_category.assign(categories, 0);
  income_by_category_usd.assign(categories, 0.0);
}

}  // namespace gigsim
