#pragma once
// Delivered quality and the client's star rating (docs/model.md, "Delivery and rating").
// Quality q = clamp(skill + e_q, 0, 1) with e_q ~ N(0, quality_noise_sd). A job of complexity c
// needs quality c; each unit of shortfall costs four stars:
//   rating = clamp(5 - 4 * max(0, c - q) + e_r, 1, 5),  e_r ~ N(0, rating_noise_sd).
// Ratings are inflated as on real platforms: work that meets the need gets ~5 stars.
#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Rating for a given delivered quality and complexity, before the client's noise.
double rating_for_quality(double quality, double complexity);

/// Draws quality around `mean_quality` (the freelancer's skill, plus what AI tools add) and the
/// rating noise, and returns the star rating in [1, 5].
double draw_delivery_rating(const ReputationParams& params, Stream& stream, double mean_quality,
                            double complexity);

/// Bayesian mean rating: (prior_mean * prior_weight + sum) / (prior_weight + count).
double reputation_stars(const ReputationParams& params, double rating_sum, double rating_count);

}  // namespace gigsim
