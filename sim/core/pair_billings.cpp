// Pair billings hash table; see pair_billings.hpp.
#include "core/pair_billings.hpp"

#include <algorithm>

namespace gigsim {

std::uint64_t PairBillings::key_of(std::int32_t client, std::int64_t freelancer_uid) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(client)) << 32) |
         static_cast<std::uint32_t>(freelancer_uid);
}

std::size_t PairBillings::find_slot(std::uint64_t key) const {
  // Fibonacci hashing spreads consecutive ids; linear probing keeps the probe in one cache line.
  const std::size_t mask = keys_.size() - 1;
  std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
  while (keys_[slot] != key && keys_[slot] != kEmpty) slot = (slot + 1) & mask;
  return slot;
}

double PairBillings::billings_usd(std::int32_t client, std::int64_t freelancer_uid) const {
  if (pairs_ == 0) return 0.0;
  const std::size_t slot = find_slot(key_of(client, freelancer_uid));
  return keys_[slot] == kEmpty ? 0.0 : billings_[slot];
}

void PairBillings::add(std::int32_t client, std::int64_t freelancer_uid, double amount_usd) {
  if (2 * (pairs_ + 1) > keys_.size()) grow();  // load factor at most 1/2
  const std::uint64_t key = key_of(client, freelancer_uid);
  const std::size_t slot = find_slot(key);
  if (keys_[slot] == kEmpty) {
    keys_[slot] = key;
    billings_[slot] = 0.0;
    ++pairs_;
  }
  billings_[slot] += amount_usd;
}

void PairBillings::grow() {
  std::vector<std::uint64_t> old_keys(std::max<std::size_t>(1024, 2 * keys_.size()), kEmpty);
  std::vector<double> old_billings(old_keys.size(), 0.0);
  old_keys.swap(keys_);
  old_billings.swap(billings_);
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == kEmpty) continue;
    const std::size_t slot = find_slot(old_keys[i]);
    keys_[slot] = old_keys[i];
    billings_[slot] = old_billings[i];
  }
}

void PairBillings::recount_pairs() {
  pairs_ = static_cast<std::size_t>(
      std::count_if(keys_.begin(), keys_.end(), [](std::uint64_t key) { return key != kEmpty; }));
}

}  // namespace gigsim
