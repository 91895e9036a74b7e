#pragma once
// Freelancer agents as structure-of-arrays, indexed by a plain id (slot). Exited freelancers'
// slots are reused by entrants; `uid` identifies the person: it keys the person's random streams
// (so two runs that diverge still give the same person the same draws) and the panel.
#include <cstdint>
#include <vector>

#include "core/agent_array.hpp"

namespace gigsim {

enum class FreelancerStatus : std::uint8_t { active = 0, exited = 1 };
inline constexpr std::uint8_t kNoCategory = 0xFF;
inline constexpr std::int32_t kNoAgent = -1;
inline constexpr std::int32_t kNever = -1000000;  // a week long before any run
/// Freelancers who searched or held a contract within this many weeks are active (the Online
/// Labour Index counts workers active in recent weeks; a month here).
inline constexpr int kActiveWindowWeeks = 4;

struct Freelancers {
  // identity and career
  AgentArray<std::int64_t> uid;
  AgentArray<FreelancerStatus> status;
  AgentArray<std::uint8_t> leaving;  // decided to leave: takes no new work, exits once free
  AgentArray<std::uint8_t> primary_category;
  AgentArray<std::uint8_t> secondary_category;  // kNoCategory when none
  AgentArray<std::uint8_t> strategy;            // PricingStrategy
  // ability and reputation
  AgentArray<float> skill;       // in [0, 1]
  AgentArray<float> rating_sum;  // sum of star ratings received
  AgentArray<std::int32_t> rating_count;
  // prices and capacity
  AgentArray<float> reservation_rate_usd;   // per hour
  AgentArray<float> ask_rate_usd;           // per hour
  AgentArray<float> capacity_hours;         // per week
  AgentArray<float> committed_hours;        // per week: sum of the loads of contracts held
  AgentArray<std::uint8_t> contracts_held;  // occupied contract slots
  AgentArray<float> search_probability;     // weekly
  // bidding history (the freelancer's belief about winning)
  AgentArray<std::int32_t> bids_total;
  AgentArray<std::int32_t> wins_total;
  AgentArray<std::int32_t> bids_since_win;
  // AI tools and careers
  AgentArray<std::uint8_t> adopter;             // uses AI tools
  AgentArray<float> ai_proficiency;             // in [0, 1]
  AgentArray<std::uint8_t> reskill_target;      // category of the course, kNoCategory when none
  AgentArray<std::int16_t> reskill_weeks_left;  // > 0 while on a course (no search)
  AgentArray<std::uint8_t> specialist;          // bids only on complex work (moved up-market)
  // earnings
  AgentArray<float> income_this_week_usd;  // after fees, before bid costs
  AgentArray<float> bid_spend_this_week_usd;
  AgentArray<float> won_value_this_week_usd;  // net value of contracts won by bidding this week
  AgentArray<float> hours_this_week;          // hours worked this week
  AgentArray<float> trailing_earnings_usd;    // EMA of weekly net earnings
  AgentArray<double> lifetime_earnings_usd;
  AgentArray<std::int32_t> weeks_below_reservation;
  AgentArray<std::int32_t> last_contract_week;  // last week holding a contract
  AgentArray<std::int32_t> last_active_week;    // last week it searched or held a contract
  AgentArray<std::int32_t> last_paid_week;      // last week a contract paid it
  // A Bloom filter of the clients that have paid it (PairBillings::client_bits): most jobs a
  // searcher prices are from clients it never worked for, and this answers those without a
  // lookup in the pair table (which outgrows the caches).
  AgentArray<std::uint64_t> billed_clients;
  // this week's flags (reset every step)
  AgentArray<std::uint8_t> searched_this_week;
  AgentArray<std::uint8_t> won_this_week;
  AgentArray<std::uint8_t> completed_this_week;
  AgentArray<std::uint8_t> career_move_this_week;  // CareerMove

  // Contracts: `slots` per freelancer, freelancer-major ([id * slots + s]).
  std::size_t slots = 0;
  AgentArray<std::int32_t> contract_client;  // kNoAgent when the slot is free
  AgentArray<std::uint8_t> contract_category;
  AgentArray<std::uint8_t> contract_fixed_price;
  AgentArray<std::int16_t> contract_weeks_left;
  AgentArray<float> contract_rate_usd;    // agreed price per hour
  AgentArray<float> contract_hours;       // hours quoted
  AgentArray<float> contract_load_hours;  // hours per week it occupies
  AgentArray<float> contract_complexity;
  AgentArray<float> contract_paid_hours;  // set on completion
  AgentArray<float> contract_rating;      // set on completion
  AgentArray<std::uint8_t> contract_ai;   // done with AI tools

  std::size_t size() const { return uid.size(); }
  bool is_active(std::size_t id) const { return status[id] == FreelancerStatus::active; }
  bool is_reskilling(std::size_t id) const { return reskill_weeks_left[id] > 0; }
  /// Registered and active in `week`: searched or held a contract within kActiveWindowWeeks.
  bool is_recently_active(std::size_t id, std::int32_t week) const {
    return is_active(id) && last_active_week[id] > week - kActiveWindowWeeks;
  }

  /// Grows every array to `n` agents (new slots are exited and have free contract slots).
  void resize(std::size_t n, std::size_t contract_slots);
  void reserve(std::size_t n);

  /// Calls visit(array, value of a new slot) for every per-agent array: the one list of them.
  template <typename Visit>
  void for_each_agent_array(Visit&& visit) {
    visit(uid, -1);
    visit(status, FreelancerStatus::exited);
    visit(leaving, 0);
    visit(primary_category, 0);
    visit(secondary_category, kNoCategory);
    visit(strategy, 0);
    visit(skill, 0.0f);
    visit(rating_sum, 0.0f);
    visit(rating_count, 0);
    visit(reservation_rate_usd, 0.0f);
    visit(ask_rate_usd, 0.0f);
    visit(capacity_hours, 0.0f);
    visit(committed_hours, 0.0f);
    visit(contracts_held, 0);
    visit(search_probability, 0.0f);
    visit(bids_total, 0);
    visit(wins_total, 0);
    visit(bids_since_win, 0);
    visit(adopter, 0);
    visit(ai_proficiency, 0.0f);
    visit(reskill_target, kNoCategory);
    visit(reskill_weeks_left, 0);
    visit(specialist, 0);
    visit(income_this_week_usd, 0.0f);
    visit(bid_spend_this_week_usd, 0.0f);
    visit(won_value_this_week_usd, 0.0f);
    visit(hours_this_week, 0.0f);
    visit(trailing_earnings_usd, 0.0f);
    visit(lifetime_earnings_usd, 0.0);
    visit(weeks_below_reservation, 0);
    visit(last_contract_week, kNever);
    visit(last_active_week, kNever);
    visit(last_paid_week, kNever);
    visit(billed_clients, std::uint64_t{0});
    visit(searched_this_week, 0);
    visit(won_this_week, 0);
    visit(completed_this_week, 0);
    visit(career_move_this_week, 0);
  }

  /// The same for every contract array ([id * slots + s]).
  template <typename Visit>
  void for_each_contract_array(Visit&& visit) {
    visit(contract_client, kNoAgent);
    visit(contract_category, 0);
    visit(contract_fixed_price, 0);
    visit(contract_weeks_left, 0);
    visit(contract_rate_usd, 0.0f);
    visit(contract_hours, 0.0f);
    visit(contract_load_hours, 0.0f);
    visit(contract_complexity, 0.0f);
    visit(contract_paid_hours, 0.0f);
    visit(contract_rating, 0.0f);
    visit(contract_ai, 0);
  }
};

}  // namespace gigsim
