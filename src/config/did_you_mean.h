#pragma once

#include <optional>
#include <span>
#include <string_view>

// "Did you mean" suggestions for misspelled keys, enum values and field names.
namespace sluice::config {

// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
// (optimal string alignment), so "hots" -> "host" costs 1, like the typo it usually is.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate the user most likely meant, or nullopt when none is close enough to be a
// useful suggestion. Letter case is ignored; ties go to the earlier candidate, so callers pass
// candidates in a meaningful (declaration) order.
std::optional<std::string_view> closest_match(std::string_view given,
                                              std::span<const std::string_view> candidates);

}  // namespace sluice::config
