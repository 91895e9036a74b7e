#pragma once
// Lifetime billings of each (client, freelancer) pair, which set the sliding freelancer fee
// (Upwork's 20% / 10% / 5% tiers count billings with one client). An open-addressing hash table
// keyed by (client index, person id): read in parallel while freelancers price proposals,
// written only by the serial payment pass, so it needs no locks. Most lookups are for pairs that
// never worked together: the freelancer store keeps, per person, the client_bit of every client
// that paid them (Freelancers::billed_clients), which answers those without the table.
#include <cstdint>
#include <vector>

namespace gigsim {

class PairBillings {
 public:
  /// Billings so far between `client` and the person `freelancer_uid` (0 if they never worked
  /// together).
  double billings_usd(std::int32_t client, std::int64_t freelancer_uid) const;

  /// Adds `amount_usd` to the pair's billings (serial use only).
  void add(std::int32_t client, std::int64_t freelancer_uid, double amount_usd);

  std::size_t pairs() const { return pairs_; }

  /// Calls visit(array) for every array of the table (checkpoints); call recount_pairs() after
  /// restoring them.
  template <typename Visit>
  void for_each_array(Visit&& visit) {
    visit(keys_);
    visit(billings_);
  }
  void recount_pairs();

  /// A client's bit in a 32-bit filter of clients (Fibonacci hashing of the client index).
  static std::uint32_t client_bit(std::int32_t client) {
    return std::uint32_t{1} << ((static_cast<std::uint32_t>(client) * 0x9E3779B9u) >> 27);
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static std::uint64_t key_of(std::int32_t client, std::int64_t freelancer_uid);
  std::size_t find_slot(std::uint64_t key) const;
  void grow();

  std::vector<std::uint64_t> keys_;  // kEmpty where free; capacity a power of two
  std::vector<double> billings_;
  std::size_t pairs_ = 0;
};

}  // namespace gigsim
