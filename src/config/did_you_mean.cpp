#include "config/did_you_mean.h"

#include <algorithm>
#include <string>
#include <vector>

#include "config/text_util.h"

namespace sluice::config {

size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // Three rolling rows are enough for the neighbour-swap case.
  std::vector<size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::optional<std::string_view> closest_match(std::string_view given,
                                              std::span<const std::string_view> candidates) {
  const std::string folded = to_lower(trim(given));
  if (folded.empty()) return std::nullopt;
  std::optional<std::string_view> best;
  size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    const std::string folded_candidate = to_lower(candidate);
    size_t distance = edit_distance(folded, folded_candidate);
    // A truncated or over-long key ("max_delay" for "max_delay_time") is a likely slip even
    // though many characters differ.
    const size_t shorter = std::min(folded.size(), folded_candidate.size());
    if (shorter >= 4 &&
        (folded_candidate.starts_with(folded) || folded.starts_with(folded_candidate))) {
      distance = std::min<size_t>(distance, 1);
    }
    // Allow about one typo per three characters, at most 3, so short words need near matches.
    const size_t allowed = std::clamp<size_t>(folded_candidate.size() / 3, 1, 3);
    if (distance > allowed) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace sluice::config
