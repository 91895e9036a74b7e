// Search and bidding; see bidding.hpp.
#include "market/bidding.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "ai/productivity.hpp"
#include "core/portable_exp.hpp"
#include "market/choice.hpp"
#include "market/contracts.hpp"
#include "market/delivery.hpp"
#include "market/posting.hpp"
#include "market/pricing.hpp"
#include "policy/fees.hpp"

namespace gigsim {

double believed_win_probability(double prior_win_probability, double bids, double wins) {
  return (wins + 1.0) / (bids + 1.0 / prior_win_probability);
}

double price_penalty(double price_sensitivity, double log_budget, double log_client_cost) {
  return log_client_cost > log_budget
             ? portable_exp(price_sensitivity * (log_budget - log_client_cost))
             : 1.0;
}

double proposal_value_usd(double win_probability, double penalty, double net_pay_usd,
                          double reservation_cost_usd, double bid_cost_usd) {
  return win_probability * penalty * (net_pay_usd - reservation_cost_usd) - bid_cost_usd;
}

double net_pay_usd(const FeeParams& fees, double prior_billings_usd, double gross_usd) {
  return gross_usd - freelancer_fee_usd(fees, prior_billings_usd, gross_usd);
}

namespace {

inline constexpr std::size_t kMaxJobsSeen = 200;  // upper bound of market.jobs_seen_per_week
inline constexpr std::size_t kMaxPoolDraws = 64;  // upper bound of the skill-fit pool per job
inline constexpr std::size_t kNothingShown = ~std::size_t{0};  // a category without open jobs
/// Freelancers per chunk of the search passes (a multiple of four: the coins' blocks).
inline constexpr std::size_t kSearchChunk = 1024;
inline constexpr std::size_t kCoinBatch = 64;  // slots whose search coins are drawn together
static_assert(kSearchChunk % kCoinBatch == 0 && kCoinBatch <= 256, "whole batches, byte indices");
/// Proposals one freelancer can send in a week: bids_per_week plus the AI tools' extra bids.
inline constexpr std::size_t kMaxProposals = 200;

/// Specialists (moved up-market) bid only on work at least this close to their skill.
inline constexpr double kSpecialistComplexityMargin = 0.1;

/// What the week's search looks like for every searcher: parameters read once per step.
struct SearchRules {
  std::size_t jobs_seen = 0;
  std::size_t pool_draws = 1;  // candidates drawn per job shown (1 without skill-fit matching)
  double bid_cost_usd = 0.0;
  double log_client_factor = 0.0;
  bool sliding_fees = false;
  std::size_t adopter_extra_proposals = 0;
};

SearchRules search_rules(const Params& params) {
  SearchRules rules;
  rules.jobs_seen = std::min<std::size_t>(
      kMaxJobsSeen, static_cast<std::size_t>(params.market.jobs_seen_per_week));
  if (params.market.matching == MatchingMode::skill_fit) {
    const long pool = std::lround(params.market.matching_pool_factor);
    rules.pool_draws = static_cast<std::size_t>(std::clamp<long>(pool, 1, kMaxPoolDraws));
  }
  rules.bid_cost_usd = params.market.bid_cost_usd;
  rules.log_client_factor = std::log(client_price_factor(params.fees));
  rules.sliding_fees = params.fees.schedule == FeeSchedule::sliding;
  rules.adopter_extra_proposals = static_cast<std::size_t>(params.ai.extra_bids);
  return rules;
}

struct Candidate {
  std::int32_t job;
  float price;
  float cost_factor;  // billed hours / job hours: what the client pays for, relative to the job
  double value;
};

/// The order of proposals: highest expected value first, ties by job position.
bool better(const Candidate& a, const Candidate& b) {
  return a.value > b.value || (a.value == b.value && a.job < b.job);
}

/// The best `capacity` candidates seen so far, best first (an insertion list: a searcher keeps
/// a handful).
class Shortlist {
 public:
  explicit Shortlist(std::size_t capacity) : capacity_(capacity) {}
  bool holds(std::int32_t job) const {
    for (std::size_t i = 0; i < size_; ++i) {
      if (items_[i].job == job) return true;
    }
    return false;
  }
  void offer(const Candidate& candidate) {
    if (capacity_ == 0) return;
    if (size_ == capacity_ && !better(candidate, items_[size_ - 1])) return;
    std::size_t i = size_ < capacity_ ? size_++ : size_ - 1;
    while (i > 0 && better(candidate, items_[i - 1])) {
      items_[i] = items_[i - 1];
      --i;
    }
    items_[i] = candidate;
  }
  /// Whether a candidate whose value is at most `upper_bound` could still enter the list.
  bool could_take(double upper_bound) const {
    return size_ < capacity_ || (capacity_ > 0 && upper_bound >= items_[size_ - 1].value);
  }
  std::size_t size() const { return size_; }
  const Candidate& operator[](std::size_t i) const { return items_[i]; }

 private:
  std::array<Candidate, kMaxProposals> items_;
  std::size_t capacity_;
  std::size_t size_ = 0;
};

/// Where a searcher looks this week: the first `secondary_places` of its `places` from the
/// secondary category, the rest from the primary.
struct SearchPlaces {
  std::size_t places = 0;
  std::size_t secondary_places = 0;
  std::uint8_t primary = 0;
  std::uint8_t secondary = kNoCategory;
  std::size_t pool_draws = 1;
  double skill = 0.0;
};

/// The jobs shown in `places` consecutive places of one category (its open jobs from `first`,
/// `count` of them, at least one): uniform among them, or under platform matching the best fit
/// |skill - complexity| among `pool_draws` uniform candidates, the first of equals. Takes
/// pool_draws words of the stream per place, in place order. The words of a group of places are
/// drawn together, then turned into candidates, whose complexities are read with no load waiting
/// for another (all addresses are known before the first comparison), then compared.
void draw_in_category(Stream& stream, std::size_t places, std::size_t first, std::size_t count,
                      std::size_t pool_draws, double skill, const float* complexity,
                      const JobCard* cards, std::size_t* shown_jobs) {
  constexpr std::size_t kGroupWords = 64;
  constexpr std::size_t kBatchAbove = 8;  // words: two blocks are drawn one by one
  std::array<std::uint32_t, kGroupWords> words;
  std::array<std::uint32_t, kGroupWords> candidates;
  const std::size_t group = kGroupWords / pool_draws;  // places per group (pool_draws <= 64)
  for (std::size_t start = 0; start < places; start += group) {
    const std::size_t in_group = std::min(group, places - start);
    const std::size_t n_words = in_group * pool_draws;
    if (n_words > kBatchAbove) {
      stream.next_words(words.data(), n_words);
    } else {
      for (std::size_t i = 0; i < n_words; ++i) words[i] = stream.next_word32();
    }
    for (std::size_t i = 0; i < n_words; ++i) {
      candidates[i] = static_cast<std::uint32_t>(first + Stream::index_of(words[i], count));
    }
    const std::uint32_t* candidate = candidates.data();
    for (std::size_t p = 0; p < in_group; ++p, candidate += pool_draws) {
      std::size_t j = candidate[0];
      if (pool_draws > 1) {
        double best_gap = std::abs(skill - complexity[j]);
        for (std::size_t d = 1; d < pool_draws; ++d) {
          const double gap = std::abs(skill - complexity[candidate[d]]);
          // A select, not a branch: which candidate fits better is a coin toss to the predictor.
          const bool closer = gap < best_gap;
          j = closer ? candidate[d] : j;
          best_gap = closer ? gap : best_gap;
        }
      }
      shown_jobs[start + p] = j;
      __builtin_prefetch(&cards[j]);
    }
  }
}

/// The job shown in each place (kNothingShown where the category has no open jobs): the first
/// `secondary_places` from the secondary category, the rest from the primary (draw_in_category),
/// and asks the memory for each job's card. A function of its own, kept so (not inlined), whose
/// counters are plain locals the compiler keeps in registers: inside the whole search they lived
/// on the stack, a store and a reload per word.
[[gnu::noinline]] void draw_shown_jobs(Stream& stream, const SearchPlaces& where,
                                       const std::vector<std::size_t>& category_begin,
                                       const float* complexity, const JobCard* cards,
                                       std::size_t* shown_jobs) {
  const auto draw = [&](std::uint8_t category, std::size_t places, std::size_t* shown) {
    const std::size_t first = category_begin[category];
    const std::size_t count = category_begin[category + 1] - first;
    if (count == 0) {
      std::fill_n(shown, places, kNothingShown);
      return;
    }
    draw_in_category(stream, places, first, count, where.pool_draws, where.skill, complexity, cards,
                     shown);
  };
  if (where.secondary_places > 0) draw(where.secondary, where.secondary_places, shown_jobs);
  draw(where.primary, where.places - where.secondary_places, shown_jobs + where.secondary_places);
}

/// A job shown whose best case pays, as the first pricing pass leaves it for the second.
struct Reachable {
  std::int32_t job;
  double price;
  double billed_hours;
  double net_pay;
  double reservation_cost;
  double best_case;  // the value with a penalty of 1
};

/// A searcher's terms for one of its categories, the same for every job seen there.
struct CategoryTerms {
  double time_saving = 0.0;  // share of a job's hours AI tools save it
  double going_rate_usd = 0.0;
  double capability = 0.0;
};

/// Whether freelancer f, whose search coin came up, has room for new work.
bool can_search(const Freelancers& fl, std::size_t f) {
  if (fl.leaving[f] || fl.is_reskilling(f) || fl.contracts_held[f] >= fl.slots) return false;
  return fl.capacity_hours[f] - fl.committed_hours[f] >= 1.0;
}

/// Asks the memory for what search_and_bid reads of freelancer f. Inlined by force: as a call,
/// GCC finds it without effect (prefetches do not count as one) and removes it.
[[gnu::always_inline]] inline void prefetch_searcher(const Freelancers& fl, std::size_t f) {
  __builtin_prefetch(&fl.capacity_hours[f]);
  __builtin_prefetch(&fl.committed_hours[f]);
  __builtin_prefetch(&fl.uid[f]);
  __builtin_prefetch(&fl.reservation_rate_usd[f]);
  __builtin_prefetch(&fl.bids_total[f], 1);
  __builtin_prefetch(&fl.wins_total[f]);
  __builtin_prefetch(&fl.strategy[f]);
  __builtin_prefetch(&fl.lifetime_earnings_usd[f]);
  __builtin_prefetch(&fl.billed_clients[f]);
  __builtin_prefetch(&fl.specialist[f]);
  __builtin_prefetch(&fl.skill[f]);
  __builtin_prefetch(&fl.adopter[f]);
  __builtin_prefetch(&fl.ai_proficiency[f]);
  __builtin_prefetch(&fl.primary_category[f]);
  __builtin_prefetch(&fl.secondary_category[f]);
  __builtin_prefetch(&fl.ask_rate_usd[f]);
  __builtin_prefetch(&fl.rating_sum[f]);
  __builtin_prefetch(&fl.rating_count[f]);
  __builtin_prefetch(&fl.bid_spend_this_week_usd[f], 1);
}

/// Searcher s, freelancer f: looks at jobs, prices them, sends the best proposals.
void search_and_bid(const Params& params, const SearchRules& rules, MarketState& state,
                    std::size_t f, std::size_t s) {
  Freelancers& fl = state.freelancers;
  Proposals& proposals = state.proposals;
  const double spare = fl.capacity_hours[f] - fl.committed_hours[f];
  Stream stream = state.streams.open(static_cast<std::uint32_t>(state.week),
                                     static_cast<std::uint32_t>(fl.uid[f]), Purpose::search);

  const std::size_t seen = rules.jobs_seen;
  const double bid_cost = rules.bid_cost_usd;
  const double reservation = fl.reservation_rate_usd[f];
  const double floor = price_floor_usd(params, reservation);
  const double p_win = believed_win_probability(params.freelancers.prior_win_probability,
                                                fl.bids_total[f], fl.wins_total[f]);
  const auto strategy = static_cast<PricingStrategy>(fl.strategy[f]);
  // Sliding fees depend on billings with the job's client; only freelancers who have been paid
  // during the run can have any.
  const bool billings_matter = rules.sliding_fees && fl.lifetime_earnings_usd[f] > 0.0;
  const std::uint64_t billed_clients = fl.billed_clients[f];
  const std::int64_t uid = fl.uid[f];
  const bool specialist = fl.specialist[f] != 0;
  const double skill = fl.skill[f];
  const double min_complexity = fl.skill[f] - kSpecialistComplexityMargin;
  const bool adopter = fl.adopter[f] != 0;
  const std::uint8_t primary = fl.primary_category[f];
  const std::uint8_t secondary = fl.secondary_category[f];
  const auto terms_in = [&](std::uint8_t category) {
    CategoryTerms terms;
    terms.capability = state.ai.capability[category];
    terms.time_saving =
        adopter ? ai_time_saving(params.ai, terms.capability, fl.ai_proficiency[f], skill) : 0.0;
    terms.going_rate_usd = state.signals.going_rate_usd[category];
    return terms;
  };
  // Both worked out from the category, not one copied from the other: a copy of the whole
  // struct reads in one load what was stored in pieces, which the processor cannot forward.
  const CategoryTerms primary_terms = terms_in(primary);
  const CategoryTerms secondary_terms = terms_in(secondary == kNoCategory ? primary : secondary);
  const double ask = fl.ask_rate_usd[f];

  // Adopters write extra proposals with the tools' help.
  const std::size_t budget = std::min(
      proposals.per_freelancer, static_cast<std::size_t>(params.market.bids_per_week) +
                                    (adopter ? rules.adopter_extra_proposals : std::size_t{0}));
  Shortlist shortlist(budget);
  double last_price = -1.0;
  double last_log_price = 0.0;
  // The first secondary_search_share of the jobs seen come from the secondary category.
  const std::size_t seen_secondary =
      secondary == kNoCategory
          ? 0
          : static_cast<std::size_t>(
                std::lround(params.freelancers.secondary_search_share * static_cast<double>(seen)));
  const auto& category_begin = state.jobs.category_begin;
  const JobCard* const cards = state.job_cards.data();
  const float* const complexity = state.job_complexity.data();
  std::array<std::size_t, kMaxJobsSeen> shown_jobs;
  draw_shown_jobs(stream, {seen, seen_secondary, primary, secondary, rules.pool_draws, skill},
                  category_begin, complexity, cards, shown_jobs.data());
  // Pricing in two passes. The first works out what each job shown would be worth to this
  // searcher if the client minded no price, for all of them, with no branch on what a job's
  // numbers are: whether it fits the spare hours and whether that best case pays are as good as
  // coin tosses to the branch predictor, and a wrong guess costs the work in flight of the jobs
  // after it. It keeps the jobs that pass, in the order shown. The second takes them in that
  // order to the shortlist, which alone depends on the jobs before.
  std::array<Reachable, kMaxJobsSeen> reachable;
  std::size_t n_reachable = 0;
  for (std::size_t k = 0; k < seen; ++k) {
    const std::size_t j = shown_jobs[k];
    if (j == kNothingShown) continue;
    const CategoryTerms& terms = k < seen_secondary ? secondary_terms : primary_terms;
    const JobCard& card = cards[j];
    bool keep = !(specialist && complexity[j] < min_complexity);
    // The freelancer's own terms: an adopter of AI tools needs fewer hours (and bills fewer
    // on hourly work). Without a saving they are the job's own, whose weekly load the card
    // holds (a closed job's is more than anyone's spare hours).
    double work_hours = card.hours;
    double billed_hours = card.hours;
    double load_hours = card.load_hours;
    if (terms.time_saving != 0.0) {
      keep &= card.load_hours != JobCard::kClosedLoad;
      const ContractTerms own = contract_terms(card.hours, card.pace_hours_per_week,
                                               card.fixed_price != 0, terms.time_saving, adopter);
      work_hours = own.work_hours;
      billed_hours = own.billed_hours;
      load_hours = own.load_hours;
    }
    keep &= load_hours <= spare + kCapacityTolerance;  // too big or closed
    double price = ask;
    switch (strategy) {
      case PricingStrategy::fixed:
      case PricingStrategy::adaptive:
        break;
      case PricingStrategy::budget_anchored:
        price = params.pricing.budget_anchor * static_cast<double>(card.budget_rate_usd);
        break;
      case PricingStrategy::undercutter:
        price = params.pricing.undercut * terms.going_rate_usd;
        break;
    }
    price = std::max(price, floor);
    // Billings with the client are looked up only where the client filter admits them.
    const double prior_billings =
        billings_matter && PairBillings::may_hold(billed_clients, card.client) && keep
            ? state.pair_billings.billings_usd(card.client, uid)
            : 0.0;
    const double net_pay = net_pay_usd(params.fees, prior_billings, price * billed_hours);
    const double reservation_cost = reservation * work_hours;
    // The value if the client minded no price (penalty 1) bounds the value from above: a
    // penalty below 1 only shrinks a positive margin, and a margin at or below zero gives a
    // value at or below minus the bid cost, which is never negative (its range starts at 0).
    const double best_case = proposal_value_usd(p_win, 1.0, net_pay, reservation_cost, bid_cost);
    keep &= best_case > 0.0;
    // Written in any case, kept by counting it: a store costs less than a wrong guess.
    reachable[n_reachable] = {
        static_cast<std::int32_t>(j), price, billed_hours, net_pay, reservation_cost, best_case};
    n_reachable += keep ? 1 : 0;
  }
  for (std::size_t r = 0; r < n_reachable; ++r) {
    const Reachable& job = reachable[r];
    // Where the bound already says no, the penalty's exponential is not needed.
    if (shortlist.holds(job.job) || !shortlist.could_take(job.best_case)) continue;
    const JobCard& card = cards[static_cast<std::size_t>(job.job)];
    if (job.price != last_price) {  // most jobs are priced at the same ask: one log per price
      last_price = job.price;
      last_log_price = std::log(job.price);
    }
    // What the client pays relative to its budget: price x billed hours against budget x hours.
    const double cost_factor = job.billed_hours / card.hours;
    const double log_cost_factor = cost_factor == 1.0 ? 0.0 : std::log(cost_factor);
    const double penalty =
        price_penalty(params.clients.price_sensitivity, card.log_budget_rate,
                      last_log_price + rules.log_client_factor + log_cost_factor);
    const double value = penalty == 1.0 ? job.best_case
                                        : proposal_value_usd(p_win, penalty, job.net_pay,
                                                             job.reservation_cost, bid_cost);
    if (value <= 0.0) continue;
    shortlist.offer(
        {job.job, static_cast<float>(job.price), static_cast<float>(cost_factor), value});
  }
  const std::size_t n_bids = shortlist.size();
  // What clients will see of this freelancer (the client adds its noise and weights).
  const double signal = quality_signal(
      params.clients, reputation_stars(params.reputation, fl.rating_sum[f], fl.rating_count[f]),
      fl.skill[f], fl.rating_count[f]);
  const std::size_t base = s * proposals.per_freelancer;
  // The client's log cost factor: most of a searcher's proposals share one price and factor.
  float last_cost = -1.0f;
  float last_log_cost = 0.0f;
  for (std::size_t k = 0; k < n_bids; ++k) {
    proposals.job[base + k] = shortlist[k].job;
    proposals.price_usd[base + k] = shortlist[k].price;
    const float cost = shortlist[k].price * shortlist[k].cost_factor;
    if (cost != last_cost) {
      last_cost = cost;
      last_log_cost = std::log(cost);
    }
    proposals.log_cost[base + k] = last_log_cost;
    proposals.quality_signal[base + k] = static_cast<float>(signal);
  }
  proposals.sender[s] = static_cast<std::int32_t>(f);
  proposals.count[s] = static_cast<std::uint8_t>(n_bids);
  fl.bids_total[f] += static_cast<std::int32_t>(n_bids);
  fl.bid_spend_this_week_usd[f] = static_cast<float>(static_cast<double>(n_bids) * bid_cost);
}

}  // namespace

void submit_proposals(const Params& params, MarketState& state) {
  Freelancers& fl = state.freelancers;
  Proposals& proposals = state.proposals;
  const Jobs& jobs = state.jobs;
  const std::size_t n = fl.size();
  proposals.per_freelancer =
      static_cast<std::size_t>(params.market.bids_per_week + params.ai.extra_bids);

  state.job_cards.resize(jobs.size());
  state.job_complexity.resize(jobs.size());
#pragma omp parallel for schedule(static)
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    state.job_complexity[j] = jobs.complexity[j];
    const bool open = jobs.status[j] == JobStatus::open;
    const double load =
        open ? weekly_load_hours(jobs.hours[j], jobs.pace_hours_per_week[j]) : JobCard::kClosedLoad;
    state.job_cards[j] = {load,
                          jobs.hours[j],
                          jobs.budget_rate_usd[j],
                          std::log(jobs.budget_rate_usd[j]),
                          jobs.pace_hours_per_week[j],
                          jobs.client[j],
                          jobs.fixed_price[j]};
  }

  // Who searches this week, counted per chunk of freelancers: the coin is one 32-bit word of
  // a Philox block shared by four persons (person ids 4g .. 4g+3 use words 0..3 of block g), so
  // the most frequent draw of the step costs about a quarter of a block (neighbouring slots
  // mostly hold neighbouring ids, and a block is reused while they do); the blocks of a batch
  // of slots are computed together, several per instruction. Then room for work.
  const auto week = static_cast<std::int32_t>(state.week);
  const std::size_t chunks = (n + kSearchChunk - 1) / kSearchChunk;
  std::vector<std::size_t>& first = proposals.chunk_first;
  first.assign(chunks + 1, 0);
  const PhiloxKey key = state.streams.key();
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t c = 0; c < chunks; ++c) {
    std::size_t searchers = 0;
    const std::size_t end = std::min(n, (c + 1) * kSearchChunk);
    for (std::size_t begin = c * kSearchChunk; begin < end; begin += kCoinBatch) {
      const std::size_t stop = std::min(end, begin + kCoinBatch);
      std::array<PhiloxBlock, kCoinBatch> counters;
      std::array<PhiloxBlock, kCoinBatch> blocks;
      std::array<std::uint8_t, kCoinBatch> block_of;  // each slot's block among `blocks`
      std::size_t used = 0;
      std::uint64_t block_group = ~std::uint64_t{0};
      for (std::size_t f = begin; f < stop; ++f) {
        if (!fl.is_active(f)) continue;
        const auto group = static_cast<std::uint64_t>(fl.uid[f]) >> 2;
        if (group != block_group) {
          block_group = group;
          counters[used++] = state.streams.first_counter(static_cast<std::uint32_t>(week),
                                                         static_cast<std::uint32_t>(group),
                                                         Purpose::search_decision);
        }
        block_of[f - begin] = static_cast<std::uint8_t>(used - 1);
      }
      philox4x32_10_many(counters.data(), used, key, blocks.data());
      for (std::size_t f = begin; f < stop; ++f) {
        if (!fl.is_active(f)) continue;
        const auto word = static_cast<std::size_t>(fl.uid[f] & 3);
        const double coin = static_cast<double>(blocks[block_of[f - begin]][word]) * 0x1.0p-32;
        if (coin < fl.search_probability[f] && can_search(fl, f)) {
          fl.searched_this_week[f] = 1;
          fl.last_active_week[f] = week;
          ++searchers;
        }
      }
    }
    first[c + 1] = searchers;
  }
  for (std::size_t c = 0; c < chunks; ++c) first[c + 1] += first[c];
  const std::size_t searchers = first[chunks];
  const std::size_t slots = searchers * proposals.per_freelancer;
  proposals.sender.resize(searchers);
  proposals.count.resize(searchers);
  proposals.job.resize(slots);
  proposals.price_usd.resize(slots);
  proposals.log_cost.resize(slots);
  proposals.quality_signal.resize(slots);

  // The searchers, in freelancer order, each drawing from its own stream.
  const SearchRules rules = search_rules(params);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t c = 0; c < chunks; ++c) {
    std::size_t s = first[c];
    const std::size_t end = std::min(n, (c + 1) * kSearchChunk);
    const auto next_searcher = [&](std::size_t from) {
      while (from < end && !fl.searched_this_week[from]) ++from;
      return from;
    };
    // Where searchers are few (most registered profiles idle), each one's attributes are far
    // from the last one's: they are fetched while the searcher before it bids.
    for (std::size_t f = next_searcher(c * kSearchChunk); f < end;) {
      const std::size_t next = next_searcher(f + 1);
      if (next < end) prefetch_searcher(fl, next);
      search_and_bid(params, rules, state, f, s++);
      f = next;
    }
  }
}

}  // namespace gigsim
