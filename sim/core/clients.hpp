#pragma once
// Client agents as structure-of-arrays. The client population is fixed for a run.
#include <cstdint>
#include <vector>

namespace gigsim {

struct Clients {
  std::vector<std::uint8_t> main_category;   // the category most of its jobs are in
  std::vector<float> posting_rate_per_week;  // mean jobs posted per week at the initial demand
  std::vector<float> budget_level;           // multiplier on the category budget rate
  std::vector<float> price_sensitivity;      // logit weight on log(price / budget)
  std::vector<float> quality_sensitivity;    // mean-one multiplier on the quality weights
  std::vector<std::uint8_t> ai_averse;       // penalises AI-made work
  // relationship with the last freelancer paid (re-hire)
  std::vector<std::int32_t> partner;      // kNoAgent when none
  std::vector<std::int64_t> partner_uid;  // guards against a reused freelancer slot
  std::vector<float> partner_last_rating;
  std::vector<double> total_spend_usd;  // everything paid, client fees included

  std::size_t size() const { return posting_rate_per_week.size(); }
  void resize(std::size_t n);

  /// Calls visit(array, value of a new client) for every per-client array: the one list of them.
  template <typename Visit>
  void for_each_array(Visit&& visit) {
    visit(main_category, 0);
    visit(posting_rate_per_week, 0.0f);
    visit(budget_level, 1.0f);
    visit(price_sensitivity, 0.0f);
    visit(quality_sensitivity, 1.0f);
    visit(ai_averse, 0);
    visit(partner, -1);
    visit(partner_uid, -1);
    visit(partner_last_rating, 0.0f);
    visit(total_spend_usd, 0.0);
  }
};

}  // namespace gigsim
