#pragma once

#include <map>
#include <memory>
#include <string>

#include "expr/kinds.h"

// Static types ("natures") the checker assigns to expressions, and the types a host declares
// for the names of a typed environment (expr-lang.md §5).
namespace sluice::expr {

class Type {
 public:
  Type() = default;
  Type(TypeKind kind) : kind_(kind) {}  // NOLINT(google-explicit-constructor)

  static Type array_of(Type element);
  // A map whose listed keys have known types; other keys read as unknown (maps are not strict).
  static Type map_of(std::map<std::string, Type> fields);

  TypeKind kind() const { return kind_; }
  bool is(TypeKind kind) const { return kind_ == kind; }
  bool unknown() const { return kind_ == TypeKind::Unknown; }
  bool numeric() const { return kind_ == TypeKind::Int || kind_ == TypeKind::Float; }
  // Array element type (Unknown when not known).
  Type element() const;
  // Type of a known map key, or nullptr.
  const Type* field(const std::string& name) const;
  const std::map<std::string, Type>* fields() const { return fields_.get(); }

  bool operator==(const Type& other) const;

 private:
  TypeKind kind_ = TypeKind::Unknown;
  std::shared_ptr<const Type> element_;
  std::shared_ptr<const std::map<std::string, Type>> fields_;
};

// Go's name of the type, as in expr-lang's messages: interface {}, nil, bool, int, float64,
// string, []interface {}, map[string]interface {}, time.Time, time.Duration, time.Month, ...
std::string type_name(const Type& type);

}  // namespace sluice::expr
