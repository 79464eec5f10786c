#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostic.h"

// Reading typed values out of yaml-cpp nodes, reporting every problem to Diagnostics instead
// of throwing. JSON documents arrive here too (JSON is YAML), so the rules are stated in terms
// both formats share: a quoted scalar is a string, a plain scalar may be a number or a bool.
namespace sluice::config {

// How a text value is checked and normalised. Checks run on the trimmed text when `trim` is set.
struct TextRule {
  bool non_blank = false;
  bool trim = false;
  std::vector<std::string_view> one_of = {};  // allowed values; empty = anything
  bool fold_case = false;       // compare with one_of ignoring case, store the listed spelling
  std::string blank_hint = {};  // what to do when non_blank fails
};

struct ListRule {
  size_t min_items = 0;
  std::string_view empty_hint = {};  // what to do when there are fewer than min_items
};

// Absent, or explicitly null (`key:`, `key: ~`, `"key": null`): both mean "not given".
bool is_absent(const YAML::Node& node);
// Quoted (or explicitly !!str-tagged) scalar: the user wrote a string on purpose.
bool is_quoted(const YAML::Node& node);
// "an object", "a list", "the number 30", "the string \"x\"", ... for "expected X, got Y".
std::string describe(const YAML::Node& node);

// The value stored under `key` in a map node (the first one if the key repeats), or an
// undefined node. Safe on nodes that are not maps.
YAML::Node value_of(const YAML::Node& map, std::string_view key);

// Path and position for `key` of the map at `at`: a scalar value's own position; for an
// object, a list or a null, the key's position (so problems point at the name); for a missing
// key, the parent's position.
Where where_of(const YAML::Node& map, const Where& at, std::string_view key);
Where where_of_item(const YAML::Node& item, const Where& list_at, size_t index);

// Reports keys of `map` that are not in `known` (with a "did you mean") and keys given twice.
void check_keys(const YAML::Node& map, const Where& at, std::span<const std::string_view> known,
                Diagnostics& diags);

std::optional<std::string> read_text(const YAML::Node& node, const Where& at, Diagnostics& diags,
                                     const TextRule& rule = {});
std::optional<bool> read_bool(const YAML::Node& node, const Where& at, Diagnostics& diags);
// A whole number in [min, max]. Quoted numbers ("9000") are accepted only when allow_quoted.
// `range_hint` says what to do when the number is out of range.
std::optional<uint64_t> read_whole_number(const YAML::Node& node, const Where& at,
                                          Diagnostics& diags, uint64_t min, uint64_t max,
                                          bool allow_quoted, std::string_view range_hint);
// A Go-syntax duration string; a bare number is an error (its unit would be a guess).
std::optional<std::chrono::nanoseconds> read_duration(const YAML::Node& node, const Where& at,
                                                      Diagnostics& diags);
// The items of a list node, checked against `rule`; nullopt (reported) when it is not a list.
std::optional<std::vector<YAML::Node>> read_list(const YAML::Node& node, const Where& at,
                                                 Diagnostics& diags, const ListRule& rule);

// 1-based line and column of a node, 0/0 when yaml-cpp has no mark for it.
Where with_position(Where where, const YAML::Node& node);

}  // namespace sluice::config
