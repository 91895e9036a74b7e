#pragma once
// Authenticity and disclosure of AI use (docs/model.md, section 3, steps 5 and 6). AI-made work
// carries a risk: with probability flaw_probability x (1 - proficiency) it has a flaw the client
// notices (an error, generic content), which costs a star. Some clients (ai.averse_client_share)
// dislike AI-made work: when proposals must disclose AI use (policy.ai_disclosure = "required")
// they see it and take ai.aversion_penalty off the proposal's utility (market/choice.hpp); without
// disclosure they may notice it at delivery (detection_probability) and rate a star lower.
#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace gigsim {

/// Chance that AI-made work has a noticeable flaw.
double ai_flaw_probability(const AiParams& ai, double proficiency);

/// The rating of AI-made work after its flaw risk and, for an AI-averse client who was not told,
/// the chance it notices; clamped to [1, 5].
double rating_after_ai_risks(const Params& params, Stream& stream, double rating,
                             double proficiency, bool client_ai_averse);

/// Utility an averse client takes off a proposal that discloses AI use (0 otherwise).
double disclosure_penalty(const Params& params, bool client_ai_averse, bool uses_ai);

}  // namespace gigsim
