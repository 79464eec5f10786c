#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
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

  // The key last seen at one position of an object, and its target.
  struct Prediction {
    std::string key;
    const Target* target = nullptr;
    bool plain = false;  // no backslash or quote: the key's JSON text is the key itself
    // For plain keys of up to kQuoted - 1 bytes: the key's JSON text with its closing quote,
    // zero-filled, compared a word at a time.
    uint64_t quoted[4] = {0, 0, 0, 0};
  };
  static constexpr size_t kQuoted = sizeof(Prediction::quoted);

  struct Node {
    std::unordered_map<std::string, Target, StringHash, std::equal_to<>> keys;
    std::vector<std::unique_ptr<Node>> owned;
    mutable std::vector<Prediction> predicted;  // by position in the object
  };

  explicit FieldLookup(const std::vector<std::string>& field_names);

  const Node& root() const { return root_; }

  // The target for `key` at `position` in an object described by `node`, or nullptr.
  static const Target* find(const Node& node, size_t position, std::string_view key) {
    if (position < node.predicted.size()) {
      const Prediction& p = node.predicted[position];
      if (p.key == key) return p.target;
    }
    return find_and_predict(node, position, key);
  }

  // The prediction for the key whose JSON text starts at `raw` (just after the opening quote;
  // readable up to `end`), without unescaping it: true and `target` set when the key at
  // `position` is the one predicted, false when the caller must unescape it and use find().
  static bool find_raw(const Node& node, size_t position, const char* raw, const char* end,
                       const Target*& target) {
    if (position >= node.predicted.size()) return false;
    const Prediction& p = node.predicted[position];
    // A plain predicted key followed by a quote is the whole key: no escape can hide in it.
    if (!p.plain) return false;
    const size_t n = p.key.size() + 1;  // with the closing quote
    if (std::endian::native == std::endian::little && n <= kQuoted &&
        static_cast<size_t>(end - raw) >= kQuoted) {
      for (size_t w = 0; w * 8 < n; ++w) {
        uint64_t word;
        std::memcpy(&word, raw + w * 8, 8);
        const size_t left = n - w * 8;
        if (left < 8) word &= (uint64_t{1} << (8 * left)) - 1;  // little-endian: low bytes first
        if (word != p.quoted[w]) return false;
      }
    } else if (static_cast<size_t>(end - raw) < n || raw[n - 1] != '"' ||
               std::memcmp(raw, p.key.data(), n - 1) != 0) {
      return false;
    }
    target = p.target;
    return true;
  }

 private:
  static constexpr size_t kMaxPredicted = 512;
  static const Target* find_and_predict(const Node& node, size_t position, std::string_view key);

  Node root_;
};

}  // namespace sluice::json
