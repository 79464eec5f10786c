#include "expr/type.h"

namespace sluice::expr {

Type Type::array_of(Type element) {
  Type type(TypeKind::Array);
  type.element_ = std::make_shared<const Type>(std::move(element));
  return type;
}

Type Type::map_of(std::map<std::string, Type> fields) {
  Type type(TypeKind::Map);
  type.fields_ = std::make_shared<const std::map<std::string, Type>>(std::move(fields));
  return type;
}

Type Type::element() const {
  return element_ ? *element_ : Type();
}

const Type* Type::field(const std::string& name) const {
  if (!fields_) return nullptr;
  auto it = fields_->find(name);
  return it == fields_->end() ? nullptr : &it->second;
}

bool Type::operator==(const Type& other) const {
  return kind_ == other.kind_;
}

std::string type_name(const Type& type) {
  switch (type.kind()) {
    case TypeKind::Unknown:
      return "interface {}";
    case TypeKind::Nil:
      return "nil";
    case TypeKind::Bool:
      return "bool";
    case TypeKind::Int:
      return "int";
    case TypeKind::Float:
      return "float64";
    case TypeKind::String:
      return "string";
    case TypeKind::Array:
      return "[]interface {}";
    case TypeKind::Map:
      return "map[string]interface {}";
    case TypeKind::Time:
      return "time.Time";
    case TypeKind::Duration:
      return "time.Duration";
    case TypeKind::Month:
      return "time.Month";
    case TypeKind::Weekday:
      return "time.Weekday";
  }
  return "?";
}

}  // namespace sluice::expr
