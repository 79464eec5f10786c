#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "expr/kinds.h"

// The runtime values of the expression language (expr-lang semantics, see
// /work/shared/reference/expr-lang.md §3): nil, bool, int (int64), float (double), string
// (UTF-8 bytes), array, map (string keys), time and duration. Values are immutable; arrays and
// maps share their elements (copying a Value never deep-copies), so a Value may be read from
// several threads at once.
namespace sluice::expr {

class Value;
using Array = std::vector<Value>;
using Map = std::map<std::string, Value, std::less<>>;  // sorted: Go prints and marshals sorted

// An instant (seconds + nanoseconds since the Unix epoch, so that Go's year-0/1 times fit), plus
// the zone it is shown in. The zone does not take part in `==` (Go's Time.Equal).
struct Time {
  int64_t seconds = 0;
  int32_t nanos = 0;           // 0..999'999'999
  int32_t offset_seconds = 0;  // east of UTC
  std::string zone = "UTC";    // abbreviation; empty = shown as the numeric offset

  bool operator==(const Time&) const = default;
};

// A time span in nanoseconds (Go's time.Duration).
struct Duration {
  int64_t nanos = 0;

  bool operator==(const Duration&) const = default;
};

class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}                                                // NOLINT
  Value(bool b) : data_(b) {}                                             // NOLINT
  Value(int64_t i) : data_(i) {}                                          // NOLINT
  Value(int i) : data_(static_cast<int64_t>(i)) {}                        // NOLINT
  Value(double f) : data_(f) {}                                           // NOLINT
  Value(std::string s) : data_(std::move(s)) {}                           // NOLINT
  Value(std::string_view s) : data_(std::string(s)) {}                    // NOLINT
  Value(const char* s) : data_(std::string(s)) {}                         // NOLINT
  Value(Array a) : data_(std::make_shared<const Array>(std::move(a))) {}  // NOLINT
  Value(Map m) : data_(std::make_shared<const Map>(std::move(m))) {}      // NOLINT
  Value(Time t) : data_(std::make_shared<const Time>(std::move(t))) {}    // NOLINT
  Value(Duration d) : data_(d) {}                                         // NOLINT

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_nil() const { return kind() == Kind::Nil; }
  bool is_number() const { return kind() == Kind::Int || kind() == Kind::Float; }

  // Accessors assert the kind (a wrong one is a bug).
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  // int or float as a double.
  double as_number() const {
    return kind() == Kind::Int ? static_cast<double>(as_int()) : as_float();
  }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const Array& as_array() const { return *std::get<std::shared_ptr<const Array>>(data_); }
  const Map& as_map() const { return *std::get<std::shared_ptr<const Map>>(data_); }
  const Time& as_time() const { return *std::get<std::shared_ptr<const Time>>(data_); }
  Duration as_duration() const { return std::get<Duration>(data_); }

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<const Array>,
               std::shared_ptr<const Map>, std::shared_ptr<const Time>, Duration>
      data_;
};

// expr-lang `==`: numbers by value across int/float, arrays element-wise with the same rule,
// maps deeply and with identical element kinds, times by instant; mismatched kinds are unequal.
bool equal(const Value& a, const Value& b);

// The Go type name used in runtime messages: int float64 string bool <nil> []interface {}
// map[string]interface {} time.Time time.Duration.
std::string_view go_type_name(const Value& v);

}  // namespace sluice::expr
