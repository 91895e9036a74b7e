// Human + AI productivity; see productivity.hpp.
#include "ai/productivity.hpp"

#include <algorithm>

namespace gigsim {

inline constexpr double kMaxTimeSaving = 0.9;

double skill_gain_factor(double skill) { return std::max(0.0, 2.0 * (1.0 - skill)); }

double ai_time_saving(const AiParams& ai, double capability, double proficiency, double skill) {
  return std::min(kMaxTimeSaving,
                  ai.time_saving * capability * proficiency * skill_gain_factor(skill));
}

double ai_quality_boost(const AiParams& ai, double capability, double proficiency, double skill) {
  return ai.quality_gain * capability * proficiency * skill_gain_factor(skill);
}

}  // namespace gigsim
