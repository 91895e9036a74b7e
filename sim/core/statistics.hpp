#pragma once
// Order statistics and concentration measures shared by the model's market signals and the
// output metrics.
#include <vector>

namespace gigsim {

/// Value at quantile level q of sorted values (linear interpolation, type 7 of Hyndman & Fan
/// 1996); NaN when empty.
template <typename T>
double sorted_quantile(const std::vector<T>& sorted, double q);

/// Median of `values` (reordered in place, not sorted); NaN when empty.
double median_in_place(std::vector<double>& values);

/// Mean of `values`; NaN when empty.
double mean_of(const std::vector<double>& values);

/// Gini coefficient of values sorted ascending, negative values (losses) counted as zero:
/// G = sum_i (2i - n - 1) x_i / (n * sum x), i = 1..n; 0 when all are zero.
double sorted_gini(const std::vector<float>& sorted);

/// Share of the total held by the top `fraction` of sorted values, losses counted as zero.
double sorted_top_share(const std::vector<float>& sorted, double fraction);

/// Both measures of inequality of values sorted ascending, with one pass for the total they
/// share: the same numbers as sorted_gini and sorted_top_share(sorted, top_fraction).
struct Inequality {
  double gini = 0.0;
  double top_share = 0.0;
};
Inequality sorted_inequality(const std::vector<float>& sorted, double top_fraction);

}  // namespace gigsim
