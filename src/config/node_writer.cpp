#include "config/node_writer.h"

#include "base/json_writer.h"

#include <cstdio>

#include "config/node_reader.h"

namespace sluice::config {
namespace {

std::string json_string(const std::string& text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// A plain scalar that JSON can carry as a number or literal as written.
bool is_json_literal(const YAML::Node& node) {
  if (is_quoted(node)) return false;
  const std::string& text = node.Scalar();
  if (text == "true" || text == "false") return true;
  const std::string described = describe(node);
  if (!described.starts_with("the number ")) return false;
  // JSON numbers only: no 0x/0o, .inf, leading '+' or '.'.
  if (text.empty() || text.find_first_of("xXoO") != std::string::npos) return false;
  if (text.find("inf") != std::string::npos || text.find("nan") != std::string::npos) return false;
  const size_t first = text[0] == '-' ? 1 : 0;
  if (first >= text.size() || text[first] < '0' || text[first] > '9') return false;
  return !(text.size() > first + 1 && text[first] == '0' && text[first + 1] != '.');
}

void write_json(const YAML::Node& node, int indent, int depth, std::string& out) {
  const std::string newline = indent > 0 ? "\n" + std::string((depth + 1) * indent, ' ') : "";
  const std::string closing = indent > 0 ? "\n" + std::string(depth * indent, ' ') : "";
  if (is_absent(node)) {
    out += "null";
  } else if (node.IsScalar()) {
    out += is_json_literal(node) ? node.Scalar() : json_string(node.Scalar());
  } else if (node.IsSequence()) {
    if (node.size() == 0) {
      out += "[]";
      return;
    }
    out += "[";
    bool first = true;
    for (const auto& item : node) {
      out += first ? "" : ",";
      out += newline;
      write_json(item, indent, depth + 1, out);
      first = false;
    }
    out += closing + "]";
  } else if (node.IsMap()) {
    if (node.size() == 0) {
      out += "{}";
      return;
    }
    out += "{";
    bool first = true;
    for (const auto& entry : node) {
      out += first ? "" : ",";
      out += newline + json_string(entry.first.Scalar()) + (indent > 0 ? ": " : ":");
      write_json(entry.second, indent, depth + 1, out);
      first = false;
    }
    out += closing + "}";
  }
}

// Copied values keep the flow style of a JSON source; migrated YAML reads better in blocks.
void use_block_style(YAML::Node node) {
  if (!node.IsSequence() && !node.IsMap()) return;
  node.SetStyle(YAML::EmitterStyle::Block);
  if (node.IsSequence()) {
    for (auto item : node) use_block_style(item);
  } else {
    for (auto entry : node) use_block_style(entry.second);
  }
}

}  // namespace

std::string to_json(const YAML::Node& node, int indent) {
  std::string out;
  write_json(node, indent, 0, out);
  return out;
}

std::string to_yaml(const YAML::Node& node) {
  YAML::Node copy = YAML::Clone(node);
  use_block_style(copy);
  YAML::Emitter emitter;
  emitter << copy;
  return std::string(emitter.c_str()) + "\n";
}

}  // namespace sluice::config
