#pragma once
// Open jobs as structure-of-arrays, kept sorted by category (stable, by posting order) so that a
// freelancer samples the open jobs of a category as one contiguous range. Filled and expired jobs
// are compacted away at the start of the next posting phase.
#include <cstdint>
#include <vector>

namespace gigsim {

enum class JobStatus : std::uint8_t {
  open = 0,
  filled = 1,
  expired = 2,
  deterred = 3,   // not posted: a price floor above the client's budget
  automated = 4,  // not posted: the client did it with AI
};

struct Jobs {
  std::vector<std::int64_t> uid;  // unique over the run; keys the job's streams
  std::vector<std::int32_t> client;
  std::vector<std::uint8_t> category;
  std::vector<std::uint8_t> fixed_price;
  std::vector<JobStatus> status;
  std::vector<float> hours;
  std::vector<float> load_hours;           // hours per week a contract on it occupies
  std::vector<float> pace_hours_per_week;  // delivery pace the client expects
  std::vector<float> complexity;           // in [0, 1]: the skill the job needs
  std::vector<float> budget_rate_usd;      // per hour
  std::vector<std::int32_t> posted_week;
  std::vector<std::int32_t> expires_week;   // last week it is open
  std::vector<std::int32_t> bids_received;  // over its whole life
  std::vector<std::int32_t> filled_by;      // freelancer, or kNoAgent
  std::vector<float> agreed_rate_usd;       // price per hour of the contract, once filled

  // Open jobs of category c are [category_begin[c], category_begin[c + 1]).
  std::vector<std::size_t> category_begin;

  std::size_t size() const { return uid.size(); }
  void resize(std::size_t n);
  void reserve(std::size_t n);
  void swap(Jobs& other) noexcept;

  /// Calls visit(stores.array...) for every per-job array: the one list of them.
  template <typename Visit, typename... Stores>
  static void for_each_array(Visit&& visit, Stores&... stores) {
    visit(stores.uid...);
    visit(stores.client...);
    visit(stores.category...);
    visit(stores.fixed_price...);
    visit(stores.status...);
    visit(stores.hours...);
    visit(stores.load_hours...);
    visit(stores.pace_hours_per_week...);
    visit(stores.complexity...);
    visit(stores.budget_rate_usd...);
    visit(stores.posted_week...);
    visit(stores.expires_week...);
    visit(stores.bids_received...);
    visit(stores.filled_by...);
    visit(stores.agreed_rate_usd...);
  }
};

}  // namespace gigsim
