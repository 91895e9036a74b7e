// Every scenario parameter, its default and where the default comes from.
// Sources cite the published figure a default comes from; "uncertain" marks a middle value picked
// where no published figure exists. Defaults come from inputs, never from tuning model outcomes.
#include "scenario/parameter_table.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace gigsim {
namespace {

// Accessors as plain function pointers (the unary + converts the capture-less lambda), so that
// the row helpers below deduce the table they belong to.
#define GIGSIM_FIELD(path)   \
  +[](Params & p) -> auto& { \
    return p.path;           \
  }
#define GIGSIM_CATEGORY_FIELD(name)  \
  +[](CategoryParams & c) -> auto& { \
    return c.name;                   \
  }
#define GIGSIM_TECHNOLOGY_FIELD(name)    \
  +[](AiTechnologyParams & t) -> auto& { \
    return t.name;                       \
  }

template <typename Owner>
FieldSpec<Owner> row(std::string_view key, ParamType type, double def, double lo, double hi,
                     std::string_view unit, bool event_settable, std::string_view doc,
                     std::string_view source, std::vector<std::string_view> choices = {}) {
  FieldSpec<Owner> spec;
  static_cast<FieldInfo&>(spec) =
      FieldInfo{key, type, def, lo, hi, unit, doc, source, event_settable, std::move(choices)};
  return spec;
}

template <typename Owner>
FieldSpec<Owner> integer(std::string_view key, std::int64_t& (*field)(Owner&), double def,
                         double lo, double hi, std::string_view unit, bool event_settable,
                         std::string_view doc, std::string_view source) {
  FieldSpec<Owner> spec =
      row<Owner>(key, ParamType::integer, def, lo, hi, unit, event_settable, doc, source);
  spec.integer_field = field;
  return spec;
}

template <typename Owner>
FieldSpec<Owner> real(std::string_view key, double& (*field)(Owner&), double def, double lo,
                      double hi, std::string_view unit, bool event_settable, std::string_view doc,
                      std::string_view source) {
  FieldSpec<Owner> spec =
      row<Owner>(key, ParamType::real, def, lo, hi, unit, event_settable, doc, source);
  spec.real_field = field;
  return spec;
}

template <typename Owner, typename Enum>
FieldSpec<Owner> member_choice(std::string_view key, Enum def, std::vector<std::string_view> names,
                               int (*get)(const Owner&), void (*set)(Owner&, int),
                               bool event_settable, std::string_view doc, std::string_view source) {
  const double last = static_cast<double>(names.size()) - 1.0;
  FieldSpec<Owner> spec =
      row<Owner>(key, ParamType::choice, static_cast<double>(static_cast<int>(def)), 0.0, last, "",
                 event_settable, doc, source, std::move(names));
  spec.get_choice = get;
  spec.set_choice = set;
  return spec;
}

template <typename Enum>
ParamSpec choice(std::string_view key, Enum def, std::vector<std::string_view> names,
                 int (*get)(const Params&), void (*set)(Params&, int), bool event_settable,
                 std::string_view doc, std::string_view source) {
  return member_choice<Params>(key, def, std::move(names), get, set, event_settable, doc, source);
}

/// A list of [weeks_after_release, level] points; levels lie in [lo, hi], weeks ascend from 0.
template <typename Owner>
FieldSpec<Owner> points(std::string_view key, std::vector<CapabilityPoint>& (*field)(Owner&),
                        double lo, double hi, bool event_settable, std::string_view doc,
                        std::string_view source) {
  FieldSpec<Owner> spec =
      row<Owner>(key, ParamType::points, 0.0, lo, hi, "", event_settable, doc, source);
  spec.points_field = field;
  return spec;
}

/// A real with one value per AI technology: `<key>.<technology> = value`.
template <typename Owner>
FieldSpec<Owner> per_technology(std::string_view key, std::vector<double>& (*field)(Owner&),
                                double def, double lo, double hi, std::string_view unit,
                                bool event_settable, std::string_view doc,
                                std::string_view source) {
  FieldSpec<Owner> spec =
      row<Owner>(key, ParamType::real, def, lo, hi, unit, event_settable, doc, source);
  spec.per_technology_field = field;
  return spec;
}

constexpr bool kEvent = true;    // may change during a run through [[events]]
constexpr bool kStatic = false;  // fixed for the whole run (population sizes, seeds, ...)

std::vector<ParamSpec> build_table() {
  return {
      // --- run -------------------------------------------------------------------------------
      integer("run.weeks", GIGSIM_FIELD(run.weeks), 260, 1, 5200, "weeks", kStatic,
              "Weeks to simulate (one step is one week).",
              "five years: the 2019-2023 pre-AI window"),
      integer("run.seed", GIGSIM_FIELD(run.seed), 1, 0, 9007199254740991.0, "", kStatic,
              "Master seed of every random stream; same seed and scenario give identical output.",
              "arbitrary"),
      integer("run.replicate", GIGSIM_FIELD(run.replicate), 0, 0, 65535, "", kStatic,
              "Replicate index; replicate r of every scenario shares random streams (paired runs).",
              "arbitrary"),
      integer("run.burn_in_weeks", GIGSIM_FIELD(run.burn_in_weeks), 104, 0, 5200, "weeks", kStatic,
              "Weeks simulated before week 0 and not recorded, so that the recorded run starts "
              "from the market's own churn of entry and exit rather than from the initial draw.",
              "the initial population sheds discouraged searchers within ~2 years (docs/model.md)"),
      integer("output.every", GIGSIM_FIELD(run.output_every), 4, 1, 520, "weeks", kStatic,
              "Weeks between flushes of buffered rows to the HDF5 file (at least; see "
              "output.max_write_share).",
              "a month: an interrupted run loses at most four weeks"),
      real("output.max_write_share", GIGSIM_FIELD(run.output_write_share), 0.05, 0.001, 1, "",
           kStatic,
           "Most of the run's wall time that flushing may take. Each flush copies the file (crash "
           "safety), so on a long run a flush due after output.every weeks waits until the time "
           "since the last flush is (1/share - 1) times what that flush took; 1 flushes every "
           "output.every weeks whatever it costs.",
           "5%: writing stays a small part of a long run; a killed run loses the rows since its "
           "last flush"),
      integer("output.panel_size", GIGSIM_FIELD(run.panel_size), 1000, 0, 1000000, "persons",
              kStatic,
              "Persons of the initial population followed week by week in /panel (a seeded "
              "sample, the same for every scenario with the same seed); 0 writes no panel.",
              "enough for a difference-in-differences study of exposed and unexposed freelancers"),

      // --- market ----------------------------------------------------------------------------
      integer(
          "market.initial_freelancers", GIGSIM_FIELD(market.initial_freelancers), 20000, 10,
          50000000, "freelancers", kStatic, "Freelancer profiles at week 0.",
          "10 freelancers per client, the ratio of the million-freelancer benchmark; uncertain"),
      integer("market.initial_clients", GIGSIM_FIELD(market.initial_clients), 2000, 1, 10000000,
              "clients", kStatic, "Clients at week 0 (the client population is fixed).",
              "see market.initial_freelancers"),
      integer("market.contract_slots", GIGSIM_FIELD(market.contract_slots), 4, 1, 16, "contracts",
              kStatic, "Most contracts one freelancer holds at once (weekly hours also bind).",
              "uncertain; capacity in hours is the binding limit for most"),
      integer("market.job_open_weeks", GIGSIM_FIELD(market.job_open_weeks), 4, 1, 52, "weeks",
              kEvent, "Weeks a posted job stays open for bids before it expires unfilled.",
              "uncertain; most posts are filled or abandoned within a month"),
      integer("market.jobs_seen_per_week", GIGSIM_FIELD(market.jobs_seen_per_week), 20, 1, 200,
              "jobs", kEvent, "Open jobs a searching freelancer looks at in a week.",
              "uncertain; one page of search results"),
      choice(
          "market.matching", MatchingMode::random, {"random", "skill_fit"},
          [](const Params& p) { return static_cast<int>(p.market.matching); },
          [](Params& p, int v) { p.market.matching = static_cast<MatchingMode>(v); }, kEvent,
          "How the platform picks the jobs a freelancer sees: uniformly at random, or the best "
          "skill fit among a larger random pool (platform matching).",
          "random = no platform matching"),
      real("market.matching_pool_factor", GIGSIM_FIELD(market.matching_pool_factor), 3, 1, 20, "",
           kEvent,
           "skill_fit matching: candidates drawn per job shown; higher means sharper matching.",
           "uncertain"),
      integer("market.bids_per_week", GIGSIM_FIELD(market.bids_per_week), 4, 1, 100, "bids", kEvent,
              "Weekly proposal budget of a freelancer (connects).",
              "uncertain; Upwork's free allowance is a few proposals a week, more can be bought"),
      real("market.bid_cost_usd", GIGSIM_FIELD(market.bid_cost_usd), 0.30, 0, 1000, "USD", kEvent,
           "Price of one proposal, paid to the platform.",
           "Upwork Connects ~$0.15 each, ~2 per proposal (Upwork, 2023)"),
      real("market.pace_hours_per_week", GIGSIM_FIELD(market.pace_hours_per_week), 20, 1, 80,
           "hours/week", kEvent,
           "Hours per week a contract needs; a job of H hours lasts ceil(H / pace) weeks.",
           "uncertain; half-time pace"),
      real("market.fixed_price_share", GIGSIM_FIELD(market.fixed_price_share), 0.5, 0, 1, "",
           kEvent,
           "Share of jobs posted as fixed-price (paid the quote); the rest are hourly "
           "(paid the hours actually worked).",
           "uncertain; middle value"),
      real("market.complexity_concentration", GIGSIM_FIELD(market.complexity_concentration), 4, 0.1,
           1000, "", kEvent,
           "Beta concentration of job complexity around the category mean (higher = less spread).",
           "uncertain"),
      real("market.hourly_overrun_sd", GIGSIM_FIELD(market.hourly_overrun_sd), 0.2, 0, 2, "",
           kEvent, "Log-sd of hours worked over hours quoted on hourly jobs.", "uncertain"),

      // --- clients ---------------------------------------------------------------------------
      real("clients.jobs_per_year", GIGSIM_FIELD(clients.jobs_per_year), 7.7, 0, 1000, "jobs/year",
           kEvent, "Mean jobs one client posts per year.",
           "Upwork: $4.1B gross services volume / 832k active clients (2023) = $4,928 per "
           "client-year; at the default job "
           "size (mean 72 h) and $22/h a hire is worth ~$1,590, so 3.1 hires a year; with ~40% "
           "of posts hired that is 7.7 posts a year"),
      real("clients.posting_sigma", GIGSIM_FIELD(clients.posting_sigma), 1.0, 0, 3, "", kStatic,
           "Log-sd of posting rates across clients (a few clients post most jobs).", "uncertain"),
      real("clients.main_category_share", GIGSIM_FIELD(clients.main_category_share), 0.8, 0, 1, "",
           kEvent, "Share of a client's jobs posted in its main category (others by demand share).",
           "uncertain; clients mostly hire for one kind of work"),
      real("clients.budget_sigma", GIGSIM_FIELD(clients.budget_sigma), 0.3, 0, 2, "", kStatic,
           "Log-sd of a client's budget level around the category budget rate.", "uncertain"),
      real("clients.price_sensitivity", GIGSIM_FIELD(clients.price_sensitivity), 3.0, 0, 50, "",
           kEvent, "Mean logit weight on log(price / budget).", "uncertain"),
      real("clients.price_sensitivity_sigma", GIGSIM_FIELD(clients.price_sensitivity_sigma), 0.5, 0,
           3, "", kStatic, "Log-sd of price sensitivity across clients.", "uncertain"),
      real("clients.weight_reputation", GIGSIM_FIELD(clients.weight_reputation), 1.5, 0, 20,
           "1/star", kEvent, "Logit weight on a freelancer's reputation (Bayesian mean stars).",
           "uncertain"),
      real("clients.weight_skill", GIGSIM_FIELD(clients.weight_skill), 2.0, 0, 20, "", kEvent,
           "Logit weight on the skill a client perceives (with noise) from the proposal.",
           "uncertain"),
      real("clients.weight_track_record", GIGSIM_FIELD(clients.weight_track_record), 0.4, 0, 20, "",
           kEvent, "Logit weight on log(1 + ratings received): the cold-start penalty.",
           "uncertain"),
      real("clients.quality_sensitivity_sigma", GIGSIM_FIELD(clients.quality_sensitivity_sigma),
           0.5, 0, 3, "", kStatic,
           "Log-sd across clients of a mean-one multiplier on the reputation, skill and track "
           "record weights (some clients care more about quality than others).",
           "uncertain"),
      real("clients.weight_rehire", GIGSIM_FIELD(clients.weight_rehire), 1.0, 0, 20, "", kEvent,
           "Logit bonus for a proposal from the client's previous freelancer (partner).",
           "uncertain"),
      real("clients.skill_noise_sd", GIGSIM_FIELD(clients.skill_noise_sd), 0.2, 0, 5, "", kEvent,
           "Sd of the noise on the skill a client perceives.", "uncertain"),
      real("clients.outside_utility", GIGSIM_FIELD(clients.outside_utility), 12.6, -50, 50, "",
           kEvent, "Logit utility of hiring nobody this week (the client decides again next week).",
           "calibrated: the one default set from an outcome. A back-of-envelope value is 13.4 "
           "(typical proposal utility ~8.9; ~40% of posts hire over ~2 weekly decisions; ~26 "
           "proposals, Demirci et al.); utility spread and the client fee shift it, and 12.6 gives "
           "the ~40% hire share (low confidence), so hire_rate is a calibration target, not a "
           "validation"),
      real("clients.rehire_probability", GIGSIM_FIELD(clients.rehire_probability), 0.3, 0, 1, "",
           kEvent, "Chance a new job goes straight to the client's last freelancer.", "uncertain"),
      real("clients.rehire_min_rating", GIGSIM_FIELD(clients.rehire_min_rating), 4.0, 1, 5, "stars",
           kEvent, "A client re-hires only after rating the last job at least this.", "uncertain"),

      // --- freelancers -----------------------------------------------------------------------
      real("freelancers.skill_alpha", GIGSIM_FIELD(freelancers.skill_alpha), 2, 0.1, 100, "",
           kEvent, "Skill ~ Beta(alpha, beta) in [0, 1], for the initial population and entrants.",
           "uncertain; symmetric, mean 0.5"),
      real("freelancers.skill_beta", GIGSIM_FIELD(freelancers.skill_beta), 2, 0.1, 100, "", kEvent,
           "See freelancers.skill_alpha.", "uncertain"),
      real("freelancers.part_time_share", GIGSIM_FIELD(freelancers.part_time_share), 0.6, 0, 1, "",
           kEvent, "Share of freelancers working part-time.",
           "uncertain; most platform freelancers freelance beside other work"),
      real("freelancers.part_time_hours", GIGSIM_FIELD(freelancers.part_time_hours), 15, 1, 80,
           "hours/week", kEvent, "Weekly capacity of a part-timer.", "uncertain"),
      real("freelancers.full_time_hours", GIGSIM_FIELD(freelancers.full_time_hours), 40, 1, 80,
           "hours/week", kEvent, "Weekly capacity of a full-timer.", "a standard working week"),
      real("freelancers.reservation_ratio", GIGSIM_FIELD(freelancers.reservation_ratio), 0.8 / 1.4,
           0.01, 5, "", kEvent,
           "Median reservation rate (the net hourly value of a freelancer's time) relative to the "
           "category budget rate.",
           "derived: the median opening ask, reservation x initial_markup / (1 - fee on new work), "
           "equals the category's published median hourly rate ($20; $28 technical; Upwork): "
           "(1 - 0.20) / 1.4 = 0.571 with the 20% first fee tier"),
      real("freelancers.reservation_sigma", GIGSIM_FIELD(freelancers.reservation_sigma), 0.35, 0, 3,
           "", kEvent, "Log-sd of reservation rates (global labour supply, wide spread).",
           "uncertain"),
      real("freelancers.skill_premium", GIGSIM_FIELD(freelancers.skill_premium), 0.6, 0, 5, "",
           kEvent, "Initial ask markup per unit of skill above 0.5.", "uncertain"),
      real("freelancers.initial_markup", GIGSIM_FIELD(freelancers.initial_markup), 1.4, 1, 10, "",
           kEvent, "Initial ask, net of the fee on new work, relative to the reservation rate.",
           "uncertain"),
      real("freelancers.secondary_share", GIGSIM_FIELD(freelancers.secondary_share), 0.3, 0, 1, "",
           kEvent, "Share of freelancers with a secondary category.", "uncertain"),
      real("freelancers.secondary_search_share", GIGSIM_FIELD(freelancers.secondary_search_share),
           0.25, 0, 1, "", kEvent, "Share of the jobs seen that come from the secondary category.",
           "uncertain"),
      real(
          "freelancers.search_probability", GIGSIM_FIELD(freelancers.search_probability), 0.24,
          0.001, 1, "", kEvent, "Mean weekly probability that a freelancer looks for work.",
          "Online Labour Index (Kässi & Lehdonvirta): ~3.3M active of ~14M who ever worked = 0.24"),
      real("freelancers.search_concentration", GIGSIM_FIELD(freelancers.search_concentration), 2,
           0.1, 1000, "", kEvent,
           "Beta concentration of individual search probabilities (low = a few very active).",
           "uncertain"),
      real("freelancers.experience_weeks_mean", GIGSIM_FIELD(freelancers.experience_weeks_mean),
           104, 0, 1040, "weeks", kStatic, "Mean platform tenure of the initial population.",
           "uncertain"),
      real("freelancers.ratings_per_year", GIGSIM_FIELD(freelancers.ratings_per_year), 0.31, 0, 200,
           "ratings/year", kStatic,
           "Ratings per year of tenure held by the initial population, on average; each profile's "
           "rate is proportional to its search probability (those who look for work more have "
           "worked more).",
           "derived: ~3.1 hires per client-year (clients.jobs_per_year x the ~40% hire share, "
           "Upwork) x 1 client per 10 freelancers = 0.31"),
      real("freelancers.strategy_fixed", GIGSIM_FIELD(freelancers.strategy_fixed), 0.25, 0, 1, "",
           kEvent, "Share bidding their fixed ask (strategy shares must sum to 1).", "uncertain"),
      real("freelancers.strategy_budget_anchored",
           GIGSIM_FIELD(freelancers.strategy_budget_anchored), 0.25, 0, 1, "", kEvent,
           "Share bidding a fraction of the client's budget.", "uncertain"),
      real("freelancers.strategy_adaptive", GIGSIM_FIELD(freelancers.strategy_adaptive), 0.35, 0, 1,
           "", kEvent, "Share raising the ask after wins and cutting it after losing streaks.",
           "uncertain"),
      real("freelancers.strategy_undercutter", GIGSIM_FIELD(freelancers.strategy_undercutter), 0.15,
           0, 1, "", kEvent, "Share bidding below the going rate of the category.", "uncertain"),
      real("freelancers.prior_win_probability", GIGSIM_FIELD(freelancers.prior_win_probability),
           0.04, 0.0001, 1, "", kEvent,
           "Belief about winning one bid before any history (updated with own wins and bids).",
           "~40% of posts hire (low confidence) over ~26 bids (Demirci et al.): 0.4 / 26 ~ "
           "0.015-0.04"),

      // --- pricing ---------------------------------------------------------------------------
      real("pricing.raise_after_win", GIGSIM_FIELD(pricing.raise_after_win), 0.05, 0, 1, "", kEvent,
           "Adaptive strategy: relative ask raise after a win.", "uncertain"),
      real("pricing.cut_after_losses", GIGSIM_FIELD(pricing.cut_after_losses), 0.05, 0, 1, "",
           kEvent, "Adaptive strategy: relative ask cut after a losing streak.", "uncertain"),
      integer("pricing.losing_streak", GIGSIM_FIELD(pricing.losing_streak), 25, 1, 1000, "bids",
              kEvent, "Adaptive strategy: bids without a win that make a losing streak.",
              "derived: the expected wait for a win at the prior win probability, 1 / 0.04 = 25 "
              "bids; a shorter streak would cut asks on ordinary luck"),
      real("pricing.budget_anchor", GIGSIM_FIELD(pricing.budget_anchor), 0.9, 0.01, 5, "", kEvent,
           "Budget-anchored strategy: bid this fraction of the client's budget rate.", "uncertain"),
      real("pricing.undercut", GIGSIM_FIELD(pricing.undercut), 0.9, 0.01, 1, "", kEvent,
           "Undercutter strategy: bid this fraction of last week's median agreed rate.",
           "uncertain"),

      // --- reputation ------------------------------------------------------------------------
      real("reputation.prior_mean", GIGSIM_FIELD(reputation.prior_mean), 4.0, 1, 5, "stars", kEvent,
           "Bayesian prior mean of a freelancer's rating.", "uncertain"),
      real("reputation.prior_weight", GIGSIM_FIELD(reputation.prior_weight), 3, 0, 100, "ratings",
           kEvent, "Strength of the prior in pseudo-ratings.", "uncertain"),
      real("reputation.rating_noise_sd", GIGSIM_FIELD(reputation.rating_noise_sd), 0.3, 0, 5,
           "stars", kEvent, "Noise a client adds when rating.", "uncertain"),
      real("reputation.quality_noise_sd", GIGSIM_FIELD(reputation.quality_noise_sd), 0.15, 0, 2, "",
           kEvent, "Noise of delivered quality around the freelancer's skill.", "uncertain"),

      // --- fees (policy) ---------------------------------------------------------------------
      choice(
          "fees.schedule", FeeSchedule::sliding, {"flat", "sliding"},
          [](const Params& p) { return static_cast<int>(p.fees.schedule); },
          [](Params& p, int v) { p.fees.schedule = static_cast<FeeSchedule>(v); }, kEvent,
          "Freelancer fee: one flat rate, or sliding tiers by lifetime billings with a client.",
          "Upwork sliding 20/10/5% until May 2023, flat 10% after"),
      real("fees.flat_rate", GIGSIM_FIELD(fees.flat_rate), 0.10, 0, 0.9, "", kEvent,
           "Freelancer fee under the flat schedule (at most 90%: a freelancer's price floor is "
           "its reservation / (1 - fee)).",
           "Upwork flat 10% from May 2023"),
      real("fees.tier1_limit_usd", GIGSIM_FIELD(fees.tier1_limit_usd), 500, 0, 1e9, "USD", kEvent,
           "Sliding schedule: billings with a client up to this pay tier1_rate.",
           "Upwork: up to $500 with a client (until May 2023)"),
      real("fees.tier1_rate", GIGSIM_FIELD(fees.tier1_rate), 0.20, 0, 0.9, "", kEvent,
           "Sliding schedule: fee on the first tier.", "Upwork 20% (until May 2023)"),
      real("fees.tier2_limit_usd", GIGSIM_FIELD(fees.tier2_limit_usd), 10000, 0, 1e9, "USD", kEvent,
           "Sliding schedule: billings up to this (above tier 1) pay tier2_rate.",
           "Upwork: up to $10,000 with a client (until May 2023)"),
      real("fees.tier2_rate", GIGSIM_FIELD(fees.tier2_rate), 0.10, 0, 0.9, "", kEvent,
           "Sliding schedule: fee on the second tier.", "Upwork 10% (until May 2023)"),
      real("fees.tier3_rate", GIGSIM_FIELD(fees.tier3_rate), 0.05, 0, 0.9, "", kEvent,
           "Sliding schedule: fee on billings above tier2_limit_usd.",
           "Upwork 5% (until May 2023)"),
      real("fees.client_rate", GIGSIM_FIELD(fees.client_rate), 0.05, 0, 1, "", kEvent,
           "Marketplace fee the client pays on top of the price.",
           "Upwork client marketplace fee ~5%"),

      // --- policy ----------------------------------------------------------------------------
      real("policy.min_hourly_rate_usd", GIGSIM_FIELD(policy.min_hourly_rate_usd), 0, 0, 1000,
           "USD/hour", kEvent, "Platform minimum hourly rate; no bid or ask below it (0 = none).",
           "off by default; Horton (2025) studied $2/$3/$4 floors on oDesk"),
      choice(
          "policy.ai_disclosure", Disclosure::none, {"none", "required"},
          [](const Params& p) { return static_cast<int>(p.policy.ai_disclosure); },
          [](Params& p, int v) { p.policy.ai_disclosure = static_cast<Disclosure>(v); }, kEvent,
          "Whether proposals must disclose the use of AI tools; clients then respond to it by "
          "taste (ai.averse_client_share).",
          "off by default: no platform required disclosure in 2023"),
      real("policy.substitution_tax", GIGSIM_FIELD(policy.substitution_tax), 0, 0, 1, "", kEvent,
           "Levy on the cost a client avoids by doing a job with AI instead of hiring; the chance "
           "of automating falls by (1 - tax)^price_sensitivity.",
           "off by default; a policy option"),
      real("policy.training_subsidy", GIGSIM_FIELD(policy.training_subsidy), 0, 0, 1, "", kEvent,
           "Share of a reskilling course's price the policy pays.",
           "off by default; a policy option"),

      // --- ai --------------------------------------------------------------------------------
      real("ai.substitution_scale", GIGSIM_FIELD(ai.substitution_scale), 0.5, 0, 1, "", kEvent,
           "Chance that a client does a fully routine job (complexity 0) of a "
           "category at full AI capability with AI itself instead of posting it; scaled by the "
           "category's capability.",
           "uncertain; middle value"),
      real("ai.complexity_elasticity", GIGSIM_FIELD(ai.complexity_elasticity), 2, 0, 20, "", kEvent,
           "Automation falls with job complexity as (1 - complexity)^this: routine work goes "
           "first.",
           "uncertain; routine tasks are the most exposed (Eloundou et al. 2023)"),
      real("ai.quality_aversion", GIGSIM_FIELD(ai.quality_aversion), 1, 0, 10, "", kEvent,
           "Automation falls with the client's quality sensitivity q as q^-this.", "uncertain"),
      real("ai.innovation_per_year", GIGSIM_FIELD(ai.innovation_per_year), 0.03, 0, 10, "1/year",
           kEvent, "Bass innovation coefficient p of freelancers' adoption of AI tools.",
           "p ~ 0.03 a year, average of Bass-model estimates (Sultan, Farley & Lehmann 1990)"),
      real("ai.imitation_per_year", GIGSIM_FIELD(ai.imitation_per_year), 0.38, 0, 10, "1/year",
           kEvent,
           "Bass imitation coefficient q: adoption rises with the share of adopters in the "
           "category.",
           "q ~ 0.38 a year, average of Bass-model estimates (Sultan, Farley & Lehmann 1990)"),
      real("ai.payoff_weight", GIGSIM_FIELD(ai.payoff_weight), 0.05, 0, 10, "1/week", kEvent,
           "Weekly adoption hazard per unit of the earnings gain of adopters over non-adopters in "
           "the category, net of the tools' price, relative to the freelancer's outside option.",
           "uncertain"),
      real("ai.abandon_probability", GIGSIM_FIELD(ai.abandon_probability), 0.02, 0, 1, "1/week",
           kEvent,
           "Weekly chance that an adopter drops the tools while adopters in its category do not "
           "out-earn non-adopters by their price.",
           "uncertain"),
      real("ai.initial_proficiency", GIGSIM_FIELD(ai.initial_proficiency), 0.3, 0, 1, "", kEvent,
           "Proficiency with the tools of a new adopter (1 = full benefit).", "uncertain"),
      real("ai.learning_per_100_hours", GIGSIM_FIELD(ai.learning_per_100_hours), 0.2, 0, 10, "",
           kEvent,
           "Proficiency gained per 100 hours worked with the tools, times (1 - proficiency).",
           "uncertain"),
      real("ai.time_saving", GIGSIM_FIELD(ai.time_saving), 0.5, 0, 0.9, "", kEvent,
           "Share of a job's hours saved by an adopter of average skill at full capability and "
           "proficiency; the saving is this x capability x proficiency x 2 (1 - skill), at most "
           "90%: gains fall with skill.",
           "derived: writing tasks 40% faster at exposure 0.81 (Noy & Zhang 2023): 0.49; "
           "programming 55.8% faster, i.e. 36% less time, at exposure 0.68 (Peng et al. 2023): "
           "0.53; gains twice the average for novices and near zero for the most skilled "
           "(Brynjolfsson, Li & Raymond 2023; Dell'Acqua et al. 2023)"),
      real("ai.quality_gain", GIGSIM_FIELD(ai.quality_gain), 0.15, 0, 1, "", kEvent,
           "Quality (0-1 scale of skill) an adopter of average skill adds at full capability and "
           "proficiency; scaled like the time saving.",
           "uncertain; between +18% (Noy & Zhang 2023) and over +40% (Dell'Acqua et al. 2023) on "
           "a mean quality of 0.5"),
      integer("ai.extra_bids", GIGSIM_FIELD(ai.extra_bids), 2, 0, 100, "bids", kStatic,
              "Extra proposals a week an adopter can write (the tools draft them).", "uncertain"),
      real("ai.averse_client_share", GIGSIM_FIELD(ai.averse_client_share), 0.3, 0, 1, "", kStatic,
           "Share of clients who penalise AI-made work.",
           "uncertain; surveys find a large minority of consumers distrust AI-made content"),
      real("ai.aversion_penalty", GIGSIM_FIELD(ai.aversion_penalty), 1.0, 0, 20, "", kEvent,
           "Utility an AI-averse client takes off a proposal that discloses AI use (about the "
           "weight of two-thirds of a star of reputation).",
           "uncertain"),
      real("ai.flaw_probability", GIGSIM_FIELD(ai.flaw_probability), 0.15, 0, 1, "", kEvent,
           "Chance that AI-made work has a flaw the client notices (an error, generic content), "
           "at proficiency 0; falls linearly to 0 at full proficiency. A flaw costs one star.",
           "uncertain; AI output outside its frontier is often wrong (Dell'Acqua et al. 2023)"),
      real("ai.detection_probability", GIGSIM_FIELD(ai.detection_probability), 0.3, 0, 1, "",
           kEvent,
           "Chance that an AI-averse client notices undisclosed AI use at delivery (and rates one "
           "star lower).",
           "uncertain"),
      real("ai.budget_pressure", GIGSIM_FIELD(ai.budget_pressure), 0.3, 0, 0.9, "", kEvent,
           "Budget cut clients apply to a category's work at full capability and full adoption: "
           "budget x (1 - this x capability x adoption share).",
           "uncertain; clients expect cheaper delivery of AI-exposed work"),
      real("ai.deadline_pressure", GIGSIM_FIELD(ai.deadline_pressure), 0.5, 0, 5, "", kEvent,
           "Speed-up clients expect then: contract pace x (1 + this x capability x adoption).",
           "uncertain; clients expect faster delivery"),
      real("ai.complexity_shift", GIGSIM_FIELD(ai.complexity_shift), 0.3, 0, 1, "", kEvent,
           "Posted jobs' mean complexity m moves to m + this x capability x adoption x (1 - m): "
           "with AI, clients post more of the complex work it cannot do alone.",
           "uncertain"),
      real("ai.matching_gain", GIGSIM_FIELD(ai.matching_gain), 1, 0, 20, "", kEvent,
           "Platform AI matching (market.matching = \"skill_fit\"): the candidate pool grows to "
           "matching_pool_factor x (1 + this x AI diffusion).",
           "uncertain"),
      real("ai.entry_boost", GIGSIM_FIELD(ai.entry_boost), 0.5, 0, 10, "", kEvent,
           "AI lowers the barrier to entry: prospects of a category x (1 + this x capability).",
           "uncertain"),
      real("ai.entrant_skill_drop", GIGSIM_FIELD(ai.entrant_skill_drop), 0.3, 0, 1, "", kEvent,
           "AI-assisted entrants are less skilled: their skill x (1 - this x capability).",
           "uncertain"),

      // --- careers ---------------------------------------------------------------------------
      real("careers.trailing_weeks", GIGSIM_FIELD(careers.trailing_weeks), 12, 1, 520, "weeks",
           kEvent, "Horizon of the exponentially weighted trailing weekly earnings.",
           "a quarter; uncertain"),
      real("careers.learning_per_1000_hours", GIGSIM_FIELD(careers.learning_per_1000_hours), 0.1, 0,
           10, "", kEvent,
           "Upskilling by doing: skill grows by this x (1 - skill) per 1000 hours worked.",
           "uncertain"),
      real("careers.aspiration_hours_per_week", GIGSIM_FIELD(careers.aspiration_hours_per_week), 5,
           0, 80, "hours/week", kEvent,
           "A freelancer is discouraged while trailing weekly earnings stay below this many hours "
           "at the reservation rate.",
           "uncertain; a few hours a week make a profile worth keeping"),
      integer("careers.patience_weeks", GIGSIM_FIELD(careers.patience_weeks), 26, 1, 520, "weeks",
              kEvent,
              "Weeks of searching with discouraging trailing earnings before a freelancer acts "
              "(weeks without search do not count: a profile that does not look is dormant).",
              "uncertain; half a year"),
      real("careers.exit_probability", GIGSIM_FIELD(careers.exit_probability), 0.05, 0, 1, "",
           kEvent, "Weekly chance of leaving the platform once patience has run out.", "uncertain"),
      real("careers.switch_probability", GIGSIM_FIELD(careers.switch_probability), 0.05, 0, 1, "",
           kEvent, "Weekly chance of making the secondary category primary instead.", "uncertain"),
      real("careers.leave_probability", GIGSIM_FIELD(careers.leave_probability), 1.0 / 104.0, 0, 1,
           "1/week", kEvent,
           "Weekly chance that a freelancer decides to leave for reasons outside the platform (a "
           "job, studies, life events), whatever it earns; it finishes its contracts first. Bounds "
           "careers, and with them how far reputations and learning by doing can grow.",
           "derived: the hazard under which the initial population's exponential tenure "
           "(freelancers.experience_weeks_mean, 104 weeks) is stationary"),
      real("careers.prospect_rate", GIGSIM_FIELD(careers.prospect_rate), 1.0 / 104.0, 0, 1,
           "1/week", kEvent,
           "Prospective freelancers who consider joining each week, per freelancer of the initial "
           "population, spread over categories by their initial demand shares. A prospect joins "
           "when a searcher's expected weekly earnings net of fees and bid costs "
           "(market/signals.cpp) reach aspiration_hours_per_week at the prospect's own "
           "reservation rate.",
           "the inflow that renews the initial population once over its mean platform tenure "
           "(freelancers.experience_weeks_mean, 104 weeks) if every prospect joined"),
      real("careers.reskill_probability", GIGSIM_FIELD(careers.reskill_probability), 0.2, 0, 1,
           "1/week", kEvent,
           "Weekly chance that a discouraged freelancer starts a course in a less exposed or "
           "complementary category once the move pays for itself (instead of exiting).",
           "uncertain"),
      integer("careers.reskill_weeks", GIGSIM_FIELD(careers.reskill_weeks), 13, 1, 520, "weeks",
              kEvent, "Length of a reskilling course (no search meanwhile).",
              "uncertain; a quarter"),
      real("careers.reskill_cost_usd", GIGSIM_FIELD(careers.reskill_cost_usd), 1000, 0, 1e6, "USD",
           kEvent, "Price of a reskilling course.", "uncertain; a short online certificate"),
      real("careers.reskill_horizon_weeks", GIGSIM_FIELD(careers.reskill_horizon_weeks), 52, 1, 520,
           "weeks", kEvent,
           "A course pays when the target category's expected searcher earnings exceed the "
           "current ones by more than its unsubsidised price spread over these weeks.",
           "uncertain; a year"),
      real("careers.reskill_skill_kept", GIGSIM_FIELD(careers.reskill_skill_kept), 0.7, 0, 1, "",
           kEvent, "Share of skill carried into the new category.", "uncertain"),
      real("careers.upmarket_probability", GIGSIM_FIELD(careers.upmarket_probability), 0.1, 0, 1,
           "1/week", kEvent,
           "Weekly chance that a discouraged, skilled freelancer specialises in complex work "
           "(bids only on jobs at least as complex as its skill minus 0.1, asks 20% more).",
           "uncertain"),
      real("careers.upmarket_min_skill", GIGSIM_FIELD(careers.upmarket_min_skill), 0.6, 0, 1, "",
           kEvent, "Skill needed to specialise.", "uncertain"),
      integer("careers.dormant_after_weeks", GIGSIM_FIELD(careers.dormant_after_weeks), 26, 1, 520,
              "weeks", kEvent,
              "A registered profile that has neither searched nor held a contract for this many "
              "weeks is dormant (counted apart from active freelancers, as the Online Labour Index "
              "separates registered from active workers).",
              "uncertain; half a year"),
      real("careers.dormant_exit_probability", GIGSIM_FIELD(careers.dormant_exit_probability), 0.02,
           0, 1, "1/week", kEvent,
           "Weekly chance that a dormant profile leaves the platform (attrition of idle profiles).",
           "uncertain; a dormant profile lingers about a year"),

      // --- limits ----------------------------------------------------------------------------
      // Agent and job indices are 32-bit, hence the ceilings. Memory per agent is measured on
      // the engine's stores (docs/reliability.md): about 320 bytes per registered freelancer
      // with the default four contract slots, about 150 bytes per job on the board.
      integer("limits.max_freelancers", GIGSIM_FIELD(limits.max_freelancers), 30000000, 10,
              2147483647, "freelancers", kStatic,
              "Most registered freelancer profiles a run may hold (about 320 bytes each); a run "
              "that grows past it stops with an error and a result file marked failed.",
              "above the 18 million of the largest benchmark; 30 million take about 10 GB"),
      integer("limits.max_open_jobs", GIGSIM_FIELD(limits.max_open_jobs), 50000000, 10, 2147483647,
              "jobs", kStatic,
              "Most jobs on the board at the end of a week (open, or closed that week; about 150 "
              "bytes each); a run that grows past it stops with an error and a result file "
              "marked failed.",
              "far above what the benchmarks post; 50 million take about 7.5 GB"),
  };
}

std::vector<CategoryFieldSpec> build_category_fields() {
  // The defaults here are the generic ones of a category a scenario declares; the default
  // categories have their own values (build_default_categories).
  return {
      real("demand_share", GIGSIM_CATEGORY_FIELD(demand_share), 0.05, 0, 1, "", kEvent,
           "Share of client postings in this category.", "uncertain; a small new category"),
      real("budget_rate_usd", GIGSIM_CATEGORY_FIELD(budget_rate_usd), 20, 0.5, 1000, "USD/hour",
           kEvent, "Median client budget per hour.", "median hourly rate on large platforms ~$20"),
      real("job_hours_median", GIGSIM_CATEGORY_FIELD(job_hours_median), 20, 0.5, 5000, "hours",
           kEvent, "Median job size.", "most platform projects are small (tens of hours)"),
      real("job_hours_sigma", GIGSIM_CATEGORY_FIELD(job_hours_sigma), 1.6, 0, 4, "", kEvent,
           "Log-sd of job size (heavy tail).",
           "larger engagements carry most of the money (Upwork: ~85% of gross services volume)"),
      real("complexity_mean", GIGSIM_CATEGORY_FIELD(complexity_mean), 0.5, 0.01, 0.99, "", kEvent,
           "Mean job complexity in [0, 1] (skill a job needs).", "uncertain; middle value"),
      real("ai_complementarity", GIGSIM_CATEGORY_FIELD(ai_complementarity), 0, 0, 1000, "", kEvent,
           "Work AI creates in this category: demand x (1 + this x AI diffusion), AI diffusion "
           "being the demand-weighted mean over categories of capability x adoption share.",
           "0: AI creates no new demand here; ai_services 10 (uncertain; Upwork 2023: AI job "
           "posts +600% in a year)"),
      per_technology("exposure", GIGSIM_CATEGORY_FIELD(exposure), 0, 0, 1, "", kEvent,
                     "Share of the category's tasks exposed to each AI technology: the "
                     "capability the technology brings to the category is exposure x maturity.",
                     "none unless set; the default categories take theirs from Eloundou et al. "
                     "(2023) and Felten et al. (2023)"),
  };
}

std::vector<TechnologyFieldSpec> build_technology_fields() {
  // The defaults here are the generic ones of a technology a scenario declares.
  return {
      member_choice<AiTechnologyParams>(
          "trajectory", CapabilityPath::none, {"none", "logistic", "step", "table"},
          [](const AiTechnologyParams& t) { return static_cast<int>(t.trajectory); },
          [](AiTechnologyParams& t, int v) { t.trajectory = static_cast<CapabilityPath>(v); },
          kEvent,
          "How the technology's maturity (0-1) moves from release_week on: none (never any "
          "capability), logistic (an S-curve towards the ceiling), step (the ceiling at once) "
          "or table (points, linearly interpolated).",
          "none: the pre-AI baseline has no AI; a scenario switches a technology on"),
      integer("release_week", GIGSIM_TECHNOLOGY_FIELD(release_week), 0, -5200, 5200, "weeks",
              kEvent, "Recorded week of the release (negative: during the burn-in).",
              "arbitrary; set by the scenario that switches the technology on"),
      real("ceiling", GIGSIM_TECHNOLOGY_FIELD(ceiling), 1, 0, 1, "", kEvent,
           "Maturity eventually reached (logistic and step trajectories).",
           "uncertain; full maturity"),
      real("midpoint_weeks", GIGSIM_TECHNOLOGY_FIELD(midpoint_weeks), 52, 0, 5200, "weeks", kEvent,
           "Logistic trajectory: weeks after the release to half the ceiling.",
           "uncertain; about a year"),
      real("spread_weeks", GIGSIM_TECHNOLOGY_FIELD(spread_weeks), 13, 0.1, 1040, "weeks", kEvent,
           "Logistic trajectory: time scale of the S-curve (from 27% to 73% of the ceiling takes "
           "twice this).",
           "uncertain; a quarter"),
      points("points", GIGSIM_TECHNOLOGY_FIELD(points), 0, 1, kEvent,
             "Table trajectory: [weeks_after_release, level] points, weeks ascending, levels in "
             "[0, 1], e.g. [[0, 0.0], [26, 0.3], [104, 0.9]].",
             "empty: no table"),
      real("tool_price_usd_per_month", GIGSIM_TECHNOLOGY_FIELD(tool_price_usd_per_month), 20, 0,
           10000, "USD/month", kEvent, "What one freelancer pays for the technology's tools.",
           "uncertain; a typical individual subscription in 2023 (ChatGPT Plus, $20 a month)"),
  };
}

std::vector<CategoryDefaults> build_default_categories() {
  // Fields not listed take the generic default of their row (build_category_fields): budget
  // $20/h, median job 20 h with log-sd 1.6, exposure 0. Technical work budgets ~$28/h. Demand
  // shares and complexity have no published figure here: uncertain middle values. Exposures come
  // from default_technologies().
  const char* source =
      "demand shares and complexity are uncertain middle values; skilled/technical work ~$28 an "
      "hour on large platforms";
  return {
      {"writing", source, {{"demand_share", 0.15}, {"complexity_mean", 0.4}}},
      {"translation", source, {{"demand_share", 0.08}, {"complexity_mean", 0.4}}},
      {"software",
       source,
       {{"demand_share", 0.20}, {"budget_rate_usd", 28}, {"complexity_mean", 0.6}}},
      {"web", source, {{"demand_share", 0.20}, {"budget_rate_usd", 28}, {"complexity_mean", 0.5}}},
      {"design", source, {{"demand_share", 0.15}, {"complexity_mean", 0.5}}},
      {"data_entry", source, {{"demand_share", 0.12}, {"complexity_mean", 0.2}}},
      {"customer_support", source, {{"demand_share", 0.10}, {"complexity_mean", 0.3}}},
      {"ai_services",
       "starts small and grows with AI: AI-related categories were new in 2023 (Upwork 2023: AI "
       "job posts +600% in a year; complementarity 10 uncertain); technical rate ~$28",
       {{"demand_share", 0.01},
        {"budget_rate_usd", 28},
        {"complexity_mean", 0.6},
        {"ai_complementarity", 10}}},
  };
}

std::vector<TechnologyDefaults> build_default_technologies() {
  // Fields not listed take the generic default of their row (build_technology_fields): both
  // start switched off (trajectory "none"): the pre-AI baseline has no AI.
  return {
      {"llm",
       "ChatGPT Plus, $20 a month from February 2023",
       {{"tool_price_usd_per_month", 20}},
       "Eloundou et al. (2023), human-rated share of tasks exposed to language models "
       "(writers 0.81, translators 0.84, programmers 0.68, web developers 0.63, graphic "
       "designers 0.41, data entry 0.50, customer service 0.70); ai_services uncertain (0.2)",
       {{"writing", 0.81},
        {"translation", 0.84},
        {"software", 0.68},
        {"web", 0.63},
        {"design", 0.41},
        {"data_entry", 0.50},
        {"customer_support", 0.70},
        {"ai_services", 0.2}}},
      {"image",
       "Midjourney Basic, $10 a month in 2023 (uncertain)",
       {{"tool_price_usd_per_month", 10}},
       "Felten et al. (2023) rank graphic designers highest for image generation; the other "
       "values are uncertain middle values",
       {{"design", 0.5}, {"web", 0.15}, {"writing", 0.05}}},
  };
}

/// Sets one named number field (integer, real, choice index) of `owner`; the default tables
/// name only fields their table has (default_params() throws otherwise, and every test calls it).
template <typename Owner>
void set_default(const std::vector<FieldSpec<Owner>>& table, Owner& owner,
                 const DefaultValue& value) {
  for (const FieldSpec<Owner>& spec : table) {
    if (spec.key != value.field) continue;
    switch (spec.type) {
      case ParamType::integer:
        spec.integer_field(owner) = static_cast<std::int64_t>(value.value);
        return;
      case ParamType::real:
        if (spec.real_field == nullptr) break;
        spec.real_field(owner) = value.value;
        return;
      case ParamType::choice:
      case ParamType::boolean:
        spec.set_choice(owner, static_cast<int>(value.value));
        return;
      case ParamType::points:
        break;
    }
  }
  throw std::logic_error("a default member sets \"" + std::string(value.field) +
                         "\", which is no number field of its table");
}

/// Sets every field of `owner` that `table` lists to the row's default.
template <typename Owner>
void apply_defaults(const std::vector<FieldSpec<Owner>>& table, Owner& owner) {
  for (const FieldSpec<Owner>& spec : table) {
    switch (spec.type) {
      case ParamType::integer:
        spec.integer_field(owner) = static_cast<std::int64_t>(spec.default_value);
        break;
      case ParamType::real:
        if (spec.real_field != nullptr) spec.real_field(owner) = spec.default_value;
        break;
      case ParamType::choice:
      case ParamType::boolean:
        spec.set_choice(owner, static_cast<int>(spec.default_value));
        break;
      case ParamType::points:
        spec.points_field(owner).clear();
        break;
    }
  }
}

}  // namespace

const std::vector<ParamSpec>& parameter_table() {
  static const std::vector<ParamSpec> table = build_table();
  return table;
}

const std::vector<CategoryFieldSpec>& category_field_table() {
  static const std::vector<CategoryFieldSpec> table = build_category_fields();
  return table;
}

const std::vector<TechnologyFieldSpec>& technology_field_table() {
  static const std::vector<TechnologyFieldSpec> table = build_technology_fields();
  return table;
}

const std::vector<CategoryDefaults>& default_categories() {
  static const std::vector<CategoryDefaults> table = build_default_categories();
  return table;
}

const std::vector<TechnologyDefaults>& default_technologies() {
  static const std::vector<TechnologyDefaults> table = build_default_technologies();
  return table;
}

Params default_params() {
  Params params{};
  apply_defaults(parameter_table(), params);
  for (const TechnologyDefaults& defaults : default_technologies()) {
    AiTechnologyParams technology = new_technology(std::string(defaults.name));
    for (const DefaultValue& value : defaults.values) {
      set_default(technology_field_table(), technology, value);
    }
    params.technologies.push_back(std::move(technology));
  }
  for (const CategoryDefaults& defaults : default_categories()) {
    CategoryParams category = new_category(std::string(defaults.name), params.technologies.size());
    for (const DefaultValue& value : defaults.values) {
      set_default(category_field_table(), category, value);
    }
    for (std::size_t t = 0; t < default_technologies().size(); ++t) {
      for (const TechnologyDefaults::Exposure& exposure : default_technologies()[t].exposure) {
        if (exposure.category == category.name) category.exposure[t] = exposure.share;
      }
    }
    params.categories.push_back(std::move(category));
  }
  return params;
}

CategoryParams new_category(std::string name, std::size_t technology_count) {
  CategoryParams category{};
  apply_defaults(category_field_table(), category);
  category.name = std::move(name);
  for (const CategoryFieldSpec& field : category_field_table()) {
    if (field.per_technology_field != nullptr) {
      field.per_technology_field(category).assign(technology_count, field.default_value);
    }
  }
  return category;
}

AiTechnologyParams new_technology(std::string name) {
  AiTechnologyParams technology{};
  apply_defaults(technology_field_table(), technology);
  technology.name = std::move(name);
  return technology;
}

std::vector<ConsistencyProblem> consistency_problems(const Params& params) {
  std::vector<ConsistencyProblem> problems;
  const FreelancerParams& f = params.freelancers;
  const double strategy_sum =
      f.strategy_fixed + f.strategy_budget_anchored + f.strategy_adaptive + f.strategy_undercutter;
  if (std::abs(strategy_sum - 1.0) > 1e-9) {
    problems.push_back(
        {"freelancers.strategy_fixed + strategy_budget_anchored + strategy_adaptive + "
         "strategy_undercutter must sum to 1, they sum to " +
             std::to_string(strategy_sum),
         {"freelancers.strategy_fixed", "freelancers.strategy_budget_anchored",
          "freelancers.strategy_adaptive", "freelancers.strategy_undercutter"}});
  }
  if (params.fees.tier1_limit_usd > params.fees.tier2_limit_usd) {
    problems.push_back({"fees.tier1_limit_usd must not exceed fees.tier2_limit_usd",
                        {"fees.tier1_limit_usd", "fees.tier2_limit_usd"}});
  }
  if (params.freelancers.part_time_hours > params.freelancers.full_time_hours) {
    problems.push_back({"freelancers.part_time_hours must not exceed freelancers.full_time_hours",
                        {"freelancers.part_time_hours", "freelancers.full_time_hours"}});
  }
  for (const AiTechnologyParams& technology : params.technologies) {
    if (technology.trajectory == CapabilityPath::table && technology.points.empty()) {
      const std::string prefix = "ai.technologies." + technology.name + ".";
      problems.push_back({prefix + "trajectory is \"table\" but " + prefix +
                              "points is empty; give at least one [weeks_after_release, level]",
                          {prefix + "trajectory", prefix + "points"}});
    }
  }
  return problems;
}

}  // namespace gigsim
