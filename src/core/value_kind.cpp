#include "core/value_kind.h"

namespace sluice {

std::string_view value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Missing:
      return "missing";
    case ValueKind::Null:
      return "null";
    case ValueKind::Bool:
      return "bool";
    case ValueKind::Int:
      return "integer";
    case ValueKind::UInt:
      return "integer";
    case ValueKind::Float:
      return "number";
    case ValueKind::String:
      return "string";
    case ValueKind::Array:
      return "array";
    case ValueKind::Object:
      return "object";
  }
  return "unknown";
}

}  // namespace sluice
