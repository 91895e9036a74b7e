// Delivery quality, ratings and reputation; see delivery.hpp.
#include "market/delivery.hpp"

#include <algorithm>

#include "core/sampling.hpp"

namespace gigsim {

double rating_for_quality(double quality, double complexity) {
  return 5.0 - 4.0 * std::max(0.0, complexity - quality);
}

double draw_delivery_rating(const ReputationParams& params, Stream& stream, double mean_quality,
                            double complexity) {
  const double quality =
      std::clamp(draw_normal(stream, mean_quality, params.quality_noise_sd), 0.0, 1.0);
  const double rating =
      rating_for_quality(quality, complexity) + draw_normal(stream, 0.0, params.rating_noise_sd);
  return std::clamp(rating, 1.0, 5.0);
}

double reputation_stars(const ReputationParams& params, double rating_sum, double rating_count) {
  const double weight = params.prior_weight + rating_count;
  if (weight <= 0.0) return params.prior_mean;
  return (params.prior_mean * params.prior_weight + rating_sum) / weight;
}

}  // namespace gigsim
