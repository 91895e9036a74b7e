#pragma once
// Client agents as structure-of-arrays. The client population is fixed for a run.
#include <cstdint>
#include <vector>

namespace gigsim {

struct Clients {
  std::vector<std::uint8_t> main_category;   // the category most of its jobs are in
  std::vector<float> posting_rate_per_week;  // mean jobs posted per week
  std::vector<float> budget_level;           // multiplier on the category budget rate
  std::vector<float> price_sensitivity;      // logit weight on log(price / budget)
  std::vector<float> quality_sensitivity;    // mean-one multiplier on the quality weights
  // relationship with the last freelancer paid (re-hire, sliding fee tiers)
  std::vector<std::int32_t> partner;      // kNoAgent when none
  std::vector<std::int64_t> partner_uid;  // guards against a reused freelancer slot
  std::vector<float> partner_last_rating;
  std::vector<double> partner_billings_usd;  // lifetime billings with the partner
  std::vector<double> total_spend_usd;       // everything paid, client fees included

  std::size_t size() const { return posting_rate_per_week.size(); }
  void resize(std::size_t n);
};

}  // namespace gigsim
