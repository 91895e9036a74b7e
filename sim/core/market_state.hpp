#pragma once
// Everything that changes during a run: the agent stores, this week's proposals and offers,
// market information agents see (last week's going rates), and this week's tallies.
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/clients.hpp"
#include "core/freelancers.hpp"
#include "core/jobs.hpp"
#include "core/pair_billings.hpp"
#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// This week's proposals, in freelancer-major slots ([freelancer * per_freelancer + k]), and
/// the same proposals grouped by job for the clients' choice.
struct Proposals {
  /// What a client sees of a proposal, copied into job order so the choice reads it in one pass.
  struct Seen {
    std::int64_t slot;     // searcher * per_freelancer + k
    std::int64_t uid;      // the sender's person id (partner check)
    float quality_signal;  // w_rep * stars + w_track * ln(1 + ratings) + w_skill * skill
    float log_price;       // ln(price per hour x billed hours / job hours): the client's cost
    std::uint8_t uses_ai;  // the sender uses AI tools (visible when disclosure is required)
  };

  std::size_t per_freelancer = 0;
  // This week's searchers in freelancer order: searcher s is freelancer sender[s] and owns the
  // slots [s * per_freelancer, (s + 1) * per_freelancer), written by the senders in parallel.
  // Only searchers have slots: on a platform of mostly dormant profiles, a few percent of the
  // store.
  std::vector<std::int32_t> sender;
  std::vector<std::size_t> chunk_first;  // scratch: the first searcher of each freelancer chunk
  std::vector<std::int32_t> job;         // index into Jobs for this week
  std::vector<float> price_usd;          // per hour
  // ln(price x cost factor), the cost factor being billed hours / job hours (below 1 for AI on
  // hourly work): the client's log cost relative to its budget rate.
  std::vector<float> log_cost;
  std::vector<float> quality_signal;  // see Seen
  std::vector<std::uint8_t> count;    // proposals sent, per searcher
  // Job-major copy: proposals of job j are by_job[job_begin[j] .. job_begin[j + 1]), in
  // freelancer order.
  std::vector<std::size_t> job_begin;
  std::vector<Seen> by_job;
  std::vector<std::int64_t> offer;  // per job: proposal slot the client offers, or -1

  /// Calls visit(name, member) for every member: the one list of them (checkpoints follow it).
  template <typename Visit>
  void for_each_member(Visit&& visit) {
    visit("per_freelancer", per_freelancer);
    visit("sender", sender);
    visit("chunk_first", chunk_first);
    visit("job", job);
    visit("price_usd", price_usd);
    visit("log_cost", log_cost);
    visit("quality_signal", quality_signal);
    visit("count", count);
    visit("job_begin", job_begin);
    visit("by_job", by_job);
    visit("offer", offer);
  }
};

/// What a searching freelancer reads of a job, packed together (the job stores are read at
/// random positions, so one load beats five). 32 bytes: two cards to a cache line.
struct JobCard {
  /// hours / contract_weeks(hours, pace): the weekly load without AI tools, worked out once per
  /// job rather than once per searcher who sees it; kClosedLoad once no longer open.
  double load_hours;
  float hours;
  float budget_rate_usd;
  float log_budget_rate;
  float pace_hours_per_week;
  std::int32_t client;  // sliding fees depend on billings with this client
  std::uint8_t fixed_price;
  /// The load of a job no longer open: more than any freelancer has spare.
  static constexpr double kClosedLoad = std::numeric_limits<double>::infinity();
};
static_assert(sizeof(JobCard) == 32, "two cards to a cache line");

/// Counts and sums made by the serial passes of a week (reset at the start of every step).
struct WeekTally {
  std::int64_t jobs_posted = 0;
  std::int64_t jobs_deterred = 0;
  std::int64_t reskill_starts = 0;
  std::int64_t specialisations = 0;
  std::int64_t adoptions = 0;
  std::int64_t abandonments = 0;
  double ai_tool_spend_usd = 0.0;
  double training_subsidy_usd = 0.0;
  std::int64_t rehires = 0;
  std::int64_t exits = 0;          // freelancers who left (discouraged or dormant)
  std::int64_t dormant_exits = 0;  // of them, dormant profiles removed
  std::int64_t switches = 0;
  double client_spend_usd = 0.0;
  double freelancer_income_usd = 0.0;
  double platform_revenue_usd = 0.0;  // fees on completed work (bid fees are counted apart)
  std::vector<std::int64_t> jobs_posted_by_category;
  std::vector<std::int64_t> jobs_automated_by_category;
  std::vector<std::int64_t> reskill_starts_by_category;  // by target category
  std::vector<std::int64_t> entrants_by_category;
  std::vector<std::int64_t> exits_by_category;
  std::vector<double> income_by_category_usd;

  void reset(std::size_t categories);

  /// Calls visit(name, member) for every member: the one list of them (checkpoints follow it).
  template <typename Visit>
  void for_each_member(Visit&& visit) {
    visit("jobs_posted", jobs_posted);
    visit("jobs_deterred", jobs_deterred);
    visit("reskill_starts", reskill_starts);
    visit("specialisations", specialisations);
    visit("adoptions", adoptions);
    visit("abandonments", abandonments);
    visit("ai_tool_spend_usd", ai_tool_spend_usd);
    visit("training_subsidy_usd", training_subsidy_usd);
    visit("rehires", rehires);
    visit("exits", exits);
    visit("dormant_exits", dormant_exits);
    visit("switches", switches);
    visit("client_spend_usd", client_spend_usd);
    visit("freelancer_income_usd", freelancer_income_usd);
    visit("platform_revenue_usd", platform_revenue_usd);
    visit("jobs_posted_by_category", jobs_posted_by_category);
    visit("jobs_automated_by_category", jobs_automated_by_category);
    visit("reskill_starts_by_category", reskill_starts_by_category);
    visit("entrants_by_category", entrants_by_category);
    visit("exits_by_category", exits_by_category);
    visit("income_by_category_usd", income_by_category_usd);
  }
};

/// What agents know about the market, computed by the model from last week's outcomes
/// (market/signals.cpp). Rules read these; the metrics collector never writes them.
struct MarketSignals {
  /// By category: median agreed hourly price of the contracts started in the latest week that
  /// had any (undercutters price off it).
  std::vector<double> going_rate_usd;
  /// By category: expected weekly earnings of a freelancer who searches there, net of the
  /// freelancer fee and of bid costs (exponentially weighted over careers.trailing_weeks);
  /// entrants and career moves compare it with their outside option.
  std::vector<double> searcher_earnings_usd;

  /// Calls visit(name, member) for every member: the one list of them (checkpoints follow it).
  template <typename Visit>
  void for_each_member(Visit&& visit) {
    visit("going_rate_usd", going_rate_usd);
    visit("searcher_earnings_usd", searcher_earnings_usd);
  }
};

/// The state of AI in the market (sim/ai/): where the technologies stand and how far freelancers
/// use them. Recomputed every week by the AI phases; rules read it.
struct AiState {
  std::vector<double> maturity;                // by technology, in [0, 1]
  std::vector<double> capability;              // by category: share of tasks AI can do
  std::vector<double> tool_cost_usd_per_week;  // by category: tools an adopter there pays for
  std::vector<double> adoption_share;          // by category: adopters among active freelancers
  std::vector<double> adopter_earnings_usd;    // by category: their mean trailing net earnings
  std::vector<double> non_adopter_earnings_usd;
  double diffusion = 0.0;  // demand-weighted mean of capability x adoption share

  /// Per-category sums of the adoption phase, reduced in fixed chunk order (scratch).
  struct Totals {
    std::array<double, kMaxCategories> active{};
    std::array<double, kMaxCategories> adopters{};
    std::array<double, kMaxCategories> adopter_earnings{};
    std::array<double, kMaxCategories> other_earnings{};
  };
  std::vector<Totals> partials;
  std::vector<double> earnings_gain_usd;  // by category: adopters' minus non-adopters' earnings

  /// Calls visit(name, member) for every member: the one list of them (checkpoints follow it).
  template <typename Visit>
  void for_each_member(Visit&& visit) {
    visit("maturity", maturity);
    visit("capability", capability);
    visit("tool_cost_usd_per_week", tool_cost_usd_per_week);
    visit("adoption_share", adoption_share);
    visit("adopter_earnings_usd", adopter_earnings_usd);
    visit("non_adopter_earnings_usd", non_adopter_earnings_usd);
    visit("diffusion", diffusion);
    visit("partials", partials);
    visit("earnings_gain_usd", earnings_gain_usd);
  }
};

/// Scratch of update_market_signals, reused every week so the step does not allocate.
struct SignalScratch {
  struct SearchTotals {
    std::array<double, kMaxCategories> searchers{};
    std::array<double, kMaxCategories> net_value{};
  };
  std::vector<std::vector<double>> agreed_rates;  // by category
  std::vector<SearchTotals> partials;

  /// Calls visit(name, member) for every member: the one list of them (checkpoints follow it).
  template <typename Visit>
  void for_each_member(Visit&& visit) {
    visit("agreed_rates", agreed_rates);
    visit("partials", partials);
  }
};

struct MarketState {
  std::int32_t week = 0;
  StreamSeed streams;
  Freelancers freelancers;
  Clients clients;
  Jobs jobs;
  Jobs jobs_scratch;  // double buffer for compaction and sorting by category
  Proposals proposals;
  std::vector<JobCard> job_cards;     // this week's open jobs as freelancers see them
  std::vector<float> job_complexity;  // the cards' complexity, packed for the skill-fit scan
  MarketSignals signals;
  std::vector<double> initial_demand;  // categories' demand shares at week 0: the client mix
  SignalScratch signal_scratch;
  AiState ai;
  PairBillings pair_billings;            // lifetime billings by (client, person): sliding fees
  std::vector<std::int32_t> free_slots;  // exited freelancer slots, reused by entrants
  std::int64_t next_job_uid = 0;
  std::int64_t next_freelancer_uid = 0;
  double retired_earnings_usd =
      0.0;  // lifetime earnings of exited freelancers whose slot was reused
  WeekTally tally;
  std::vector<std::int64_t> posting_counts;  // per client this week, as a prefix sum
  std::vector<std::size_t> grouping_cursor;  // scratch of group_proposals_by_job: offsets

  /// Calls visit(name, member) for every member, scratch included: the one list of them. A
  /// checkpoint saves and restores exactly these, so a member missing here makes a resumed run
  /// differ from an uninterrupted one (tests/unit/test_checkpoint.cpp counts the members).
  template <typename Visit>
  void for_each_member(Visit&& visit) {
    visit("week", week);
    visit("streams", streams);
    visit("freelancers", freelancers);
    visit("clients", clients);
    visit("jobs", jobs);
    visit("jobs_scratch", jobs_scratch);
    visit("proposals", proposals);
    visit("job_cards", job_cards);
    visit("job_complexity", job_complexity);
    visit("signals", signals);
    visit("initial_demand", initial_demand);
    visit("signal_scratch", signal_scratch);
    visit("ai", ai);
    visit("pair_billings", pair_billings);
    visit("free_slots", free_slots);
    visit("next_job_uid", next_job_uid);
    visit("next_freelancer_uid", next_freelancer_uid);
    visit("retired_earnings_usd", retired_earnings_usd);
    visit("tally", tally);
    visit("posting_counts", posting_counts);
    visit("grouping_cursor", grouping_cursor);
  }
};

}  // namespace gigsim
