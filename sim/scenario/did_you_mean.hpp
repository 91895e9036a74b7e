#pragma once
// "Did you mean ...?" suggestions for misspelt keys, sections and choices.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigsim {

/// Edit distance counting insertions, deletions, substitutions and swaps of adjacent characters
/// (optimal string alignment), case-insensitive: "bid_cots" is one edit from "bid_cost".
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Words longer than this get no suggestion, which bounds the work for any input.
inline constexpr std::size_t kMaxSuggestedLength = 100;

/// The candidate closest to `word`, when it is close enough to be a plausible typo (about one
/// edit per four characters, at most four); nothing otherwise. Ties go to the earlier candidate.
/// At most kMaxSuggestedLength^2 work per candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace gigsim
