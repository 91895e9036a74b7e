// Quantiles, Gini coefficient and top shares used by the weekly metrics, checked by hand.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "core/radix_sort.hpp"
#include "core/statistics.hpp"

using namespace gigsim;

TEST_CASE("Quantiles interpolate linearly between order statistics", "[metrics]") {
  const std::vector<double> v{1, 2, 3, 4};
  CHECK(sorted_quantile(v, 0.0) == Approx(1.0));
  CHECK(sorted_quantile(v, 0.5) == Approx(2.5));
  CHECK(sorted_quantile(v, 0.9) == Approx(3.7));  // position 2.7
  CHECK(sorted_quantile(v, 1.0) == Approx(4.0));
  CHECK(std::isnan(sorted_quantile(std::vector<double>{}, 0.5)));
}

TEST_CASE("Gini coefficient of sorted values", "[metrics]") {
  CHECK(sorted_gini({1, 1, 1, 1}) == Approx(0.0));
  CHECK(sorted_gini({0, 0, 0, 1}) == Approx(0.75));  // (2*4 - 4 - 1) / 4
  CHECK(sorted_gini({1, 2, 3, 4}) == Approx(0.25));  // (-3 - 2 + 3 + 12) / (4 * 10)
  CHECK(sorted_gini({0, 0, 0}) == Approx(0.0));
}

TEST_CASE("Top share of the total", "[metrics]") {
  std::vector<float> v;
  for (int i = 1; i <= 10; ++i) v.push_back(static_cast<float>(i));
  CHECK(sorted_top_share(v, 0.1) == Approx(10.0 / 55.0));
  CHECK(sorted_top_share(v, 0.2) == Approx(19.0 / 55.0));
}

TEST_CASE("Radix sort orders floats like std::sort", "[metrics]") {
  std::vector<float> values{3.5f,  0.0f, 1e-30f, 7.0f,    2.25f,  1e20f, 0.5f,
                            2.25f, 0.0f, -3.0f,  -1e-30f, -1e20f, -0.5f};
  std::vector<float> expected = values;
  std::sort(expected.begin(), expected.end());
  RadixScratch scratch;
  radix_sort(values, scratch);
  CHECK(values == expected);
  std::vector<float> many;
  // More than one 65536-element chunk, with infinities (exited agents) that must sort last
  // and negative values (losses) that must sort first.
  for (int i = 0; i < 200000; ++i) {
    many.push_back(i % 97 == 0 ? std::numeric_limits<float>::infinity()
                               : static_cast<float>((i * 7919) % 10007 - 3000) * 0.37f);
  }
  std::vector<float> many_expected = many;
  std::sort(many_expected.begin(), many_expected.end());
  radix_sort(many, scratch);
  CHECK(many == many_expected);
}

TEST_CASE("Radix sort skips only the passes whose digit every value shares", "[metrics]") {
  RadixScratch scratch;
  // 1 + k / 2^23 for k < 2048: the values differ only in their lowest 11 bits, so the two upper
  // passes have one digit for all and are skipped; the lowest pass alone must order them.
  std::vector<float> low_bits;
  for (int k = 0; k < 2048; ++k) {
    low_bits.push_back(1.0f + static_cast<float>((k * 1237) % 2048) * 0x1.0p-23f);
  }
  std::vector<float> low_expected = low_bits;
  std::sort(low_expected.begin(), low_expected.end());
  radix_sort(low_bits, scratch);
  CHECK(low_bits == low_expected);
  // Values in [1, 1.5) share their top 10 bits (sign, exponent, first mantissa bit): the top
  // pass is skipped, the two lower ones are not.
  std::vector<float> upper_shared;
  for (int k = 0; k < 5000; ++k) {
    upper_shared.push_back(1.0f + static_cast<float>((k * 7919) % 5003) / 10006.0f);
  }
  std::vector<float> upper_expected = upper_shared;
  std::sort(upper_expected.begin(), upper_expected.end());
  radix_sort(upper_shared, scratch);
  CHECK(upper_shared == upper_expected);
  // The same with one value outside: the top pass is needed after all (3 = 0x40400000 has
  // none of the lower 22 bits set; without the top pass it would come first).
  upper_shared.push_back(3.0f);
  upper_expected.push_back(3.0f);
  radix_sort(upper_shared, scratch);
  CHECK(upper_shared == upper_expected);
  // One value, and every value equal: nothing to move.
  std::vector<float> one{-4.0f};
  radix_sort(one, scratch);
  CHECK(one == std::vector<float>{-4.0f});
  std::vector<float> same(100, 2.5f);
  radix_sort(same, scratch);
  CHECK(same == std::vector<float>(100, 2.5f));
}

TEST_CASE("Both inequality measures in one pass equal each on its own", "[metrics]") {
  std::vector<float> v;
  for (int i = 1; i <= 10; ++i) v.push_back(static_cast<float>(i));
  // sum_i (2i - 11) i = 2 * 385 - 11 * 55 = 165, over n * total = 10 * 55: 0.3. Top tenth: 10.
  const Inequality both = sorted_inequality(v, 0.1);
  CHECK(both.gini == Approx(0.3));
  CHECK(both.top_share == Approx(10.0 / 55.0));
  CHECK(both.gini == sorted_gini(v));
  CHECK(both.top_share == sorted_top_share(v, 0.1));
  const Inequality none = sorted_inequality(std::vector<float>{-1.0f, 0.0f}, 0.1);
  CHECK(none.gini == 0.0);
  CHECK(none.top_share == 0.0);
}

TEST_CASE("Median by selection equals the median of the sorted values", "[metrics]") {
  // Odd count: the middle value. {9, 1, 7, 3, 5} sorted is {1, 3, 5, 7, 9}: 5.
  std::vector<double> odd{9.0, 1.0, 7.0, 3.0, 5.0};
  CHECK(median_in_place(odd) == 5.0);
  // Even count: halfway between the two middle values. {8, 2, 6, 4} sorted {2, 4, 6, 8}: 5.
  std::vector<double> even{8.0, 2.0, 6.0, 4.0};
  CHECK(median_in_place(even) == 5.0);
  // Ties around the middle and an infinite tail: {1, 2, 2, inf} -> (2 + 2) / 2 = 2.
  std::vector<double> ties{2.0, std::numeric_limits<double>::infinity(), 1.0, 2.0};
  CHECK(median_in_place(ties) == 2.0);
  std::vector<double> one{3.5};
  CHECK(median_in_place(one) == 3.5);
  std::vector<double> none;
  CHECK(std::isnan(median_in_place(none)));
  // Bit for bit the interpolation of the sorted values, over many shuffled sizes.
  for (std::size_t n = 1; n < 200; ++n) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = std::fmod(static_cast<double>(i) * 7.31, 13.7);
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    INFO(n << " values");
    CHECK(median_in_place(values) == sorted_quantile(sorted, 0.5));
  }
}
