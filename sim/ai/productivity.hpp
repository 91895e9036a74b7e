#pragma once
// Human + AI productivity and quality (docs/model.md, section 3, step 6). An adopter of skill s
// with proficiency p in a category of AI capability a
//   saves  min(0.9, T x a x p x g(s)) of a job's hours, and
//   adds   Q x a x p x g(s) to the quality it delivers,
// with g(s) = 2 (1 - s): gains are twice the average for novices and vanish for the most
// skilled, as for customer-support agents (+34% for novices, +14% on average, little for the
// most skilled; Brynjolfsson, Li & Raymond 2023) and consultants (+43% below the median, +17%
// above; Dell'Acqua et al. 2023). T and Q come from the writing (Noy & Zhang 2023) and
// programming (Peng et al. 2023) experiments (parameters.md).
#include "scenario/params.hpp"

namespace gigsim {

/// g(s) = 2 (1 - s), 0 for s >= 1.
double skill_gain_factor(double skill);

/// Share of a job's hours an adopter saves.
double ai_time_saving(const AiParams& ai, double capability, double proficiency, double skill);

/// Quality an adopter adds (on the 0-1 scale of skill).
double ai_quality_boost(const AiParams& ai, double capability, double proficiency, double skill);

}  // namespace gigsim
