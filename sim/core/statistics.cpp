// Order statistics; see statistics.hpp.
#include "core/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

namespace gigsim {

template <typename T>
double sorted_quantile(const std::vector<T>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  const double low = sorted[below];
  const double high = sorted[above];
  return low + weight * (high - low);
}
template double sorted_quantile(const std::vector<double>&, double);
template double sorted_quantile(const std::vector<float>&, double);

double median_in_place(std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  // sorted_quantile(sorted, 0.5) without the sort: the two middle order statistics are found by
  // a selection (linear time) and the smallest value above it, and interpolated the same way.
  const double position = 0.5 * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(below);
  std::nth_element(values.begin(), middle, values.end());
  const double low = *middle;
  const double high = below + 1 < values.size() ? *std::min_element(middle + 1, values.end()) : low;
  const double weight = position - static_cast<double>(below);
  return low + weight * (high - low);
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

Inequality sorted_inequality(const std::vector<float>& sorted, double top_fraction) {
  const auto n = static_cast<double>(sorted.size());
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double x = std::max(0.0f, sorted[i]);  // a loss counts as nothing earned
    total += x;
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * x;
  }
  Inequality inequality;
  if (total <= 0.0) return inequality;
  inequality.gini = weighted / (n * total);
  const auto top = static_cast<std::size_t>(std::ceil(top_fraction * n));
  const auto positive = [](double sum, float x) { return sum + std::max(0.0f, x); };
  const double top_sum =
      std::accumulate(sorted.end() - static_cast<std::ptrdiff_t>(top), sorted.end(), 0.0, positive);
  inequality.top_share = top_sum / total;
  return inequality;
}

double sorted_gini(const std::vector<float>& sorted) { return sorted_inequality(sorted, 0.0).gini; }

double sorted_top_share(const std::vector<float>& sorted, double fraction) {
  return sorted_inequality(sorted, fraction).top_share;
}

}  // namespace gigsim
