#pragma once
// Small draws used by several phases, on top of Boost.Random distributions fed by a Stream.
#include <boost/random/beta_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace gigsim {

inline double draw_normal(Stream& stream, double mean, double sd) {
  if (sd <= 0.0) return mean;
  return boost::random::normal_distribution<double>(mean, sd)(stream);
}

/// Log-normal with the given median and log-sd.
inline double draw_lognormal_median(Stream& stream, double median, double log_sd) {
  return median * std::exp(draw_normal(stream, 0.0, log_sd));
}

/// Log-normal with mean 1 (so multiplying by it preserves means).
inline double draw_unit_mean_lognormal(Stream& stream, double log_sd) {
  return std::exp(draw_normal(stream, -0.5 * log_sd * log_sd, log_sd));
}

/// Beta with the given mean in (0, 1) and concentration alpha + beta.
inline double draw_beta_mean(Stream& stream, double mean, double concentration) {
  return boost::random::beta_distribution<double>(mean * concentration,
                                                  (1.0 - mean) * concentration)(stream);
}

inline std::int64_t draw_poisson(Stream& stream, double mean) {
  if (mean <= 0.0) return 0;
  return boost::random::poisson_distribution<std::int64_t, double>(mean)(stream);
}

/// A category index drawn with probability proportional to demand share.
inline std::uint8_t draw_category_by_demand(Stream& stream,
                                            const std::vector<CategoryParams>& cats) {
  double total = 0.0;
  for (const CategoryParams& c : cats) total += c.demand_share;
  double target = stream.uniform() * total;
  for (std::size_t i = 0; i < cats.size(); ++i) {
    target -= cats[i].demand_share;
    if (target < 0.0) return static_cast<std::uint8_t>(i);
  }
  return static_cast<std::uint8_t>(cats.size() - 1);
}

}  // namespace gigsim
