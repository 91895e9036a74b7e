#pragma once
// LSD radix sort of non-negative floats (their IEEE-754 bit patterns order like unsigned
// integers), used for the weekly earnings and rate distributions: O(n) instead of O(n log n).
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace gigsim {

/// Sorts `values` (all >= 0, no NaN) ascending; `scratch` is reused between calls.
inline void radix_sort_nonnegative(std::vector<float>& values, std::vector<float>& scratch) {
  scratch.resize(values.size());
  std::vector<float>* from = &values;
  std::vector<float>* to = &scratch;
  for (int shift = 0; shift < 32; shift += 8) {
    std::array<std::size_t, 257> offsets{};
    for (const float v : *from) {
      std::uint32_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      ++offsets[((bits >> shift) & 0xFFu) + 1];
    }
    for (std::size_t b = 0; b < 256; ++b) offsets[b + 1] += offsets[b];
    for (const float v : *from) {
      std::uint32_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      (*to)[offsets[(bits >> shift) & 0xFFu]++] = v;
    }
    std::swap(from, to);
  }
  // Four passes: the sorted data is back in `values`.
}

}  // namespace gigsim
