#include "config/field_type.h"

#include <utility>

#include "config/text_util.h"

namespace sluice::config {
namespace {

// Declared once: the spellings the reference accepts (§1.3), plus `datetime`, which Sluice
// makes a real type (RFC 3339 string or epoch number) instead of the reference's unchecked one.
constexpr std::pair<std::string_view, FieldType> kSpellings[] = {
    {"string", FieldType::String}, {"bytes", FieldType::String},      {"int", FieldType::Int},
    {"integer", FieldType::Int},   {"int8", FieldType::Int},          {"int16", FieldType::Int},
    {"int32", FieldType::Int},     {"int64", FieldType::Int},         {"uint", FieldType::UInt},
    {"uint8", FieldType::UInt},    {"uint16", FieldType::UInt},       {"uint32", FieldType::UInt},
    {"uint64", FieldType::UInt},   {"float", FieldType::Float},       {"float32", FieldType::Float},
    {"float64", FieldType::Float}, {"number", FieldType::Float},      {"bool", FieldType::Bool},
    {"boolean", FieldType::Bool},  {"array", FieldType::Array},       {"map", FieldType::Map},
    {"object", FieldType::Map},    {"datetime", FieldType::DateTime},
};

}  // namespace

std::optional<FieldType> parse_field_type(std::string_view declared) {
  const std::string folded = to_lower(trim(declared));
  if (folded.empty()) return std::nullopt;
  for (const auto& [spelling, type] : kSpellings) {
    if (spelling == folded) return type;
  }
  return std::nullopt;
}

std::string_view field_type_name(FieldType type) {
  switch (type) {
    case FieldType::String:
      return "string";
    case FieldType::Int:
      return "int";
    case FieldType::UInt:
      return "uint";
    case FieldType::Float:
      return "float";
    case FieldType::Bool:
      return "bool";
    case FieldType::Array:
      return "array";
    case FieldType::Map:
      return "map";
    case FieldType::DateTime:
      return "datetime";
  }
  return "unknown";
}

std::string accepted_field_type_list() {
  std::string out;
  for (std::string_view spelling : accepted_field_type_spellings()) {
    if (!out.empty()) out += ", ";
    out += spelling;
  }
  return out;
}

std::vector<std::string_view> accepted_field_type_spellings() {
  std::vector<std::string_view> out;
  for (const auto& entry : kSpellings) out.push_back(entry.first);
  return out;
}

}  // namespace sluice::config
