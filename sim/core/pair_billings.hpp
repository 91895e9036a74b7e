#pragma once
// Lifetime billings of each (client, freelancer) pair, which set the sliding freelancer fee
// (Upwork's 20% / 10% / 5% tiers count billings with one client). An open-addressing hash table
// keyed by (client index, person id): read in parallel while freelancers price proposals,
// written only by the serial payment pass, so it needs no locks. Most lookups are for pairs that
// never worked together: the freelancer store keeps, per person, a 64-bit Bloom filter of the
// clients that paid them (client_bits; Freelancers::billed_clients), which answers most of those
// without the table.
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

  /// A client's two bits in a 64-bit Bloom filter of clients (both from one Fibonacci hash of
  /// the client index; they may coincide). A filter holding a client has both of its bits; one
  /// holding three other clients has both bits of a random client about (6/64)^2 = 0.9% of the
  /// time (a single bit in 32 bits: 9%).
  static std::uint64_t client_bits(std::int32_t client) {
    const std::uint64_t hash = static_cast<std::uint32_t>(client) * 0x9E3779B97F4A7C15ull;
    return (std::uint64_t{1} << (hash >> 58)) | (std::uint64_t{1} << ((hash >> 52) & 63));
  }
  /// Whether `filter` may hold `client` (false: they never worked together).
  static bool may_hold(std::uint64_t filter, std::int32_t client) {
    const std::uint64_t bits = client_bits(client);
    return (filter & bits) == bits;
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
