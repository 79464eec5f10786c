#include "config/node_reader.h"

#include <limits>
#include <set>

#include "base/duration.h"
#include "config/did_you_mean.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

bool is_plain_scalar(const YAML::Node& node) {
  return node.IsScalar() && !is_quoted(node);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_of(std::string_view text, bool (*accept)(char)) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!accept(c)) return false;
  }
  return true;
}

// YAML 1.2 core-schema numbers, which include JSON numbers: 12, -3, 0o17, 0xFF, 1.5, .5,
// 6.02e23, .inf, -.inf, .nan.
bool is_number_text(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return true;
  if (text.starts_with("0o")) {
    return all_of(text.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  }
  if (text.starts_with("0x")) {
    return all_of(text.substr(2), [](char c) {
      return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
  }
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  if (text == ".inf" || text == ".Inf" || text == ".INF") return true;
  size_t i = 0;
  size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!all_of(text.substr(i), is_digit)) return false;
    i = text.size();
  }
  return i == text.size();
}

bool is_plain_number(const YAML::Node& node) {
  return is_plain_scalar(node) && is_number_text(node.Scalar());
}

std::optional<bool> plain_bool(const YAML::Node& node) {
  if (!is_plain_scalar(node)) return std::nullopt;
  const std::string& text = node.Scalar();
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

bool all_digits(std::string_view text) {
  return all_of(text, is_digit);
}

}  // namespace

bool is_absent(const YAML::Node& node) {
  return !node.IsDefined() || node.IsNull();
}

bool is_quoted(const YAML::Node& node) {
  return node.IsScalar() && (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str");
}

std::string describe(const YAML::Node& node) {
  if (is_absent(node)) return "null";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "an object";
  if (is_plain_number(node)) return "the number " + node.Scalar();
  if (plain_bool(node)) return "the boolean " + node.Scalar();
  return "the string " + quoted(node.Scalar());
}

Where with_position(Where where, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (!mark.is_null()) {
    where.line = mark.line + 1;
    where.column = mark.column + 1;
  }
  return where;
}

YAML::Node value_of(const YAML::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

Where where_of(const YAML::Node& map, const Where& at, std::string_view key) {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (!entry.first.IsScalar() || entry.first.Scalar() != key) continue;
      const YAML::Node& anchor = entry.second.IsScalar() ? entry.second : entry.first;
      return with_position(at.key(key, at.line, at.column), anchor);
    }
  }
  return at.key(key, at.line, at.column);
}

Where where_of_item(const YAML::Node& item, const Where& list_at, size_t index) {
  return with_position(list_at.item(index, list_at.line, list_at.column), item);
}

void check_keys(const YAML::Node& map, const Where& at, std::span<const std::string_view> known,
                Diagnostics& diags) {
  std::set<std::string> seen;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) {
      diags.error(with_position(at, entry.first),
                  "keys must be plain names, not " + describe(entry.first));
      continue;
    }
    const std::string& key = entry.first.Scalar();
    const Where where = with_position(at.key(key, at.line, at.column), entry.first);
    if (!seen.insert(key).second) {
      diags.error(where, "key is given more than once", "keep one of them");
      continue;
    }
    bool is_known = false;
    for (std::string_view name : known) is_known = is_known || name == key;
    if (is_known) continue;
    if (auto guess = closest_match(key, known)) {
      diags.error(where, "unknown key", "did you mean " + quoted(*guess) + "?");
    } else {
      diags.error(where, "unknown key", "valid keys here: " + join(known, ", "));
    }
  }
}

std::optional<std::string> read_text(const YAML::Node& node, const Where& at, Diagnostics& diags,
                                     const TextRule& rule) {
  // Plain numbers and booleans are taken as text: `topic: 2024` or `password: 1234` in YAML
  // mean the string the user typed, and nothing is lost since yaml-cpp keeps the source text.
  if (!node.IsScalar()) {
    diags.error(at, "expected a string, got " + describe(node));
    return std::nullopt;
  }
  std::string text = rule.trim ? std::string(trim(node.Scalar())) : node.Scalar();
  if (rule.non_blank && trim(text).empty()) {
    diags.error(at, "must not be empty", rule.blank_hint);
    return std::nullopt;
  }
  if (rule.one_of.empty()) return text;
  for (std::string_view choice : rule.one_of) {
    if (choice == text || (rule.fold_case && equals_ignoring_case(choice, text))) {
      return std::string(choice);
    }
  }
  std::string message = quoted(text) + " is not one of " + join(rule.one_of, ", ");
  if (!rule.fold_case) message += " (letter case matters)";
  auto guess = closest_match(text, rule.one_of);
  diags.error(at, std::move(message), guess ? "did you mean " + quoted(*guess) + "?" : "");
  return std::nullopt;
}

std::optional<bool> read_bool(const YAML::Node& node, const Where& at, Diagnostics& diags) {
  if (auto value = plain_bool(node)) return value;
  const bool quoted_bool = is_quoted(node) && (equals_ignoring_case(node.Scalar(), "true") ||
                                               equals_ignoring_case(node.Scalar(), "false"));
  diags.error(at, "expected true or false, got " + describe(node),
              quoted_bool ? "remove the quotes" : "");
  return std::nullopt;
}

std::optional<uint64_t> read_whole_number(const YAML::Node& node, const Where& at,
                                          Diagnostics& diags, uint64_t min, uint64_t max,
                                          bool allow_quoted, std::string_view range_hint) {
  const bool usable = is_plain_number(node) || (allow_quoted && is_quoted(node));
  std::string_view text = node.IsScalar() ? trim(node.Scalar()) : std::string_view();
  const bool negative = text.starts_with('-') && all_digits(text.substr(1));
  if (!usable || (!all_digits(text) && !negative)) {
    const bool quoted_number = is_quoted(node) && all_digits(text);
    diags.error(at, "expected a whole number, got " + describe(node),
                quoted_number ? "remove the quotes" : std::string(range_hint));
    return std::nullopt;
  }
  uint64_t value = 0;
  bool too_big = false;
  if (!negative) {
    for (char c : text) {
      const auto digit = static_cast<uint64_t>(c - '0');
      if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) too_big = true;
      value = too_big ? value : value * 10 + digit;
    }
  }
  if (negative || too_big || value < min || value > max) {
    std::string message = (min == 1 && max == std::numeric_limits<uint64_t>::max())
                              ? "must be greater than 0, got " + std::string(text)
                              : "must be between " + std::to_string(min) + " and " +
                                    std::to_string(max) + ", got " + std::string(text);
    diags.error(at, std::move(message), std::string(range_hint));
    return std::nullopt;
  }
  return value;
}

std::optional<std::chrono::nanoseconds> read_duration(const YAML::Node& node, const Where& at,
                                                      Diagnostics& diags) {
  if (is_plain_number(node)) {
    diags.error(at, "expected a duration string such as \"30s\", got " + describe(node),
                "durations need a unit: write \"" + node.Scalar() + "s\" for " + node.Scalar() +
                    " seconds or \"" + node.Scalar() + "ms\" for milliseconds");
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    diags.error(at, "expected a duration string such as \"30s\", got " + describe(node));
    return std::nullopt;
  }
  auto parsed = parse_duration(trim(node.Scalar()));
  if (!parsed.ok()) {
    diags.error(at, parsed.error().message(),
                "use Go duration syntax, e.g. \"500ms\", \"30s\", \"1h30m\", \"1d\"");
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<std::vector<YAML::Node>> read_list(const YAML::Node& node, const Where& at,
                                                 Diagnostics& diags, const ListRule& rule) {
  if (!node.IsSequence()) {
    diags.error(at, "expected a list, got " + describe(node),
                node.IsScalar() ? "write it as a list: [" + node.Scalar() + "]" : "");
    return std::nullopt;
  }
  std::vector<YAML::Node> items(node.begin(), node.end());
  if (items.size() < rule.min_items) {
    diags.error(at,
                rule.min_items == 1
                    ? std::string("must not be empty")
                    : "needs at least " + std::to_string(rule.min_items) + " entries",
                std::string(rule.empty_hint));
    return std::nullopt;
  }
  return items;
}

}  // namespace sluice::config
