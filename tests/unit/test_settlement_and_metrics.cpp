// Hand-built market states with numbers worked out by hand: a contract settled to the cent,
// sliding fees that follow each (client, person) pair, the weekly metrics on known inputs, and
// the job store posting leaves.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <type_traits>
#include <utility>
#include <vector>

#include "ai/capability.hpp"
#include "core/statistics.hpp"
#include "engine/metrics_collector.hpp"
#include "market/contracts.hpp"
#include "market/posting.hpp"
#include "market/signals.hpp"
#include "scenario/parameter_table.hpp"

using namespace gigsim;

namespace {

/// A market of `n_freelancers` active freelancers and `n_clients` clients, nothing else.
MarketState hand_built_state(const Params& params, std::size_t n_freelancers,
                             std::size_t n_clients) {
  MarketState state;
  state.freelancers.resize(n_freelancers, static_cast<std::size_t>(params.market.contract_slots));
  for (std::size_t f = 0; f < n_freelancers; ++f) {
    state.freelancers.status[f] = FreelancerStatus::active;
    state.freelancers.uid[f] = static_cast<std::int64_t>(100 + f);
    state.freelancers.capacity_hours[f] = 40.0f;
  }
  state.clients.resize(n_clients);
  state.tally.reset(params.categories.size());
  for (const CategoryParams& category : params.categories) {
    state.initial_demand.push_back(category.demand_share);
  }
  initialise_signals(params, state);
  advance_ai_capability(params, state, 0);
  return state;
}

/// Puts a contract that completes this week in slot 0 of freelancer f.
void completed_contract(MarketState& state, std::size_t f, std::int32_t client, float rate,
                        float paid_hours) {
  Freelancers& fl = state.freelancers;
  const std::size_t slot = f * fl.slots;
  fl.contract_client[slot] = client;
  fl.contract_category[slot] = 0;
  fl.contract_weeks_left[slot] = 0;
  fl.contract_rate_usd[slot] = rate;
  fl.contract_hours[slot] = paid_hours;
  fl.contract_load_hours[slot] = 10.0f;
  fl.contract_paid_hours[slot] = paid_hours;
  fl.contract_rating[slot] = 5.0f;
  fl.contracts_held[f] = 1;
  fl.committed_hours[f] = 10.0f;
  fl.completed_this_week[f] = 1;
}

}  // namespace

TEST_CASE("A completed contract is settled to the cent", "[contracts][fees]") {
  // $25/h for 12 paid hours: gross $300. Sliding fee on a new pair: 20% = $60; client fee 5% =
  // $15. The client pays $315, the freelancer gets $240, the platform keeps $75.
  const Params params = default_params();
  MarketState state = hand_built_state(params, 1, 1);
  completed_contract(state, 0, 0, 25.0f, 12.0f);
  settle_completed_contracts(params, state);
  CHECK(state.clients.total_spend_usd[0] == Approx(315.0).epsilon(1e-12));
  CHECK(state.freelancers.lifetime_earnings_usd[0] == Approx(240.0).epsilon(1e-12));
  CHECK(state.freelancers.income_this_week_usd[0] == Approx(240.0f));
  CHECK(state.tally.platform_revenue_usd == Approx(75.0).epsilon(1e-12));
  CHECK(state.tally.client_spend_usd == Approx(315.0).epsilon(1e-12));
  CHECK(state.tally.income_by_category_usd[0] == Approx(240.0).epsilon(1e-12));
  // The slot is free and nothing is committed any more (counted, not a float residue).
  CHECK(state.freelancers.contract_client[0] == kNoAgent);
  CHECK(state.freelancers.contracts_held[0] == 0);
  CHECK(state.freelancers.committed_hours[0] == 0.0f);
  CHECK(state.pair_billings.billings_usd(0, 100) == Approx(300.0));
}

TEST_CASE("Sliding fees follow each client-freelancer pair", "[contracts][fees]") {
  // Client 0 pays A $400, then B $300, then A $300 again. A's third-week fee continues A's own
  // billings with this client ($400): 20% of $100 + 10% of $200 = $40, not a fresh 20% ($60).
  const Params params = default_params();
  MarketState state = hand_built_state(params, 2, 1);
  completed_contract(state, 0, 0, 40.0f, 10.0f);  // A: $400, fee $80
  settle_completed_contracts(params, state);
  completed_contract(state, 1, 0, 30.0f, 10.0f);  // B: $300, fee $60
  settle_completed_contracts(params, state);
  CHECK(state.clients.partner[0] == 1);
  completed_contract(state, 0, 0, 30.0f, 10.0f);  // A again: $300, fee $40
  const double before = state.tally.platform_revenue_usd;
  settle_completed_contracts(params, state);
  const double client_fee = 0.05 * 300.0;
  CHECK(state.tally.platform_revenue_usd - before == Approx(40.0 + client_fee));
  CHECK(state.freelancers.lifetime_earnings_usd[0] == Approx(320.0 + 260.0));
  CHECK(state.pair_billings.billings_usd(0, 100) == Approx(700.0));
  CHECK(state.pair_billings.billings_usd(0, 101) == Approx(300.0));
  // Both now carry client 0's bits in their filter (bidding asks the table only when they are
  // set), and nothing else.
  CHECK(state.freelancers.billed_clients[0] == PairBillings::client_bits(0));
  CHECK(state.freelancers.billed_clients[1] == PairBillings::client_bits(0));
  CHECK(PairBillings::may_hold(state.freelancers.billed_clients[0], 0));
  CHECK(PairBillings::client_bits(1) != PairBillings::client_bits(0));
  CHECK(state.pair_billings.pairs() == 2);
}

TEST_CASE("Weekly metrics on known inputs", "[metrics]") {
  Params params = default_params();
  const std::size_t n_categories = params.categories.size();
  MarketState state = hand_built_state(params, 5, 1);
  state.week = 10;
  Freelancers& fl = state.freelancers;
  // Five registered freelancers: trailing net earnings -20, 0, 50, 100, 400; asks 10..50.
  const float trailing[] = {-20.0f, 0.0f, 50.0f, 100.0f, 400.0f};
  for (std::size_t f = 0; f < 5; ++f) {
    fl.trailing_earnings_usd[f] = trailing[f];
    fl.ask_rate_usd[f] = 10.0f * static_cast<float>(f + 1);
    fl.primary_category[f] = 0;
    fl.last_active_week[f] = f < 4 ? 9 : 2;  // the last has been away for 8 weeks
    fl.last_paid_week[f] = f >= 2 ? 8 : kNever;
    fl.last_contract_week[f] = f >= 3 ? 10 : kNever;
    fl.contracts_held[f] = f >= 3 ? 1 : 0;
    fl.hours_this_week[f] = f >= 3 ? 7.5f : 0.0f;
    fl.skill[f] = 0.2f * static_cast<float>(f);
  }
  // Three jobs filled this week at $10, $12 and $30 an hour (median 12, mean 17.33), one expired.
  Jobs& jobs = state.jobs;
  jobs.resize(4);
  const float rates[] = {10.0f, 12.0f, 30.0f, 0.0f};
  for (std::size_t j = 0; j < 4; ++j) {
    jobs.category[j] = j == 2 ? 1 : 0;
    jobs.status[j] = j < 3 ? JobStatus::filled : JobStatus::expired;
    jobs.agreed_rate_usd[j] = rates[j];
    jobs.bids_received[j] = static_cast<std::int32_t>(4 * j + 1);  // 1, 5, 9, 13
  }
  state.tally.jobs_posted = 4;
  state.tally.freelancer_income_usd = 900.0;
  state.tally.platform_revenue_usd = 180.0;
  state.proposals.by_job.resize(20);  // 20 proposals at $0.30
  MetricsCollector collector;
  MetricsRow row;
  collector.collect(params, state, row);

  CHECK(row[MarketMetric::median_rate] == Approx(12.0));
  CHECK(row[MarketMetric::mean_price] == Approx(52.0 / 3.0));
  CHECK(row[MarketMetric::jobs_filled] == 3);
  CHECK(row[MarketMetric::hire_rate] == Approx(0.75));
  CHECK(row[MarketMetric::bids_per_job_median] == Approx(7.0));  // of 1, 5, 9, 13
  CHECK(row[MarketMetric::bids_per_job_mean] == Approx(7.0));
  CHECK(row[MarketMetric::registered_freelancers] == 5);
  CHECK(row[MarketMetric::active_freelancers] == 4);
  CHECK(row[MarketMetric::dormant_freelancers] == 1);
  CHECK(row[MarketMetric::working_freelancers] == 2);
  CHECK(row[MarketMetric::earners] == 3);
  CHECK(row[MarketMetric::idle_share] == Approx(0.6));
  CHECK(row[MarketMetric::hours_worked] == Approx(15.0));
  CHECK(row[MarketMetric::mean_skill] == Approx(0.4));
  CHECK(row[MarketMetric::bid_fee_revenue] == Approx(6.0));
  CHECK(row[MarketMetric::freelancer_net_income] == Approx(894.0));
  CHECK(row[MarketMetric::platform_take] == Approx(186.0));
  CHECK(row.at(CategoryMetric::median_rate, 0, n_categories) == Approx(11.0));
  CHECK(row.at(CategoryMetric::median_rate, 1, n_categories) == Approx(30.0));
  CHECK(std::isnan(row.at(CategoryMetric::median_rate, 2, n_categories)));
  // Quantiles (type 7) of -20, 0, 50, 100, 400: the median is 50, the 0.1 quantile
  // -20 + 0.4 x 20 = -12 (losses are kept, not clamped); over earners (50, 100, 400) 100.
  const auto& earnings = row[Distribution::earnings];
  CHECK(earnings[2] == Approx(50.0));
  CHECK(earnings[0] == Approx(-12.0));
  CHECK(row[Distribution::earner_earnings][2] == Approx(100.0));
  // Asks of the four active freelancers 10, 20, 30, 40: median 25.
  CHECK(row[Distribution::rates][2] == Approx(25.0));
  CHECK(row[MarketMetric::median_ask_rate] == Approx(25.0));
  CHECK(row.at(CategoryMetric::median_ask_rate, 0, n_categories) == Approx(25.0));
  // Gini with the loss counted as zero: values 0, 0, 50, 100, 400 (sum 550), n = 5:
  // sum (2i - n - 1) x_i = 0 x 50 + 2 x 100 + 4 x 400 = 1800 (i = 3, 4, 5); / (5 x 550).
  CHECK(row[MarketMetric::earnings_gini] == Approx(1800.0 / 2750.0));
  CHECK(row[MarketMetric::top10_earnings_share] == Approx(400.0 / 550.0));
}

TEST_CASE("Weekly metrics: head counts, hours and AI use per category", "[metrics]") {
  Params params = default_params();
  const std::size_t n_categories = params.categories.size();
  REQUIRE(n_categories >= 3);
  MarketState state = hand_built_state(params, 7, 1);
  state.week = 20;
  state.ai.tool_cost_usd_per_week.assign(n_categories, 0.0);
  state.ai.tool_cost_usd_per_week[0] = 5.0;
  state.ai.tool_cost_usd_per_week[1] = 7.0;
  Freelancers& fl = state.freelancers;
  // Slot: category, recently active, hours worked, AI adopter, on a course (to category 2).
  //   0: 0, yes, 10,  adopter          3: 1, no,  0,   adopter (dormant: not counted as one)
  //   1: 0, yes, 0,   -                4: 1, yes, 2.5, on a course to 2
  //   2: 1, yes, 6.5, adopter          5: 2, no,  0,   -
  //   6: exited (counted nowhere, its hours and adoption ignored)
  const std::uint8_t category[] = {0, 0, 1, 1, 1, 2, 0};
  const bool active[] = {true, true, true, false, true, false, true};
  const float hours[] = {10.0f, 0.0f, 6.5f, 0.0f, 2.5f, 0.0f, 40.0f};
  const bool adopter[] = {true, false, true, true, false, false, true};
  for (std::size_t f = 0; f < 7; ++f) {
    fl.primary_category[f] = category[f];
    fl.last_active_week[f] = active[f] ? 19 : 3;
    fl.hours_this_week[f] = hours[f];
    fl.adopter[f] = adopter[f] ? 1 : 0;
  }
  fl.reskill_weeks_left[4] = 3;
  fl.reskill_target[4] = 2;
  fl.specialist[1] = 1;
  fl.status[6] = FreelancerStatus::exited;
  MetricsCollector collector;
  MetricsRow row;
  collector.collect(params, state, row);

  const auto per_category = [&](CategoryMetric metric, std::size_t c) {
    return row.at(metric, c, n_categories);
  };
  CHECK(row[MarketMetric::registered_freelancers] == 6);
  CHECK(row[MarketMetric::active_freelancers] == 4);
  CHECK(per_category(CategoryMetric::registered_freelancers, 0) == 2);
  CHECK(per_category(CategoryMetric::registered_freelancers, 1) == 3);
  CHECK(per_category(CategoryMetric::registered_freelancers, 2) == 1);
  CHECK(per_category(CategoryMetric::active_freelancers, 0) == 2);
  CHECK(per_category(CategoryMetric::active_freelancers, 1) == 2);
  CHECK(per_category(CategoryMetric::active_freelancers, 2) == 0);
  CHECK(row[MarketMetric::hours_worked] == 19.0);
  CHECK(per_category(CategoryMetric::hours_worked, 0) == 10.0);
  CHECK(per_category(CategoryMetric::hours_worked, 1) == 9.0);
  CHECK(per_category(CategoryMetric::hours_worked, 2) == 0.0);
  // Adopters among the recently active: one of the two in category 0, one of the two in 1.
  CHECK(row[MarketMetric::adopters] == 2);
  CHECK(row[MarketMetric::adoption_share] == Approx(0.5));
  CHECK(per_category(CategoryMetric::adoption_share, 0) == Approx(0.5));
  CHECK(per_category(CategoryMetric::adoption_share, 1) == Approx(0.5));
  CHECK(std::isnan(per_category(CategoryMetric::adoption_share, 2)));
  // Every registered adopter pays for its tools, the dormant one too: 5 + 7 + 7.
  CHECK(row[MarketMetric::ai_tool_spend] == Approx(19.0));
  // The course counts in the category it leads to.
  CHECK(row[MarketMetric::reskilling] == 1);
  CHECK(per_category(CategoryMetric::reskilling, 2) == 1);
  CHECK(per_category(CategoryMetric::reskilling, 1) == 0);
  CHECK(row[MarketMetric::specialists] == 1);
}

TEST_CASE("Posting keeps last week's open jobs, then the new ones, grouped by category",
          "[posting]") {
  Params params = default_params();
  const std::size_t n_categories = params.categories.size();
  REQUIRE(n_categories >= 3);
  MarketState state = hand_built_state(params, 1, 1);
  state.week = 5;
  state.next_job_uid = 100;
  Clients& cl = state.clients;
  cl.main_category[0] = 1;
  cl.posting_rate_per_week[0] = 0.0f;  // no new jobs at first
  cl.budget_level[0] = 1.0f;
  cl.price_sensitivity[0] = 1.0f;
  cl.quality_sensitivity[0] = 1.0f;
  // Last week's store: categories 2 0 1 0 2 1; the second job was filled, the fifth expired.
  Jobs& jobs = state.jobs;
  const std::uint8_t category[] = {2, 0, 1, 0, 2, 1};
  const JobStatus status[] = {JobStatus::open, JobStatus::filled,  JobStatus::open,
                              JobStatus::open, JobStatus::expired, JobStatus::open};
  jobs.resize(6);
  for (std::size_t j = 0; j < 6; ++j) {
    jobs.uid[j] = static_cast<std::int64_t>(10 + j);
    jobs.category[j] = category[j];
    jobs.status[j] = status[j];
    jobs.hours[j] = 1.5f * static_cast<float>(10 + j);  // travels with its job
    jobs.client[j] = 0;
  }
  post_jobs(params, state);
  // Open ones only, stable by category: 13 | 12 15 | 10.
  const std::vector<std::int64_t> expected{13, 12, 15, 10};
  REQUIRE(jobs.size() == expected.size());
  for (std::size_t j = 0; j < expected.size(); ++j) {
    CHECK(jobs.uid[j] == expected[j]);
    CHECK(jobs.hours[j] == 1.5f * static_cast<float>(expected[j]));
    CHECK(jobs.status[j] == JobStatus::open);
  }
  REQUIRE(jobs.category_begin.size() == n_categories + 1);
  CHECK(jobs.category_begin[0] == 0);
  CHECK(jobs.category_begin[1] == 1);
  CHECK(jobs.category_begin[2] == 3);
  CHECK(jobs.category_begin[3] == 4);
  CHECK(jobs.category_begin[n_categories] == 4);

  // A week later the client posts: each category holds the older jobs first, then the new.
  state.week = 6;
  cl.posting_rate_per_week[0] = 40.0f;
  post_jobs(params, state);
  REQUIRE(jobs.size() > expected.size());
  std::size_t old_jobs = 0;
  for (std::size_t c = 0; c < n_categories; ++c) {
    bool new_seen = false;
    for (std::size_t j = jobs.category_begin[c]; j < jobs.category_begin[c + 1]; ++j) {
      CHECK(jobs.category[j] == c);
      CHECK(jobs.status[j] == JobStatus::open);
      const bool is_new = jobs.posted_week[j] == 6;
      if (!is_new) {
        CHECK_FALSE(new_seen);
        ++old_jobs;
      }
      new_seen = new_seen || is_new;
    }
  }
  CHECK(old_jobs == expected.size());
}

TEST_CASE("Market signals: going rates and a searcher's expected net earnings", "[signals]") {
  Params params = default_params();  // trailing_weeks 12
  MarketState state = hand_built_state(params, 3, 1);
  Freelancers& fl = state.freelancers;
  // Two searchers in writing: one won work worth $100 net of its fee and paid $1.20 in bids,
  // the other won nothing and paid $3. The third did not search (its numbers must not count).
  for (std::size_t f = 0; f < 3; ++f) fl.primary_category[f] = 0;
  fl.searched_this_week[0] = fl.searched_this_week[1] = 1;
  fl.won_value_this_week_usd[0] = 100.0f;
  fl.bid_spend_this_week_usd[0] = 1.2f;
  fl.bid_spend_this_week_usd[1] = 3.0f;
  fl.won_value_this_week_usd[2] = 500.0f;
  // Contracts started this week in writing at $14, $18 and $30: the going rate is the median.
  Jobs& jobs = state.jobs;
  jobs.resize(3);
  const float rates[] = {30.0f, 14.0f, 18.0f};
  for (std::size_t j = 0; j < 3; ++j) {
    jobs.category[j] = 0;
    jobs.status[j] = JobStatus::filled;
    jobs.agreed_rate_usd[j] = rates[j];
  }
  CHECK(std::isnan(state.signals.searcher_earnings_usd[0]));  // no information yet
  update_market_signals(params, state);
  // First observation: (100 - 1.2 - 3) / 2 = 47.9.
  CHECK(state.signals.searcher_earnings_usd[0] == Approx(47.9).epsilon(1e-6));
  CHECK(state.signals.going_rate_usd[0] == Approx(18.0));
  CHECK(std::isnan(state.signals.searcher_earnings_usd[1]));  // nobody searched there
  CHECK(state.signals.going_rate_usd[1] == Approx(params.categories[1].budget_rate_usd));
  // Next week nobody wins: x = -4.2 / 2 = -2.1; 47.9 + (-2.1 - 47.9) / 12 = 43.733.
  fl.won_value_this_week_usd[0] = 0.0f;
  jobs.resize(0);
  update_market_signals(params, state);
  CHECK(state.signals.searcher_earnings_usd[0] == Approx(47.9 - 50.0 / 12.0).epsilon(1e-6));
  CHECK(state.signals.going_rate_usd[0] == Approx(18.0));  // kept without new contracts
}

TEST_CASE("pair billings answer every pair, held or not, and survive a restore",
          "[contracts][fees]") {
  // 2,000 pairs over 50 people and 400 clients (about 40 clients a person), against a plain
  // map; then the arrays copied into a fresh table.
  PairBillings table;
  std::map<std::pair<std::int32_t, std::int64_t>, double> expected;
  std::uint64_t x = 12345;
  const auto next = [&x] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x >> 33;
  };
  for (int i = 0; i < 2000; ++i) {
    const auto client = static_cast<std::int32_t>(next() % 400);
    const auto person = static_cast<std::int64_t>(1000 + next() % 50);
    const double amount = static_cast<double>(1 + next() % 1000);
    table.add(client, person, amount);
    expected[{client, person}] += amount;
  }
  PairBillings restored;
  std::vector<std::vector<std::uint64_t>> keys;
  std::vector<std::vector<double>> billings;
  table.for_each_array([&](auto& array) {
    using Array = std::decay_t<decltype(array)>;
    if constexpr (std::is_same_v<Array, std::vector<std::uint64_t>>) keys.push_back(array);
    if constexpr (std::is_same_v<Array, std::vector<double>>) billings.push_back(array);
  });
  std::size_t k = 0, b = 0;
  restored.for_each_array([&](auto& array) {
    using Array = std::decay_t<decltype(array)>;
    if constexpr (std::is_same_v<Array, std::vector<std::uint64_t>>) array = keys[k++];
    if constexpr (std::is_same_v<Array, std::vector<double>>) array = billings[b++];
  });
  restored.recount_pairs();
  CHECK(table.pairs() == expected.size());
  CHECK(restored.pairs() == expected.size());
  std::size_t held = 0;
  for (std::int32_t client = 0; client < 420; ++client) {
    for (std::int64_t person = 990; person < 1060; ++person) {
      const auto found = expected.find({client, person});
      const double want = found == expected.end() ? 0.0 : found->second;
      held += found != expected.end();
      REQUIRE(table.billings_usd(client, person) == want);
      REQUIRE(restored.billings_usd(client, person) == want);
    }
  }
  CHECK(held == expected.size());
}

TEST_CASE("Earnings distributions equal those of a full sort when most profiles earn nothing",
          "[metrics]") {
  // 3,000 profiles (more than one chunk of the parallel gathering): two thirds earn exactly 0,
  // some -0.0, some lose money; their quantiles, Gini and top-10% share against std::sort.
  Params params = default_params();
  const std::size_t n = 3000;
  MarketState state = hand_built_state(params, n, 1);
  state.week = 10;
  Freelancers& fl = state.freelancers;
  std::vector<float> registered;
  for (std::size_t f = 0; f < n; ++f) {
    float value = 0.0f;
    if (f % 3 == 1) value = static_cast<float>((f * 7919) % 1000) - 500.0f;  // -500 .. 499
    if (f % 30 == 2) value = -0.0f;
    fl.trailing_earnings_usd[f] = value;
    fl.last_active_week[f] = 9;
    fl.last_paid_week[f] = 8;  // all earners
    registered.push_back(value);
  }
  MetricsCollector collector;
  MetricsRow row;
  collector.collect(params, state, row);
  std::sort(registered.begin(), registered.end());
  for (std::size_t q = 0; q < kQuantileLevels.size(); ++q) {
    INFO(kQuantileLevels[q]);
    CHECK(row[Distribution::earnings][q] == sorted_quantile(registered, kQuantileLevels[q]));
    CHECK(row[Distribution::earner_earnings][q] == sorted_quantile(registered, kQuantileLevels[q]));
  }
  CHECK(row[MarketMetric::earnings_gini] == sorted_gini(registered));
  CHECK(row[MarketMetric::top10_earnings_share] == sorted_top_share(registered, 0.1));
  CHECK(row[Distribution::earnings][0] < 0.0);  // the 0.1 quantile is a loss: zeros sit after
}

TEST_CASE("The client filter never misses a client and rarely admits a stranger", "[payment]") {
  // Client 1: hash 0x9E3779B97F4A7C15, bits 0x9E37... >> 58 = 39 and (>> 52) & 63 = 35.
  CHECK(PairBillings::client_bits(1) == ((std::uint64_t{1} << 39) | (std::uint64_t{1} << 35)));
  std::size_t two_bits = 0;
  std::size_t admitted = 0;
  std::size_t strangers = 0;
  for (std::int32_t c = 0; c < 30000; c += 3) {
    const std::uint64_t bits = PairBillings::client_bits(c);
    const int set = __builtin_popcountll(bits);
    CHECK((set == 1 || set == 2));
    two_bits += set == 2 ? 1 : 0;
    // A filter of three clients c, c + 1, c + 2 holds each of them ...
    const std::uint64_t filter =
        bits | PairBillings::client_bits(c + 1) | PairBillings::client_bits(c + 2);
    CHECK(PairBillings::may_hold(filter, c));
    CHECK(PairBillings::may_hold(filter, c + 2));
    // ... and admits a far client about (6/64)^2 = 0.9% of the time (a 1-bit filter: 9%).
    for (std::int32_t other = c + 1000; other < c + 1100; ++other) {
      ++strangers;
      admitted += PairBillings::may_hold(filter, other) ? 1 : 0;
    }
  }
  CHECK(two_bits > 9800);  // of 10,000: the two bits coincide for 1/64 of clients
  const double false_positive = static_cast<double>(admitted) / static_cast<double>(strangers);
  CHECK(false_positive > 0.002);
  CHECK(false_positive < 0.02);
}
