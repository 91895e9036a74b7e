// The portable exponential; see portable_exp.hpp.
#include "core/portable_exp.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#define GIGSIM_EXP_VECTOR 1
#include <immintrin.h>
#else
#define GIGSIM_EXP_VECTOR 0
#endif

namespace gigsim {
namespace {

constexpr int kTableBits = 7;  // N = 128 entries
constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << kTableBits) - 1;

/// The table of 2^(i/128), i = 0..127, as pairs: the tail (the rounding error of the entry,
/// relative to it) and the bits of 2^(i/128) less i << 45, so that adding k << 45 for
/// k = 128 m + i gives the bits of 2^(k/128) (Arm Optimized Routines, exp_data.c).
alignas(64) constexpr std::uint64_t kTable[2 << kTableBits] = {
    0x0000000000000000, 0x3ff0000000000000, 0x3c9b3b4f1a88bf6e, 0x3feff63da9fb3335,
    0xbc7160139cd8dc5d, 0x3fefec9a3e778061, 0xbc905e7a108766d1, 0x3fefe315e86e7f85,
    0x3c8cd2523567f613, 0x3fefd9b0d3158574, 0xbc8bce8023f98efa, 0x3fefd06b29ddf6de,
    0x3c60f74e61e6c861, 0x3fefc74518759bc8, 0x3c90a3e45b33d399, 0x3fefbe3ecac6f383,
    0x3c979aa65d837b6d, 0x3fefb5586cf9890f, 0x3c8eb51a92fdeffc, 0x3fefac922b7247f7,
    0x3c3ebe3d702f9cd1, 0x3fefa3ec32d3d1a2, 0xbc6a033489906e0b, 0x3fef9b66affed31b,
    0xbc9556522a2fbd0e, 0x3fef9301d0125b51, 0xbc5080ef8c4eea55, 0x3fef8abdc06c31cc,
    0xbc91c923b9d5f416, 0x3fef829aaea92de0, 0x3c80d3e3e95c55af, 0x3fef7a98c8a58e51,
    0xbc801b15eaa59348, 0x3fef72b83c7d517b, 0xbc8f1ff055de323d, 0x3fef6af9388c8dea,
    0x3c8b898c3f1353bf, 0x3fef635beb6fcb75, 0xbc96d99c7611eb26, 0x3fef5be084045cd4,
    0x3c9aecf73e3a2f60, 0x3fef54873168b9aa, 0xbc8fe782cb86389d, 0x3fef4d5022fcd91d,
    0x3c8a6f4144a6c38d, 0x3fef463b88628cd6, 0x3c807a05b0e4047d, 0x3fef3f49917ddc96,
    0x3c968efde3a8a894, 0x3fef387a6e756238, 0x3c875e18f274487d, 0x3fef31ce4fb2a63f,
    0x3c80472b981fe7f2, 0x3fef2b4565e27cdd, 0xbc96b87b3f71085e, 0x3fef24dfe1f56381,
    0x3c82f7e16d09ab31, 0x3fef1e9df51fdee1, 0xbc3d219b1a6fbffa, 0x3fef187fd0dad990,
    0x3c8b3782720c0ab4, 0x3fef1285a6e4030b, 0x3c6e149289cecb8f, 0x3fef0cafa93e2f56,
    0x3c834d754db0abb6, 0x3fef06fe0a31b715, 0x3c864201e2ac744c, 0x3fef0170fc4cd831,
    0x3c8fdd395dd3f84a, 0x3feefc08b26416ff, 0xbc86a3803b8e5b04, 0x3feef6c55f929ff1,
    0xbc924aedcc4b5068, 0x3feef1a7373aa9cb, 0xbc9907f81b512d8e, 0x3feeecae6d05d866,
    0xbc71d1e83e9436d2, 0x3feee7db34e59ff7, 0xbc991919b3ce1b15, 0x3feee32dc313a8e5,
    0x3c859f48a72a4c6d, 0x3feedea64c123422, 0xbc9312607a28698a, 0x3feeda4504ac801c,
    0xbc58a78f4817895b, 0x3feed60a21f72e2a, 0xbc7c2c9b67499a1b, 0x3feed1f5d950a897,
    0x3c4363ed60c2ac11, 0x3feece086061892d, 0x3c9666093b0664ef, 0x3feeca41ed1d0057,
    0x3c6ecce1daa10379, 0x3feec6a2b5c13cd0, 0x3c93ff8e3f0f1230, 0x3feec32af0d7d3de,
    0x3c7690cebb7aafb0, 0x3feebfdad5362a27, 0x3c931dbdeb54e077, 0x3feebcb299fddd0d,
    0xbc8f94340071a38e, 0x3feeb9b2769d2ca7, 0xbc87deccdc93a349, 0x3feeb6daa2cf6642,
    0xbc78dec6bd0f385f, 0x3feeb42b569d4f82, 0xbc861246ec7b5cf6, 0x3feeb1a4ca5d920f,
    0x3c93350518fdd78e, 0x3feeaf4736b527da, 0x3c7b98b72f8a9b05, 0x3feead12d497c7fd,
    0x3c9063e1e21c5409, 0x3feeab07dd485429, 0x3c34c7855019c6ea, 0x3feea9268a5946b7,
    0x3c9432e62b64c035, 0x3feea76f15ad2148, 0xbc8ce44a6199769f, 0x3feea5e1b976dc09,
    0xbc8c33c53bef4da8, 0x3feea47eb03a5585, 0xbc845378892be9ae, 0x3feea34634ccc320,
    0xbc93cedd78565858, 0x3feea23882552225, 0x3c5710aa807e1964, 0x3feea155d44ca973,
    0xbc93b3efbf5e2228, 0x3feea09e667f3bcd, 0xbc6a12ad8734b982, 0x3feea012750bdabf,
    0xbc6367efb86da9ee, 0x3fee9fb23c651a2f, 0xbc80dc3d54e08851, 0x3fee9f7df9519484,
    0xbc781f647e5a3ecf, 0x3fee9f75e8ec5f74, 0xbc86ee4ac08b7db0, 0x3fee9f9a48a58174,
    0xbc8619321e55e68a, 0x3fee9feb564267c9, 0x3c909ccb5e09d4d3, 0x3feea0694fde5d3f,
    0xbc7b32dcb94da51d, 0x3feea11473eb0187, 0x3c94ecfd5467c06b, 0x3feea1ed0130c132,
    0x3c65ebe1abd66c55, 0x3feea2f336cf4e62, 0xbc88a1c52fb3cf42, 0x3feea427543e1a12,
    0xbc9369b6f13b3734, 0x3feea589994cce13, 0xbc805e843a19ff1e, 0x3feea71a4623c7ad,
    0xbc94d450d872576e, 0x3feea8d99b4492ed, 0x3c90ad675b0e8a00, 0x3feeaac7d98a6699,
    0x3c8db72fc1f0eab4, 0x3feeace5422aa0db, 0xbc65b6609cc5e7ff, 0x3feeaf3216b5448c,
    0x3c7bf68359f35f44, 0x3feeb1ae99157736, 0xbc93091fa71e3d83, 0x3feeb45b0b91ffc6,
    0xbc5da9b88b6c1e29, 0x3feeb737b0cdc5e5, 0xbc6c23f97c90b959, 0x3feeba44cbc8520f,
    0xbc92434322f4f9aa, 0x3feebd829fde4e50, 0xbc85ca6cd7668e4b, 0x3feec0f170ca07ba,
    0x3c71affc2b91ce27, 0x3feec49182a3f090, 0x3c6dd235e10a73bb, 0x3feec86319e32323,
    0xbc87c50422622263, 0x3feecc667b5de565, 0x3c8b1c86e3e231d5, 0x3feed09bec4a2d33,
    0xbc91bbd1d3bcbb15, 0x3feed503b23e255d, 0x3c90cc319cee31d2, 0x3feed99e1330b358,
    0x3c8469846e735ab3, 0x3feede6b5579fdbf, 0xbc82dfcd978e9db4, 0x3feee36bbfd3f37a,
    0x3c8c1a7792cb3387, 0x3feee89f995ad3ad, 0xbc907b8f4ad1d9fa, 0x3feeee07298db666,
    0xbc55c3d956dcaeba, 0x3feef3a2b84f15fb, 0xbc90a40e3da6f640, 0x3feef9728de5593a,
    0xbc68d6f438ad9334, 0x3feeff76f2fb5e47, 0xbc91eee26b588a35, 0x3fef05b030a1064a,
    0x3c74ffd70a5fddcd, 0x3fef0c1e904bc1d2, 0xbc91bdfbfa9298ac, 0x3fef12c25bd71e09,
    0x3c736eae30af0cb3, 0x3fef199bdd85529c, 0x3c8ee3325c9ffd94, 0x3fef20ab5fffd07a,
    0x3c84e08fd10959ac, 0x3fef27f12e57d14b, 0x3c63cdaf384e1a67, 0x3fef2f6d9406e7b5,
    0x3c676b2c6c921968, 0x3fef3720dcef9069, 0xbc808a1883ccb5d2, 0x3fef3f0b555dc3fa,
    0xbc8fad5d3ffffa6f, 0x3fef472d4a07897c, 0xbc900dae3875a949, 0x3fef4f87080d89f2,
    0x3c74a385a63d07a7, 0x3fef5818dcfba487, 0xbc82919e2040220f, 0x3fef60e316c98398,
    0x3c8e5a50d5c192ac, 0x3fef69e603db3285, 0x3c843a59ac016b4b, 0x3fef7321f301b460,
    0xbc82d52107b43e1f, 0x3fef7c97337b9b5f, 0xbc892ab93b470dc9, 0x3fef864614f5a129,
    0x3c74b604603a88d3, 0x3fef902ee78b3ff6, 0x3c83c5ec519d7271, 0x3fef9a51fbc74c83,
    0xbc8ff7128fd391f0, 0x3fefa4afa2a490da, 0xbc8dae98e223747d, 0x3fefaf482d8e67f1,
    0x3c8ec3bc41aa2008, 0x3fefba1bee615a27, 0x3c842b94c3a9eb32, 0x3fefc52b376bba97,
    0x3c8a64a931d185ee, 0x3fefd0765b6e4540, 0xbc8e37bae43be3ed, 0x3fefdbfdad9cbe14,
    0x3c77893b4d91cd9d, 0x3fefe7c1819e90d8, 0x3c5305c14160cc89, 0x3feff3c22b8f71f1,
};

// Constants of the reduction and the polynomial (exp_data.c, N = 128).
constexpr std::uint64_t kInvLn2N = 0x40671547652b82feu;    // 128 / ln 2
constexpr std::uint64_t kNegLn2HiN = 0xbf762e42fefa0000u;  // -ln 2 / 128, high part
constexpr std::uint64_t kNegLn2LoN = 0xbd0cf79abc9e3b3au;  // and low part
constexpr std::uint64_t kShift = 0x4338000000000000u;      // 1.5 * 2^52: rounds to an integer
constexpr std::uint64_t kC2 = 0x3fdffffffffffdbdu;
constexpr std::uint64_t kC3 = 0x3fc555555555543cu;
constexpr std::uint64_t kC4 = 0x3fa55555cf172b91u;
constexpr std::uint64_t kC5 = 0x3f81111167a4d017u;

double as_double(std::uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}
std::uint64_t bits_of(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

/// The main path holds for |x| in [2^-54, 512): exponent fields 0x3c9 .. 0x407.
constexpr std::uint64_t kMainPathFirstExponent = 0x3c9;  // of 2^-54
constexpr std::uint64_t kMainPathExponents = 0x3f;       // up to that of 256 <= |x| < 512

std::uint64_t exponent_field(double x) { return (bits_of(x) >> 52) & 0x7ff; }

bool on_main_path(double x) {
  return exponent_field(x) - kMainPathFirstExponent < kMainPathExponents;
}

/// The main path, with the fused multiply-adds in glibc's order. `Fma` is __builtin_fma where
/// the CPU has the instruction, std::fma (exact in software) where it has not.
template <typename Fma>
[[gnu::always_inline]] inline double exp_main_path(double x, Fma fma) {
  const double shift = as_double(kShift);
  double kd = fma(x, as_double(kInvLn2N), shift);
  const std::uint64_t ki = bits_of(kd);
  kd -= shift;
  double r = fma(kd, as_double(kNegLn2HiN), x);
  r = fma(kd, as_double(kNegLn2LoN), r);
  const std::uint64_t index = 2 * (ki & kIndexMask);
  const double tail = as_double(kTable[index]);
  const std::uint64_t scale_bits = kTable[index + 1] + (ki << (52 - kTableBits));
  const double t2 = fma(r, as_double(kC3), as_double(kC2));
  const double with_tail = r + tail;
  const double r2 = r * r;
  const double t4 = fma(r, as_double(kC5), as_double(kC4));
  double sum = fma(t2, r2, with_tail);
  const double r4 = r2 * r2;
  sum = fma(r4, t4, sum);
  const double scale = as_double(scale_bits);
  return fma(scale, sum, scale);
}

/// Off the main path: |x| below 2^-54 gives 1 + x, as in glibc; the rest (|x| >= 512, where the
/// result over- or underflows or needs the subnormal range, infinities, NaN) is left to the C
/// library. The model never asks for those.
double exp_off_main_path(double x) {
  if (exponent_field(x) < kMainPathFirstExponent) return 1.0 + x;
  return std::exp(x);
}

double exp_without_fma_unit(double x) {
  if (!on_main_path(x)) return exp_off_main_path(x);
  return exp_main_path(x, [](double a, double b, double c) { return std::fma(a, b, c); });
}

#if GIGSIM_EXP_VECTOR
__attribute__((target("fma"))) double exp_with_fma_unit(double x) {
  if (!on_main_path(x)) return exp_off_main_path(x);
  return exp_main_path(x, [](double a, double b, double c) { return __builtin_fma(a, b, c); });
}

/// Four at a time with AVX2 and FMA: the same operations lane by lane, the table read by
/// gathers. Lanes off the main path are redone one by one.
__attribute__((target("avx2,fma"))) void exp_many_avx2(const double* in, double* out,
                                                       std::size_t n) {
  const __m256d inv_ln2_n = _mm256_set1_pd(as_double(kInvLn2N));
  const __m256d neg_ln2_hi_n = _mm256_set1_pd(as_double(kNegLn2HiN));
  const __m256d neg_ln2_lo_n = _mm256_set1_pd(as_double(kNegLn2LoN));
  const __m256d shift = _mm256_set1_pd(as_double(kShift));
  const __m256d c2 = _mm256_set1_pd(as_double(kC2));
  const __m256d c3 = _mm256_set1_pd(as_double(kC3));
  const __m256d c4 = _mm256_set1_pd(as_double(kC4));
  const __m256d c5 = _mm256_set1_pd(as_double(kC5));
  const __m256i exponent_mask = _mm256_set1_epi64x(0x7ff);
  const __m256i main_first = _mm256_set1_epi64x(kMainPathFirstExponent);
  const __m256i main_last = _mm256_set1_epi64x(kMainPathExponents - 1);  // as an offset
  const __m256i index_mask = _mm256_set1_epi64x(static_cast<long long>(kIndexMask));
  const auto* table = reinterpret_cast<const long long*>(kTable);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d x = _mm256_loadu_pd(in + i);
    // The exponent field's offset from the main path's first outside [0, last]: off the path.
    const __m256i offset = _mm256_sub_epi64(
        _mm256_and_si256(_mm256_srli_epi64(_mm256_castpd_si256(x), 52), exponent_mask), main_first);
    const __m256i off_path = _mm256_or_si256(_mm256_cmpgt_epi64(offset, main_last),
                                             _mm256_cmpgt_epi64(_mm256_setzero_si256(), offset));
    __m256d kd = _mm256_fmadd_pd(x, inv_ln2_n, shift);
    const __m256i ki = _mm256_castpd_si256(kd);
    kd = _mm256_sub_pd(kd, shift);
    __m256d r = _mm256_fmadd_pd(kd, neg_ln2_hi_n, x);
    r = _mm256_fmadd_pd(kd, neg_ln2_lo_n, r);
    const __m256i index = _mm256_slli_epi64(_mm256_and_si256(ki, index_mask), 1);
    const __m256d tail = _mm256_castsi256_pd(_mm256_i64gather_epi64(table, index, 8));
    const __m256i scale_bits = _mm256_add_epi64(_mm256_i64gather_epi64(table + 1, index, 8),
                                                _mm256_slli_epi64(ki, 52 - kTableBits));
    const __m256d t2 = _mm256_fmadd_pd(r, c3, c2);
    const __m256d with_tail = _mm256_add_pd(r, tail);
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d t4 = _mm256_fmadd_pd(r, c5, c4);
    __m256d sum = _mm256_fmadd_pd(t2, r2, with_tail);
    const __m256d r4 = _mm256_mul_pd(r2, r2);
    sum = _mm256_fmadd_pd(r4, t4, sum);
    const __m256d scale = _mm256_castsi256_pd(scale_bits);
    const __m256d y = _mm256_fmadd_pd(scale, sum, scale);
    alignas(32) double xs[4];
    _mm256_store_pd(xs, x);  // in may be out: keep the inputs of the lanes redone below
    _mm256_storeu_pd(out + i, y);
    if (!_mm256_testz_si256(off_path, off_path)) {
      for (std::size_t lane = 0; lane < 4; ++lane) {
        if (!on_main_path(xs[lane])) out[i + lane] = exp_off_main_path(xs[lane]);
      }
    }
  }
  for (; i < n; ++i) out[i] = exp_with_fma_unit(in[i]);
}
#endif

void exp_many_without_fma_unit(const double* in, double* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = exp_without_fma_unit(in[i]);
}

#if GIGSIM_EXP_VECTOR
void exp_many_with_fma_unit(const double* in, double* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = exp_with_fma_unit(in[i]);
}
#endif

ExpKernel widest_available() {
#if GIGSIM_EXP_VECTOR
  __builtin_cpu_init();
  if (__builtin_cpu_supports("fma")) {
    return __builtin_cpu_supports("avx2") ? ExpKernel::avx2 : ExpKernel::fma;
  }
#endif
  return ExpKernel::software_fma;
}

const ExpKernel kWidest = widest_available();

using ExpManyKernel = void (*)(const double*, double*, std::size_t);

ExpManyKernel many_kernel(ExpKernel kernel) {
  switch (kernel == ExpKernel::widest ? kWidest : kernel) {
#if GIGSIM_EXP_VECTOR
    case ExpKernel::avx2:
      return exp_many_avx2;
    case ExpKernel::fma:
      return exp_many_with_fma_unit;
#endif
    default:
      return exp_many_without_fma_unit;
  }
}

#if GIGSIM_EXP_VECTOR
double (*const kExpOne)(double) = kWidest == ExpKernel::software_fma ? exp_without_fma_unit
                                                                     : exp_with_fma_unit;
#else
double (*const kExpOne)(double) = exp_without_fma_unit;
#endif
const ExpManyKernel kExpMany = many_kernel(ExpKernel::widest);

}  // namespace

double portable_exp(double x) { return kExpOne(x); }

bool exp_kernel_available(ExpKernel kernel) {
  switch (kernel) {
    case ExpKernel::avx2:
      return kWidest == ExpKernel::avx2;
    case ExpKernel::fma:
      return kWidest != ExpKernel::software_fma;
    default:
      return true;
  }
}

void portable_exp_many(const double* in, double* out, std::size_t n, ExpKernel kernel) {
  (kernel == ExpKernel::widest ? kExpMany : many_kernel(kernel))(in, out, n);
}

}  // namespace gigsim
