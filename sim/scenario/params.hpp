#pragma once
// Typed model parameters, filled once from a scenario (and changed only by scheduled events).
// The engine reads these structs and never looks parameters up by name while running.
// Names, defaults, ranges, units, docs and sources live in one table: parameter_table.cpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gigsim {

/// Most categories a scenario may declare (categories are uint8 indices; per-category sums
/// use fixed arrays of this size).
inline constexpr std::size_t kMaxCategories = 64;

enum class FeeSchedule : int { flat = 0, sliding = 1 };
enum class MatchingMode : int { random = 0, skill_fit = 1 };
enum class Disclosure : int { none = 0, required = 1 };
/// How an AI technology's maturity moves after its release (see AiTechnologyParams).
enum class CapabilityPath : int { none = 0, logistic = 1, step = 2, table = 3 };
enum class PricingStrategy : std::uint8_t {
  fixed = 0,
  budget_anchored = 1,
  adaptive = 2,
  undercutter = 3
};
inline constexpr int kPricingStrategyCount = 4;

/// Most job categories and AI technologies a scenario may declare.
inline constexpr std::size_t kCategoryLimit = 64;
inline constexpr std::size_t kTechnologyLimit = 8;

struct RunParams {
  std::int64_t weeks;          // weeks to simulate and record
  std::int64_t burn_in_weeks;  // weeks simulated before week 0, not recorded
  std::int64_t seed;           // master seed of every random stream
  std::int64_t replicate;      // replicate index (common random numbers across scenarios)
  std::int64_t output_every;   // weeks between HDF5 flushes (at least)
  double output_write_share;   // most of the wall time that flushing may take
  std::int64_t panel_size;     // persons followed in /panel (0 = no panel)
};

/// Hard bounds on what a run may grow to, so that a scenario that explodes stops with a clear
/// error instead of exhausting the machine (engine/limits.hpp).
struct LimitParams {
  std::int64_t max_freelancers;  // registered freelancer profiles
  std::int64_t max_open_jobs;    // jobs on the board (open, or closed this week)
};

struct MarketParams {
  std::int64_t initial_freelancers;
  std::int64_t initial_clients;
  std::int64_t contract_slots;      // most concurrent contracts one freelancer holds
  std::int64_t job_open_weeks;      // weeks a posted job stays open for bids
  std::int64_t jobs_seen_per_week;  // open jobs a searching freelancer looks at
  MatchingMode matching;
  double matching_pool_factor;      // skill_fit: candidates drawn per job shown
  std::int64_t bids_per_week;       // weekly proposal budget (connects)
  double bid_cost_usd;              // paid to the platform per proposal
  double pace_hours_per_week;       // hours per week a contract needs; sets its duration
  double fixed_price_share;         // share of jobs that are fixed-price (rest hourly)
  double hourly_overrun_sd;         // log-sd of actual vs quoted hours on hourly jobs
  double complexity_concentration;  // Beta concentration of job complexity around its mean
};

struct ClientParams {
  double jobs_per_year;              // mean posting rate per client
  double posting_sigma;              // log-sd of client posting rates
  double main_category_share;        // share of a client's jobs in its main category
  double budget_sigma;               // log-sd of client budget level around the category budget
  double price_sensitivity;          // mean logit weight on log(price / budget)
  double price_sensitivity_sigma;    // log-sd of price sensitivity across clients
  double weight_reputation;          // logit weight on reputation (stars)
  double weight_skill;               // logit weight on skill seen with noise
  double weight_track_record;        // logit weight on log(1 + ratings received)
  double quality_sensitivity_sigma;  // log-sd of clients' weight on quality signals
  double weight_rehire;              // logit bonus for the client's previous freelancer
  double skill_noise_sd;             // noise on the skill a client perceives
  double outside_utility;            // utility of not hiring
  double rehire_probability;         // chance a new job goes straight to the last freelancer
  double rehire_min_rating;          // only after a rating at least this good
};

struct FreelancerParams {
  double skill_alpha;  // Beta(alpha, beta) skill in [0, 1]
  double skill_beta;
  double part_time_share;
  double part_time_hours;         // weekly capacity of part-timers
  double full_time_hours;         // weekly capacity of full-timers
  double reservation_ratio;       // median reservation rate / category budget rate
  double reservation_sigma;       // log-sd of reservation rates
  double skill_premium;           // ask markup per unit of skill above 0.5
  double initial_markup;          // ask / reservation at entry
  double secondary_share;         // share with a secondary category
  double secondary_search_share;  // share of search spent on the secondary category
  double search_probability;      // mean weekly probability of looking for work
  double search_concentration;    // Beta concentration of individual search probabilities
  double experience_weeks_mean;   // mean platform tenure of the initial population
  double ratings_per_year;        // ratings earned per year of tenure by the initial population
  double strategy_fixed;          // pricing strategy mixture (shares sum to 1)
  double strategy_budget_anchored;
  double strategy_adaptive;
  double strategy_undercutter;
  double prior_win_probability;  // belief about winning a bid before any history
};

struct PricingParams {
  double raise_after_win;      // adaptive: relative ask raise after a win
  double cut_after_losses;     // adaptive: relative ask cut after a losing streak
  std::int64_t losing_streak;  // bids without a win that count as a losing streak
  double budget_anchor;        // budget-anchored: bid this fraction of the budget rate
  double undercut;             // undercutter: bid this fraction of the going rate
};

struct ReputationParams {
  double prior_mean;        // Bayesian prior mean of star ratings (1-5)
  double prior_weight;      // prior strength in pseudo-ratings
  double rating_noise_sd;   // client noise on top of delivered quality
  double quality_noise_sd;  // noise of delivered quality around skill
};

struct FeeParams {
  FeeSchedule schedule;
  double flat_rate;        // freelancer fee under the flat schedule
  double tier1_limit_usd;  // sliding: lifetime billings with a client up to this ...
  double tier1_rate;       // ... pay this fee,
  double tier2_limit_usd;  // up to this ...
  double tier2_rate;       // ... this,
  double tier3_rate;       // and above it this.
  double client_rate;      // marketplace fee paid by the client on top of the price
};

struct PolicyParams {
  double min_hourly_rate_usd;  // platform minimum hourly rate (0 = none)
  Disclosure ai_disclosure;    // must proposals disclose the use of AI tools?
  double substitution_tax;     // levy on the cost a client avoids by doing a job with AI
  double training_subsidy;     // share of a reskilling course's cost the policy pays
};

/// How AI enters the market (the technologies themselves are Params::technologies).
struct AiParams {
  // clients doing jobs with AI instead of hiring
  double substitution_scale;     // chance a fully routine job at full capability is automated
  double complexity_elasticity;  // automation falls as (1 - complexity)^this
  double quality_aversion;       // ... and as quality_sensitivity^-this
  // freelancers adopting AI tools (Bass diffusion plus payoff)
  double innovation_per_year;     // Bass p
  double imitation_per_year;      // Bass q
  double payoff_weight;           // weekly hazard per unit of relative earnings gain
  double abandon_probability;     // weekly chance of dropping tools that do not pay
  double initial_proficiency;     // proficiency of a new adopter
  double learning_per_100_hours;  // proficiency gained per 100 hours worked, times (1 - prof.)
  // human + AI productivity and quality
  double time_saving;       // hours saved at full capability and proficiency, average skill
  double quality_gain;      // delivered quality added at full capability and proficiency
  std::int64_t extra_bids;  // extra weekly proposals an adopter can write
  // authenticity and disclosure
  double averse_client_share;    // clients who penalise AI-made work
  double aversion_penalty;       // their utility penalty on disclosed AI use
  double flaw_probability;       // chance AI-made work has a flaw, at proficiency 0
  double detection_probability;  // chance an undisclosed AI use is noticed at delivery
  // client expectations
  double budget_pressure;    // budget cut for exposed work at full capability and adoption
  double deadline_pressure;  // delivery speed-up expected then
  // new work
  double complexity_shift;  // posted complexity rises toward 1 by this x capability x adoption
  double matching_gain;     // platform AI matching: pool factor x (1 + this x AI diffusion)
  // AI-assisted entrants
  double entry_boost;         // prospects x (1 + this x capability)
  double entrant_skill_drop;  // entrants' skill x (1 - this x capability)
};

struct CareerParams {
  double trailing_weeks;             // horizon of the trailing-earnings average
  double learning_per_1000_hours;    // skill gained per 1000 hours worked, times (1 - skill)
  double aspiration_hours_per_week;  // work at the reservation rate that makes staying worthwhile
  std::int64_t patience_weeks;       // searching weeks under the aspiration before acting
  double exit_probability;           // weekly chance of exiting once patience runs out
  double switch_probability;         // weekly chance of moving to the secondary category instead
  double leave_probability;          // weekly chance of leaving for reasons outside the platform
  double prospect_rate;              // weekly prospects per initial freelancer who consider joining
  std::int64_t dormant_after_weeks;  // weeks without search or contract that make a profile dormant
  double dormant_exit_probability;   // weekly chance that a dormant profile leaves the platform
  double reskill_probability;        // weekly chance of starting a course once it pays
  std::int64_t reskill_weeks;        // length of a reskilling course
  double reskill_cost_usd;           // price of a course
  double reskill_horizon_weeks;      // weeks over which a course must pay for itself
  double reskill_skill_kept;         // share of skill carried into the new category
  double upmarket_probability;       // weekly chance that a skilled freelancer specialises instead
  double upmarket_min_skill;         // only freelancers this skilled can specialise
};

/// One point of a tabulated maturity path: maturity `level` (0-1) reached `weeks_after_release`.
struct CapabilityPoint {
  double weeks_after_release;
  double level;
};

/// An AI technology (e.g. "llm", "image"), declared by name under [ai.technologies.<name>].
/// Its maturity m(t) in [0, 1] follows `trajectory` from `release_week`; the capability it
/// brings to category c is exposure[c][technology] x m(t).
struct AiTechnologyParams {
  std::string name;
  CapabilityPath trajectory;            // none: never any capability
  std::int64_t release_week;            // recorded week of release (negative: in the burn-in)
  double ceiling;                       // maturity eventually reached, in [0, 1]
  double midpoint_weeks;                // logistic: weeks after release to half the ceiling
  double spread_weeks;                  // logistic: time scale of the S-curve, in weeks
  std::vector<CapabilityPoint> points;  // table: maturity after release, linearly interpolated
  double tool_price_usd_per_month;      // what an individual pays for the tools
};

struct CategoryParams {
  std::string name;
  std::vector<double> exposure;  // share of the category's tasks exposed to each technology,
                                 // indexed like Params::technologies
  double demand_share;           // share of client postings
  double budget_rate_usd;        // median client budget per hour
  double job_hours_median;       // median job size
  double job_hours_sigma;        // log-sd of job size (heavy tail)
  double complexity_mean;        // mean of Beta-distributed job complexity in [0, 1]
  double ai_complementarity;     // demand x (1 + this x AI diffusion): work AI creates
};

struct Params {
  RunParams run;
  LimitParams limits;
  MarketParams market;
  ClientParams clients;
  FreelancerParams freelancers;
  PricingParams pricing;
  ReputationParams reputation;
  FeeParams fees;
  PolicyParams policy;
  CareerParams careers;
  AiParams ai;
  std::vector<AiTechnologyParams> technologies;  // declared order; indexes CategoryParams::exposure
  std::vector<CategoryParams> categories;
};

}  // namespace gigsim
