#pragma once
// LSD radix sort of floats (no NaN), used for the weekly earnings and rate distributions: O(n)
// instead of O(n log n), and parallel. A float's bit pattern orders like an unsigned integer
// once negative values have all bits flipped and others the sign bit set (-infinity first,
// +infinity last). Each pass counts digits per fixed-size chunk, lays the
// chunks out bucket by bucket, and scatters chunk by chunk: stable, and the result does not
// depend on the number of threads.
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace gigsim {

inline constexpr int kRadixBits = 11;  // three passes cover the 32 bits
inline constexpr std::size_t kRadixBuckets = std::size_t{1} << kRadixBits;

struct RadixScratch {
  std::vector<float> buffer;
  std::vector<std::array<std::size_t, kRadixBuckets>> offsets;  // per chunk
};

/// An unsigned key that orders like the float (-0.0 just before +0.0).
inline std::uint32_t float_sort_key(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return (bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u;
}

/// Sorts `values` (no NaN) ascending.
inline void radix_sort(std::vector<float>& values, RadixScratch& scratch) {
  constexpr std::size_t kChunk = 1 << 16;
  const std::size_t n = values.size();
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  scratch.buffer.resize(n);
  scratch.offsets.resize(chunks);
  std::vector<float>* from = &values;
  std::vector<float>* to = &scratch.buffer;
  for (int shift = 0; shift < 32; shift += kRadixBits) {
#pragma omp parallel for schedule(static)
    for (std::size_t c = 0; c < chunks; ++c) {
      auto& counts = scratch.offsets[c];
      counts.fill(0);
      const std::size_t end = std::min(n, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i)
        ++counts[(float_sort_key((*from)[i]) >> shift) & (kRadixBuckets - 1)];
    }
    std::size_t position = 0;
    for (std::size_t bucket = 0; bucket < kRadixBuckets; ++bucket) {
      for (std::size_t c = 0; c < chunks; ++c) {
        const std::size_t count = scratch.offsets[c][bucket];
        scratch.offsets[c][bucket] = position;
        position += count;
      }
    }
#pragma omp parallel for schedule(static)
    for (std::size_t c = 0; c < chunks; ++c) {
      auto& next = scratch.offsets[c];
      const std::size_t end = std::min(n, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i) {
        const float v = (*from)[i];
        (*to)[next[(float_sort_key(v) >> shift) & (kRadixBuckets - 1)]++] = v;
      }
    }
    std::swap(from, to);
  }
  // An odd number of passes leaves the sorted data in the buffer.
  if (from != &values) values.swap(scratch.buffer);
}

}  // namespace gigsim
