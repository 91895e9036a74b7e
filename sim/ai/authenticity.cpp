// Authenticity and disclosure; see authenticity.hpp.
#include "ai/authenticity.hpp"

#include <algorithm>

namespace gigsim {

namespace {
inline constexpr double kStarsLost = 1.0;  // a noticed flaw or unwanted AI use costs a star
}

double ai_flaw_probability(const AiParams& ai, double proficiency) {
  return ai.flaw_probability * std::clamp(1.0 - proficiency, 0.0, 1.0);
}

double rating_after_ai_risks(const Params& params, Stream& stream, double rating,
                             double proficiency, bool client_ai_averse) {
  if (stream.uniform() < ai_flaw_probability(params.ai, proficiency)) rating -= kStarsLost;
  const bool told = params.policy.ai_disclosure == Disclosure::required;
  if (client_ai_averse && !told && stream.uniform() < params.ai.detection_probability) {
    rating -= kStarsLost;
  }
  return std::clamp(rating, 1.0, 5.0);
}

double disclosure_penalty(const Params& params, bool client_ai_averse, bool uses_ai) {
  const bool told = params.policy.ai_disclosure == Disclosure::required;
  return told && client_ai_averse && uses_ai ? params.ai.aversion_penalty : 0.0;
}

}  // namespace gigsim
