// Number and conversion builtins: len abs ceil floor round max min mean median int float string
// type.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "expr/builtin_support.h"
#include "expr/utf8.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

using K = TypeKind;
using Args = std::span<const Value>;

Signature one_arg(std::span<const Type> args, std::string_view name, bool (*ok)(const Type&),
                  Type result) {
  Signature sig = count_signature(args, 1, 1, result);
  if (sig.error.empty() && !ok(args[0])) {
    sig.error = "invalid argument for " + std::string(name) + " (type " + type_name(args[0]) + ")";
    sig.bad_arg = 0;
  }
  return sig;
}

bool numeric_or_unknown(const Type& t) {
  return t.unknown() || t.numeric();
}

bool number_arg(Args args, std::string_view name, std::string& error) {
  if (args.size() != 1) {
    error = "invalid number of arguments (expected 1, got " + std::to_string(args.size()) + ")";
    return false;
  }
  if (args[0].is_number()) return true;
  error = "invalid argument for " + std::string(name) + " (type " +
          std::string(go_type_name(args[0])) + ")";
  return false;
}

// Flattens numbers and arrays of numbers for max/min/mean/median.
bool collect_numbers(Args args, std::string_view name, std::vector<Value>& out,
                     std::string& error) {
  for (const Value& v : args) {
    if (v.kind() == Kind::Array) {
      if (!collect_numbers(v.as_array(), name, out, error)) return false;
    } else if (v.is_number()) {
      out.push_back(v);
    } else {
      error = "invalid argument for " + std::string(name) + " (type " +
              std::string(go_type_name(v)) + ")";
      return false;
    }
  }
  return true;
}

Signature numbers_signature(std::string_view name, std::span<const Type> args, Type result) {
  Signature sig;
  for (size_t i = 0; i < args.size(); ++i) {
    const Type& t = args[i];
    if (!t.unknown() && !t.numeric() && !t.is(K::Array)) {
      sig.error = "invalid argument for " + std::string(name) + " (type " + type_name(t) + ")";
      sig.bad_arg = static_cast<int>(i);
      return sig;
    }
  }
  sig.result = std::move(result);
  return sig;
}

bool extreme(Args args, std::string_view name, bool want_max, Value& out, std::string& error) {
  std::vector<Value> numbers;
  if (!collect_numbers(args, name, numbers, error)) return false;
  if (numbers.empty()) {
    out = Value();
    return true;
  }
  Value best = numbers[0];
  for (size_t i = 1; i < numbers.size(); ++i) {
    const double a = numbers[i].as_number();
    const double b = best.as_number();
    if (numbers[i].kind() == Kind::Int && best.kind() == Kind::Int) {
      if (want_max ? numbers[i].as_int() > best.as_int() : numbers[i].as_int() < best.as_int())
        best = numbers[i];
    } else if (want_max ? a > b : a < b) {
      best = numbers[i];
    }
  }
  out = best;
  return true;
}

bool parse_go_int(const std::string& s, int64_t& out) {
  if (s.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return false;
  uint64_t value = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(s[i] - '0');
    if (value > (static_cast<uint64_t>(INT64_MAX) + 1 - digit) / 10) return false;
    value = value * 10 + digit;
  }
  if (!negative && value > static_cast<uint64_t>(INT64_MAX)) return false;
  out = negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return true;
}

// Go's strconv.ParseFloat (decimal, hex, inf, nan; no spaces; underscores are not accepted).
bool parse_go_float(const std::string& s, double& out) {
  if (s.empty() || utf8::is_space(static_cast<unsigned char>(s[0]))) return false;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view body = lower;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  if (body == "inf" || body == "infinity") {
    out = lower[0] == '-' ? -INFINITY : INFINITY;
    return true;
  }
  if (body == "nan") {
    out = NAN;
    return true;
  }
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.'))
    return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

}  // namespace

int64_t float_to_int(double f) {
  const double t = std::trunc(f);
  // NaN and out-of-range give INT64_MIN, as Go on amd64.
  return std::isnan(t) || t >= 9.2233720368547758e18 || t < -9.2233720368547758e18
             ? INT64_MIN
             : static_cast<int64_t>(t);
}

void add_number_builtins(FunctionSet& set) {
  set.add({"len",
           [](std::string_view n, std::span<const Type> a) {
             return one_arg(
                 a, n,
                 [](const Type& t) {
                   return t.unknown() || t.is(K::String) || t.is(K::Array) || t.is(K::Map);
                 },
                 K::Int);
           },
           [](Args args, Value& out, std::string& error) {
             if (args.size() != 1) {
               error = "invalid number of arguments (expected 1, got " +
                       std::to_string(args.size()) + ")";
               return false;
             }
             const Value& v = args[0];
             if (v.kind() == Kind::String) {
               out = Value(static_cast<int64_t>(utf8::count(v.as_string())));
             } else if (v.kind() == Kind::Array) {
               out = Value(static_cast<int64_t>(v.as_array().size()));
             } else if (v.kind() == Kind::Map) {
               out = Value(static_cast<int64_t>(v.as_map().size()));
             } else {
               error = "invalid argument for len (type " + std::string(go_type_name(v)) + ")";
               return false;
             }
             return true;
           }});
  set.add({"abs",
           [](std::string_view n, std::span<const Type> a) {
             Signature sig = one_arg(a, n, numeric_or_unknown, Type());
             if (sig.error.empty()) sig.result = Type(a[0].kind());
             return sig;
           },
           [](Args args, Value& out, std::string& error) {
             if (!number_arg(args, "abs", error)) return false;
             if (args[0].kind() == Kind::Int) {
               const int64_t i = args[0].as_int();
               out = Value(i < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(i)) : i);
             } else {
               out = Value(std::fabs(args[0].as_float()));
             }
             return true;
           }});
  auto float_check = [](std::string_view n, std::span<const Type> a) {
    return one_arg(a, n, numeric_or_unknown, K::Float);
  };
  set.add({"ceil", float_check, [](Args args, Value& out, std::string& error) {
             if (!number_arg(args, "ceil", error)) return false;
             out = Value(std::ceil(args[0].as_number()));
             return true;
           }});
  set.add({"floor", float_check, [](Args args, Value& out, std::string& error) {
             if (!number_arg(args, "floor", error)) return false;
             out = Value(std::floor(args[0].as_number()));
             return true;
           }});
  set.add({"round", float_check, [](Args args, Value& out, std::string& error) {
             if (!number_arg(args, "round", error)) return false;
             out = Value(std::round(args[0].as_number()));  // half away from zero, as Go
             return true;
           }});
  set.add(
      {"max",
       [](std::string_view n, std::span<const Type> a) { return numbers_signature(n, a, Type()); },
       [](Args args, Value& out, std::string& error) {
         return extreme(args, "max", true, out, error);
       }});
  set.add(
      {"min",
       [](std::string_view n, std::span<const Type> a) { return numbers_signature(n, a, Type()); },
       [](Args args, Value& out, std::string& error) {
         return extreme(args, "min", false, out, error);
       }});
  set.add({"mean",
           [](std::string_view n, std::span<const Type> a) {
             return numbers_signature(n, a, K::Float);
           },
           [](Args args, Value& out, std::string& error) {
             std::vector<Value> numbers;
             if (!collect_numbers(args, "mean", numbers, error)) return false;
             double sum = 0;
             for (const Value& v : numbers) sum += v.as_number();
             out = Value(numbers.empty() ? 0.0 : sum / static_cast<double>(numbers.size()));
             return true;
           }});
  set.add({"median",
           [](std::string_view n, std::span<const Type> a) {
             return numbers_signature(n, a, K::Float);
           },
           [](Args args, Value& out, std::string& error) {
             std::vector<Value> numbers;
             if (!collect_numbers(args, "median", numbers, error)) return false;
             std::vector<double> xs;
             for (const Value& v : numbers) xs.push_back(v.as_number());
             std::sort(xs.begin(), xs.end());
             const size_t n = xs.size();
             out = Value(n == 0 ? 0.0 : n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2);
             return true;
           }});
  set.add({"int",
           [](std::string_view n, std::span<const Type> a) {
             return one_arg(
                 a, n,
                 [](const Type& t) {
                   return t.unknown() || t.numeric() || t.is(K::String) || t.is(K::Month) ||
                          t.is(K::Weekday);
                 },
                 K::Int);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "int", error)) return false;
             const Value& v = args[0];
             if (v.kind() == Kind::Int) {
               out = v;
             } else if (v.kind() == Kind::Float) {
               out = Value(float_to_int(v.as_float()));
             } else if (v.kind() == Kind::String) {
               int64_t i = 0;
               if (!parse_go_int(v.as_string(), i)) {
                 error = "invalid operation: int(" + v.as_string() + ")";
                 return false;
               }
               out = Value(i);
             } else {
               error = "invalid operation: int(" + std::string(go_type_name(v)) + ")";
               return false;
             }
             return true;
           }});
  set.add({"float",
           [](std::string_view n, std::span<const Type> a) {
             return one_arg(
                 a, n, [](const Type& t) { return t.unknown() || t.numeric() || t.is(K::String); },
                 K::Float);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "float", error)) return false;
             const Value& v = args[0];
             if (v.is_number()) {
               out = Value(v.as_number());
             } else if (v.kind() == Kind::String) {
               double f = 0;
               if (!parse_go_float(v.as_string(), f)) {
                 error = "invalid operation: float(" + v.as_string() + ")";
                 return false;
               }
               out = Value(f);
             } else {
               error = "invalid operation: float(" + std::string(go_type_name(v)) + ")";
               return false;
             }
             return true;
           }});
  set.add({"string",
           [](std::string_view, std::span<const Type> a) {
             return count_signature(a, 1, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "string", error)) return false;
             out = Value(display_string(args[0]));
             return true;
           }});
  set.add({"type",
           [](std::string_view, std::span<const Type> a) {
             return count_signature(a, 1, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "type", error)) return false;
             static constexpr const char* kNames[] = {"nil",   "bool",      "int",
                                                      "float", "string",    "array",
                                                      "map",   "time.Time", "time.Duration"};
             out = Value(kNames[static_cast<size_t>(args[0].kind())]);
             return true;
           }});
}

}  // namespace sluice::expr
