// Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011); constants from the Random123 reference.
#include "core/rng.hpp"

// GCC 12 reports the deliberately undefined registers of some AVX-512 intrinsics
// (_mm512_undefined_epi32, the pass-through of an unmasked multiply) as uninitialized where
// they are inlined, at some optimisation levels; they are not read. The warnings are off around
// the include and the vector kernels. The vector kernels are for x86-64; elsewhere every kernel
// is the scalar one.
#if defined(__x86_64__)
#define GIGSIM_PHILOX_VECTOR 1
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#define GIGSIM_PHILOX_VECTOR 0
#endif

#include <algorithm>

namespace gigsim {
namespace {

constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;  // golden ratio
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;  // sqrt(3) - 1

inline void mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi, std::uint32_t& lo) {
  const std::uint64_t product = static_cast<std::uint64_t>(a) * b;
  hi = static_cast<std::uint32_t>(product >> 32);
  lo = static_cast<std::uint32_t>(product);
}

#if GIGSIM_PHILOX_VECTOR
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The vector kernels run Philox on `Lanes` blocks at once, one block per 32-bit lane: word w of
// the blocks is one register. A round multiplies words 0 and 2 by the constants (even and odd
// lanes separately, as the instruction sets multiply 32-bit pairs into 64-bit products), then
// mixes as the scalar code does.
template <std::size_t Lanes>
struct LaneWords {
  alignas(64) std::uint32_t word[4][Lanes];
};

template <std::size_t Lanes>
void gather_lanes(const PhiloxBlock* counters, std::size_t n, LaneWords<Lanes>& lanes) {
  for (std::size_t i = 0; i < Lanes; ++i) {
    const PhiloxBlock& counter = counters[std::min(i, n - 1)];
    for (std::size_t w = 0; w < 4; ++w) lanes.word[w][i] = counter[w];
  }
}

template <std::size_t Lanes>
void scatter_lanes(const LaneWords<Lanes>& lanes, std::size_t n, PhiloxBlock* out) {
  for (std::size_t i = 0; i < std::min(n, Lanes); ++i) {
    for (std::size_t w = 0; w < 4; ++w) out[i][w] = lanes.word[w][i];
  }
}

__attribute__((target("avx2"))) void philox_many_avx2(const PhiloxBlock* counters, std::size_t n,
                                                      PhiloxKey key, PhiloxBlock* out) {
  constexpr std::size_t kLanes = 8;
  const __m256i multiplier0 = _mm256_set1_epi64x(kMultiplier0);
  const __m256i multiplier1 = _mm256_set1_epi64x(kMultiplier1);
  for (std::size_t first = 0; first < n; first += kLanes) {
    LaneWords<kLanes> lanes;
    gather_lanes(counters + first, n - first, lanes);
    __m256i c0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes.word[0]));
    __m256i c1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes.word[1]));
    __m256i c2 = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes.word[2]));
    __m256i c3 = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes.word[3]));
    std::uint32_t k0 = key[0];
    std::uint32_t k1 = key[1];
    for (int round = 0; round < 10; ++round) {
      const __m256i even0 = _mm256_mul_epu32(c0, multiplier0);
      const __m256i odd0 = _mm256_mul_epu32(_mm256_srli_epi64(c0, 32), multiplier0);
      const __m256i even1 = _mm256_mul_epu32(c2, multiplier1);
      const __m256i odd1 = _mm256_mul_epu32(_mm256_srli_epi64(c2, 32), multiplier1);
      const __m256i hi0 = _mm256_blend_epi32(_mm256_srli_epi64(even0, 32), odd0, 0xAA);
      const __m256i lo0 = _mm256_blend_epi32(even0, _mm256_slli_epi64(odd0, 32), 0xAA);
      const __m256i hi1 = _mm256_blend_epi32(_mm256_srli_epi64(even1, 32), odd1, 0xAA);
      const __m256i lo1 = _mm256_blend_epi32(even1, _mm256_slli_epi64(odd1, 32), 0xAA);
      c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), _mm256_set1_epi32(static_cast<int>(k0)));
      c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), _mm256_set1_epi32(static_cast<int>(k1)));
      c1 = lo1;
      c3 = lo0;
      k0 += kWeyl0;
      k1 += kWeyl1;
    }
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes.word[0]), c0);
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes.word[1]), c1);
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes.word[2]), c2);
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes.word[3]), c3);
    scatter_lanes(lanes, n - first, out + first);
  }
}

/// The ten rounds on 16 blocks, word w of the blocks in register cw.
__attribute__((target("avx512f"))) inline void philox_rounds_avx512(__m512i& c0, __m512i& c1,
                                                                    __m512i& c2, __m512i& c3,
                                                                    PhiloxKey key) {
  const __m512i multiplier0 = _mm512_set1_epi64(kMultiplier0);
  const __m512i multiplier1 = _mm512_set1_epi64(kMultiplier1);
  constexpr __mmask16 kOdd = 0xAAAA;
  std::uint32_t k0 = key[0];
  std::uint32_t k1 = key[1];
  for (int round = 0; round < 10; ++round) {
    const __m512i even0 = _mm512_mul_epu32(c0, multiplier0);
    const __m512i odd0 = _mm512_mul_epu32(_mm512_srli_epi64(c0, 32), multiplier0);
    const __m512i even1 = _mm512_mul_epu32(c2, multiplier1);
    const __m512i odd1 = _mm512_mul_epu32(_mm512_srli_epi64(c2, 32), multiplier1);
    const __m512i hi0 = _mm512_mask_blend_epi32(kOdd, _mm512_srli_epi64(even0, 32), odd0);
    const __m512i lo0 = _mm512_mask_blend_epi32(kOdd, even0, _mm512_slli_epi64(odd0, 32));
    const __m512i hi1 = _mm512_mask_blend_epi32(kOdd, _mm512_srli_epi64(even1, 32), odd1);
    const __m512i lo1 = _mm512_mask_blend_epi32(kOdd, even1, _mm512_slli_epi64(odd1, 32));
    c0 = _mm512_ternarylogic_epi32(hi1, c1, _mm512_set1_epi32(static_cast<int>(k0)), 0x96);
    c2 = _mm512_ternarylogic_epi32(hi0, c3, _mm512_set1_epi32(static_cast<int>(k1)), 0x96);
    c1 = lo1;
    c3 = lo0;
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
}

__attribute__((target("avx512f"))) void philox_many_avx512(const PhiloxBlock* counters,
                                                           std::size_t n, PhiloxKey key,
                                                           PhiloxBlock* out) {
  constexpr std::size_t kLanes = 16;
  for (std::size_t first = 0; first < n; first += kLanes) {
    LaneWords<kLanes> lanes;
    gather_lanes(counters + first, n - first, lanes);
    __m512i c0 = _mm512_load_si512(lanes.word[0]);
    __m512i c1 = _mm512_load_si512(lanes.word[1]);
    __m512i c2 = _mm512_load_si512(lanes.word[2]);
    __m512i c3 = _mm512_load_si512(lanes.word[3]);
    philox_rounds_avx512(c0, c1, c2, c3, key);
    _mm512_store_si512(lanes.word[0], c0);
    _mm512_store_si512(lanes.word[1], c1);
    _mm512_store_si512(lanes.word[2], c2);
    _mm512_store_si512(lanes.word[3], c3);
    scatter_lanes(lanes, n - first, out + first);
  }
}

/// A run of consecutive counters (see philox4x32_10_run). The 16 blocks of a register set are
/// moved from one block per lane to four consecutive words per block inside the registers (a
/// 4 x 16 transpose) and stored whole.
__attribute__((target("avx512f"))) PhiloxBlock philox_run_avx512(PhiloxBlock counter,
                                                                 std::size_t n_words, PhiloxKey key,
                                                                 std::uint32_t* words) {
  constexpr std::size_t kLanes = 16;
  const __m512i lane = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  alignas(64) std::array<std::uint32_t, 4 * kLanes> out;
  std::size_t written = 0;
  std::size_t first_block = 0;
  while (true) {
    __m512i c0 = _mm512_add_epi32(
        _mm512_set1_epi32(static_cast<int>(counter[0] + static_cast<std::uint32_t>(first_block))),
        lane);
    __m512i c1 = _mm512_set1_epi32(static_cast<int>(counter[1]));
    __m512i c2 = _mm512_set1_epi32(static_cast<int>(counter[2]));
    __m512i c3 = _mm512_set1_epi32(static_cast<int>(counter[3]));
    philox_rounds_avx512(c0, c1, c2, c3, key);
    // Within each 128-bit quarter q, block 4q + b gathered into quarter q of register b.
    const __m512i low01 = _mm512_unpacklo_epi32(c0, c1);
    const __m512i high01 = _mm512_unpackhi_epi32(c0, c1);
    const __m512i low23 = _mm512_unpacklo_epi32(c2, c3);
    const __m512i high23 = _mm512_unpackhi_epi32(c2, c3);
    const __m512i b0 = _mm512_unpacklo_epi64(low01, low23);
    const __m512i b1 = _mm512_unpackhi_epi64(low01, low23);
    const __m512i b2 = _mm512_unpacklo_epi64(high01, high23);
    const __m512i b3 = _mm512_unpackhi_epi64(high01, high23);
    // Then the quarters reordered: register r holds blocks 4r .. 4r + 3.
    const __m512i b01_low = _mm512_shuffle_i32x4(b0, b1, 0x44);
    const __m512i b23_low = _mm512_shuffle_i32x4(b2, b3, 0x44);
    const __m512i b01_high = _mm512_shuffle_i32x4(b0, b1, 0xEE);
    const __m512i b23_high = _mm512_shuffle_i32x4(b2, b3, 0xEE);
    _mm512_store_si512(out.data(), _mm512_shuffle_i32x4(b01_low, b23_low, 0x88));
    _mm512_store_si512(out.data() + 16, _mm512_shuffle_i32x4(b01_low, b23_low, 0xDD));
    _mm512_store_si512(out.data() + 32, _mm512_shuffle_i32x4(b01_high, b23_high, 0x88));
    _mm512_store_si512(out.data() + 48, _mm512_shuffle_i32x4(b01_high, b23_high, 0xDD));
    const std::size_t take = std::min(out.size(), n_words - written);
    std::copy_n(out.data(), take, words + written);
    written += take;
    if (written == n_words) {
      const std::size_t last = (take - 1) / 4;  // the block holding the last word
      return {out[4 * last], out[4 * last + 1], out[4 * last + 2], out[4 * last + 3]};
    }
    first_block += kLanes;
  }
}

#pragma GCC diagnostic pop
#endif  // GIGSIM_PHILOX_VECTOR

void philox_many_scalar(const PhiloxBlock* counters, std::size_t n, PhiloxKey key,
                        PhiloxBlock* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = philox4x32_10(counters[i], key);
}

using PhiloxManyKernel = void (*)(const PhiloxBlock*, std::size_t, PhiloxKey, PhiloxBlock*);

PhiloxKernel widest_available() {
#if GIGSIM_PHILOX_VECTOR
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return PhiloxKernel::avx512;
  if (__builtin_cpu_supports("avx2")) return PhiloxKernel::avx2;
#endif
  return PhiloxKernel::scalar;
}

PhiloxManyKernel kernel_function(PhiloxKernel kernel) {
  switch (kernel) {
#if GIGSIM_PHILOX_VECTOR
    case PhiloxKernel::avx512:
      return philox_many_avx512;
    case PhiloxKernel::avx2:
      return philox_many_avx2;
#endif
    default:
      return philox_many_scalar;
  }
}

}  // namespace

PhiloxBlock philox4x32_10(PhiloxBlock counter, PhiloxKey key) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kWeyl0;
      key[1] += kWeyl1;
    }
    std::uint32_t hi0, lo0, hi1, lo1;
    mulhilo(kMultiplier0, counter[0], hi0, lo0);
    mulhilo(kMultiplier1, counter[2], hi1, lo1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
  }
  return counter;
}

bool philox_kernel_available(PhiloxKernel kernel) {
  static const PhiloxKernel widest = widest_available();
  return kernel == PhiloxKernel::widest || kernel == PhiloxKernel::scalar ||
         (kernel == PhiloxKernel::avx2 && widest != PhiloxKernel::scalar) ||
         (kernel == PhiloxKernel::avx512 && widest == PhiloxKernel::avx512);
}

void philox4x32_10_many(const PhiloxBlock* counters, std::size_t n, PhiloxKey key, PhiloxBlock* out,
                        PhiloxKernel kernel) {
  static const PhiloxManyKernel widest = kernel_function(widest_available());
  if (n == 0) return;
  if (kernel == PhiloxKernel::widest) {
    // A vector kernel pays for a full register of blocks: below a few, one at a time is faster.
    (n < 4 ? philox_many_scalar : widest)(counters, n, key, out);
  } else {
    kernel_function(kernel)(counters, n, key, out);
  }
}

PhiloxBlock philox4x32_10_run(PhiloxBlock counter, std::size_t n_words, PhiloxKey key,
                              std::uint32_t* words, PhiloxKernel kernel) {
#if GIGSIM_PHILOX_VECTOR
  static const bool avx512 = widest_available() == PhiloxKernel::avx512;
  // A vector kernel pays for a full register of blocks: below a few, one at a time is faster.
  if (avx512 &&
      (kernel == PhiloxKernel::avx512 || (kernel == PhiloxKernel::widest && n_words > 12))) {
    return philox_run_avx512(counter, n_words, key, words);
  }
#endif
  constexpr std::size_t kBatch = 16;
  std::array<PhiloxBlock, kBatch> counters;
  std::array<PhiloxBlock, kBatch> blocks;
  std::size_t written = 0;
  std::size_t first_block = 0;
  while (true) {
    const std::size_t batch = std::min(kBatch, (n_words - written + 3) / 4);
    for (std::size_t b = 0; b < batch; ++b) {
      counters[b] = counter;
      counters[b][0] += static_cast<std::uint32_t>(first_block + b);
    }
    philox4x32_10_many(counters.data(), batch, key, blocks.data(), kernel);
    for (std::size_t b = 0; b < batch; ++b) {
      const std::size_t take = std::min<std::size_t>(4, n_words - written);
      std::copy_n(blocks[b].begin(), take, words + written);
      written += take;
    }
    if (written == n_words) return blocks[batch - 1];
    first_block += batch;
  }
}

void Stream::next_words(std::uint32_t* out, std::size_t n) {
  std::size_t written = 0;
  while (written < n && used_ < 4) out[written++] = block_[static_cast<std::size_t>(used_++)];
  if (written == n) return;
  // The rest from consecutive blocks computed together; the words of the last block that are
  // not taken stay for later draws.
  const std::size_t rest = n - written;
  block_ = philox4x32_10_run(counter_, rest, key_, out + written);
  counter_[0] += static_cast<std::uint32_t>((rest + 3) / 4);
  used_ = static_cast<int>(rest - 4 * ((rest - 1) / 4));
}

}  // namespace gigsim
