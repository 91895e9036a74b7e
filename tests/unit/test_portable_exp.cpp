// The portable exponential: correctly rounded where the true value is not near a rounding
// boundary, the same bits on every kernel, and the C library's bits where the C library uses
// the same algorithm (glibc 2.28 and later on a CPU with FMA).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/portable_exp.hpp"

using namespace gigsim;

namespace {

std::uint64_t bits_of(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

double from_bits(std::uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

/// Inputs as the model makes them (log utility and price gaps, mostly in (-60, 0]) and spread
/// over every exponent below 1024, both signs.
std::vector<double> test_inputs(std::size_t n) {
  std::mt19937_64 engine(20261126);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 4 != 0) {
      x[i] = -std::ldexp(static_cast<double>(engine() >> 11), -53) * 60.0;
    } else {
      const double magnitude = from_bits((engine() & 0x7fffffffffffffffu) % 0x4090000000000000u);
      x[i] = (engine() & 1) != 0 ? -magnitude : magnitude;
    }
  }
  return x;
}

const ExpKernel kKernels[] = {ExpKernel::software_fma, ExpKernel::fma, ExpKernel::avx2,
                              ExpKernel::widest};

}  // namespace

TEST_CASE("The portable exponential is correctly rounded at known points", "[exp]") {
  // e^x to 60 digits (Python's decimal module), rounded to the nearest double; each true value
  // lies at least 0.03 ulp from a rounding boundary, well inside the method's 0.51 ulp bound.
  const std::pair<double, std::uint64_t> known[] = {
      {1.0, 0x4005bf0a8b145769u},   {-1.0, 0x3fd78b56362cef38u},  {0.5, 0x3ffa61298e1e069cu},
      {-10.0, 0x3f07cd79b5647c9bu}, {-37.5, 0x3c8dd5c566301ec8u}, {3.0, 0x403415e5bf6fb106u},
      {1e-10, 0x3ff000000006df38u},
  };
  for (const auto& [x, expected] : known) {
    INFO("x = " << x);
    CHECK(bits_of(portable_exp(x)) == expected);
    for (const ExpKernel kernel : kKernels) {
      if (!exp_kernel_available(kernel)) continue;
      double y = 0.0;
      portable_exp_many(&x, &y, 1, kernel);
      CHECK(bits_of(y) == expected);
    }
  }
}

TEST_CASE("The portable exponential's edge cases", "[exp]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(portable_exp(0.0) == 1.0);
  CHECK(portable_exp(-0.0) == 1.0);
  CHECK(portable_exp(0x1p-60) == 1.0 + 0x1p-60);  // below 2^-54: 1 + x, as the C library
  CHECK(portable_exp(-inf) == 0.0);
  CHECK(portable_exp(inf) == inf);
  CHECK(portable_exp(800.0) == inf);
  CHECK(portable_exp(-800.0) == 0.0);
  CHECK(std::isnan(portable_exp(std::numeric_limits<double>::quiet_NaN())));
  // The main path ends below 512 and below -512; either side of each end.
  for (const double x : {511.9, 512.0, -511.9, -512.0, -708.5, 709.0}) {
    INFO("x = " << x);
    CHECK(portable_exp(x) == std::exp(x));
  }
}

TEST_CASE("Every exponential kernel gives the same bits, in place or not", "[exp]") {
  const std::vector<double> x = test_inputs(200003);  // not a multiple of the vector width
  std::vector<double> expected(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) expected[i] = portable_exp(x[i]);
  for (const ExpKernel kernel : kKernels) {
    if (!exp_kernel_available(kernel)) continue;
    std::vector<double> y(x.size());
    portable_exp_many(x.data(), y.data(), x.size(), kernel);
    std::vector<double> in_place = x;
    portable_exp_many(in_place.data(), in_place.data(), in_place.size(), kernel);
    std::size_t differ = 0, differ_in_place = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      differ += bits_of(y[i]) != bits_of(expected[i]) ? 1 : 0;
      differ_in_place += bits_of(in_place[i]) != bits_of(expected[i]) ? 1 : 0;
    }
    INFO("kernel " << static_cast<int>(kernel));
    CHECK(differ == 0);
    CHECK(differ_in_place == 0);
  }
}

TEST_CASE("The portable exponential gives the C library's bits where it is the same method",
          "[exp]") {
  const std::vector<double> x = test_inputs(1000000);
  std::size_t differ = 0, beyond_one_ulp = 0;
  for (const double value : x) {
    const double mine = portable_exp(value);
    const double library = std::exp(value);
    if (bits_of(mine) == bits_of(library)) continue;
    ++differ;
    if (std::abs(mine - library) > std::abs(std::nextafter(library, 0.0) - library)) {
      ++beyond_one_ulp;
    }
  }
  // Elsewhere (another C library, or a CPU without FMA where glibc uses separate multiplies and
  // adds) the two may round differently, by one ulp at most, in rare cases.
  CHECK(beyond_one_ulp == 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 28))
  if (exp_kernel_available(ExpKernel::fma)) CHECK(differ == 0);
#endif
  CHECK(differ <= x.size() / 1000);
}
