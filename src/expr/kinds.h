#pragma once

#include <cstdint>

// The kinds of runtime values and of static types. Declared in their own header, ahead of the
// Array/Map aliases in value.h (GCC's -Wshadow flags an enumerator declared after a same-named
// alias).
namespace sluice::expr {

enum class Kind : uint8_t { Nil, Bool, Int, Float, String, Array, Map, Time, Duration };

enum class TypeKind {
  Unknown,  // any: compatible with everything (all names in untyped mode)
  Nil,
  Bool,
  Int,
  Float,
  String,
  Array,
  Map,
  Time,
  Duration,
  Month,    // time.Month: only from Time.Month(); not comparable with int
  Weekday,  // time.Weekday
};

}  // namespace sluice::expr
