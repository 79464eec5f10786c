#include "json/field_lookup.h"

namespace sluice::json {

FieldLookup::FieldLookup(const std::vector<std::string>& field_names) {
  for (size_t index = 0; index < field_names.size(); ++index) {
    const std::string& name = field_names[index];
    const int field = static_cast<int>(index);
    // The literal key, at the top level.
    Target& literal = root_.keys[name];
    literal.field = field;
    literal.priority = kLiteral;
    if (name.find('.') == std::string::npos) continue;

    // The nested path: every segment but the last leads to a child node.
    Node* node = &root_;
    size_t start = 0;
    while (true) {
      size_t dot = name.find('.', start);
      std::string segment =
          name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      Target& target = node->keys[segment];
      if (dot == std::string::npos) {
        if (target.field < 0) {
          target.field = field;
          target.priority = kNested;
        }
        break;
      }
      if (target.children == nullptr) {
        node->owned.push_back(std::make_unique<Node>());
        target.children = node->owned.back().get();
      }
      node = const_cast<Node*>(target.children);
      start = dot + 1;
    }
  }
}

const FieldLookup::Target* FieldLookup::find_and_predict(const Node& node, size_t position,
                                                         std::string_view key) {
  auto it = node.keys.find(key);
  const Target* target = it == node.keys.end() ? nullptr : &it->second;
  Prediction p;
  p.key = std::string(key);
  p.target = target;
  p.plain = key.find_first_of("\\\"") == std::string_view::npos;
  if (p.plain && key.size() + 1 <= kQuoted) {
    std::string quoted(kQuoted, '\0');
    quoted.replace(0, key.size(), key);
    quoted[key.size()] = '"';
    std::memcpy(p.quoted, quoted.data(), kQuoted);
  }
  if (position < node.predicted.size()) {
    node.predicted[position] = std::move(p);
  } else if (position == node.predicted.size() && position < kMaxPredicted) {
    node.predicted.push_back(std::move(p));
  }
  return target;
}

}  // namespace sluice::json
