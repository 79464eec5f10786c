#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice::json {

// Maps JSON keys to schema field indexes, for one level of an object.
//
// A schema name like "a.b.c" may match a literal top-level key "a.b.c" (ECS style) or the
// nested path a -> b -> c. Both are registered: the literal key at the root with
// priority kLiteral, the path through child nodes with priority kNested. When both are
// present in one message the literal key wins, as in the reference system.
//
// Lookups are by key and by the key's position in its object: producers write keys in the
// same order message after message, so each node remembers which key it saw at each
// position and what it resolved to (including "not a schema field"). A hit costs one short
// memcmp; a miss falls back to the hash table and updates the prediction. Not thread-safe:
// one FieldLookup per decoder.
class FieldLookup {
 public:
  static constexpr int kNested = 1;
  static constexpr int kLiteral = 2;

  struct Node;
  struct Target {
    int field = -1;  // schema field decoded from this key's value, -1 if none
    int priority = kNested;
    const Node* children = nullptr;  // nested schema names continue below this key
  };

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  struct Node {
    std::unordered_map<std::string, Target, StringHash, std::equal_to<>> keys;
    std::vector<std::unique_ptr<Node>> owned;
    // predicted[i]: the key last seen at position i of this object, and its target.
    mutable std::vector<std::pair<std::string, const Target*>> predicted;
  };

  explicit FieldLookup(const std::vector<std::string>& field_names);

  const Node& root() const { return root_; }

  // The target for `key` at `position` in an object described by `node`, or nullptr.
  static const Target* find(const Node& node, size_t position, std::string_view key) {
    if (position < node.predicted.size()) {
      auto& [predicted_key, target] = node.predicted[position];
      if (predicted_key == key) return target;
    }
    return find_and_predict(node, position, key);
  }

 private:
  static constexpr size_t kMaxPredicted = 512;
  static const Target* find_and_predict(const Node& node, size_t position, std::string_view key);

  Node root_;
};

}  // namespace sluice::json
