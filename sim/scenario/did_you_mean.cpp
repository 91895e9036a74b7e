// Suggestions for misspelt names: edit distance and the closest plausible candidate.
#include "scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace gigsim {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  // distance[i][j] = edits turning the first i characters of a into the first j of b;
  // three rows suffice because a swap looks back two rows.
  const std::size_t columns = b.size() + 1;
  std::vector<std::size_t> before_previous(columns), previous(columns), current(columns);
  for (std::size_t j = 0; j < columns; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j < columns; ++j) {
      const bool same = lower(a[i - 1]) == lower(b[j - 1]);
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      const bool swapped = i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                           lower(a[i - 2]) == lower(b[j - 1]);
      if (swapped) current[j] = std::min(current[j], before_previous[j - 2] + 1);
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  if (word.size() > kMaxSuggestedLength) return std::nullopt;
  // About one typo per four characters: "webb" -> "web", but "foo" suggests nothing.
  const std::size_t allowed = std::clamp<std::size_t>((word.size() + 2) / 4, 1, 4);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip what cannot be close.
    const std::size_t length_difference = candidate.size() > word.size()
                                              ? candidate.size() - word.size()
                                              : word.size() - candidate.size();
    if (length_difference > allowed) continue;
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace gigsim
