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
class FieldLookup {
 public:
  static constexpr int kNested = 1;
  static constexpr int kLiteral = 2;

  struct Node;
  struct Target {
    int field = -1;            // schema field decoded from this key's value, -1 if none
    int priority = kNested;
    const Node* children = nullptr;  // nested schema names continue below this key
  };
  struct Node {
    std::unordered_map<std::string, Target> keys;
    std::vector<std::unique_ptr<Node>> owned;
  };

  explicit FieldLookup(const std::vector<std::string>& field_names);

  const Node& root() const { return root_; }

  static const Target* find(const Node& node, std::string_view key) {
    auto it = node.keys.find(std::string(key));
    return it == node.keys.end() ? nullptr : &it->second;
  }

 private:
  Node root_;
};

}  // namespace sluice::json
