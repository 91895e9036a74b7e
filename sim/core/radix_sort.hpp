#pragma once
// LSD radix sort of floats (no NaN), used for the weekly earnings and rate distributions: O(n)
// instead of O(n log n). A float's bit pattern orders like an unsigned integer once negative
// values have all bits flipped and others the sign bit set (-infinity first, +infinity last).
// The sort runs on the calling thread: the metrics sort their distributions at once, one per
// thread. The counts of every digit are taken in one pass over the values (a value's digits do
// not depend on where earlier passes put it); each pass then scatters by one digit, stably, and
// a pass whose digit is the same for every value is skipped (it would leave the order as it is).
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace gigsim {

inline constexpr int kRadixBits = 11;  // three passes cover the 32 bits
inline constexpr int kRadixPasses = (32 + kRadixBits - 1) / kRadixBits;
inline constexpr std::size_t kRadixBuckets = std::size_t{1} << kRadixBits;

struct RadixScratch {
  std::vector<float> buffer;
  std::array<std::array<std::uint32_t, kRadixBuckets>, kRadixPasses> counts;  // per pass
};

/// An unsigned key that orders like the float (-0.0 just before +0.0).
inline std::uint32_t float_sort_key(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return (bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u;
}

/// Sorts `values` (no NaN, fewer than 2^32 of them) ascending.
inline void radix_sort(std::vector<float>& values, RadixScratch& scratch) {
  constexpr std::uint32_t kDigitMask = kRadixBuckets - 1;
  const std::size_t n = values.size();
  if (n < 2) return;
  for (auto& counts : scratch.counts) counts.fill(0);
  for (const float value : values) {
    const std::uint32_t key = float_sort_key(value);
    for (int pass = 0; pass < kRadixPasses; ++pass) {
      ++scratch.counts[static_cast<std::size_t>(pass)][(key >> (pass * kRadixBits)) & kDigitMask];
    }
  }
  scratch.buffer.resize(n);
  std::vector<float>* from = &values;
  std::vector<float>* to = &scratch.buffer;
  for (int pass = 0; pass < kRadixPasses; ++pass) {
    const int shift = pass * kRadixBits;
    auto& next = scratch.counts[static_cast<std::size_t>(pass)];
    if (next[(float_sort_key(values[0]) >> shift) & kDigitMask] == n) continue;
    std::uint32_t position = 0;
    for (std::uint32_t& bucket : next) {
      const std::uint32_t count = bucket;
      bucket = position;
      position += count;
    }
    for (const float value : *from)
      to->data()[next[(float_sort_key(value) >> shift) & kDigitMask]++] = value;
    std::swap(from, to);
  }
  // An odd number of passes made leaves the sorted data in the buffer.
  if (from != &values) values.swap(scratch.buffer);
}

}  // namespace gigsim
