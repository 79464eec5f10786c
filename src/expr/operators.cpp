#include "expr/operators.h"

#include <cmath>

#include "expr/time_value.h"

namespace sluice::expr {
namespace {

bool mismatch(std::string_view op, const Value& a, const Value& b, std::string& error) {
  error = "invalid operation: " + std::string(go_type_name(a)) + " " + std::string(op) + " " +
          std::string(go_type_name(b));
  return false;
}

int64_t wrap(uint64_t v) {
  return static_cast<int64_t>(v);
}

}  // namespace

bool arithmetic(std::string_view op, const Value& a, const Value& b, Value& out,
                std::string& error) {
  const Kind ka = a.kind(), kb = b.kind();
  const bool ints = ka == Kind::Int && kb == Kind::Int;
  const bool numbers = a.is_number() && b.is_number();
  const char o = op[0];
  if (op == "**") {
    if (!numbers) return mismatch(op, a, b, error);
    out = Value(std::pow(a.as_number(), b.as_number()));
    return true;
  }
  switch (o) {
    case '+':
      if (ints) {
        out = Value(wrap(static_cast<uint64_t>(a.as_int()) + static_cast<uint64_t>(b.as_int())));
      } else if (numbers) {
        out = Value(a.as_number() + b.as_number());
      } else if (ka == Kind::String && kb == Kind::String) {
        out = Value(a.as_string() + b.as_string());
      } else if (ka == Kind::Time && kb == Kind::Duration) {
        out = Value(add_duration(a.as_time(), b.as_duration()));
      } else if (ka == Kind::Duration && kb == Kind::Time) {
        out = Value(add_duration(b.as_time(), a.as_duration()));
      } else if (ka == Kind::Duration && kb == Kind::Duration) {
        out = Value(Duration{wrap(static_cast<uint64_t>(a.as_duration().nanos) +
                                  static_cast<uint64_t>(b.as_duration().nanos))});
      } else {
        return mismatch(op, a, b, error);
      }
      return true;
    case '-':
      if (ints) {
        out = Value(wrap(static_cast<uint64_t>(a.as_int()) - static_cast<uint64_t>(b.as_int())));
      } else if (numbers) {
        out = Value(a.as_number() - b.as_number());
      } else if (ka == Kind::Time && kb == Kind::Time) {
        out = Value(time_sub(a.as_time(), b.as_time()));
      } else if (ka == Kind::Time && kb == Kind::Duration) {
        const int64_t d = b.as_duration().nanos;
        out = Value(add_duration(a.as_time(), Duration{d == INT64_MIN ? INT64_MAX : -d}));
      } else if (ka == Kind::Duration && kb == Kind::Duration) {
        out = Value(Duration{wrap(static_cast<uint64_t>(a.as_duration().nanos) -
                                  static_cast<uint64_t>(b.as_duration().nanos))});
      } else {
        return mismatch(op, a, b, error);
      }
      return true;
    case '*':
      if (ints) {
        out = Value(wrap(static_cast<uint64_t>(a.as_int()) * static_cast<uint64_t>(b.as_int())));
      } else if (numbers) {
        out = Value(a.as_number() * b.as_number());
      } else if (ka == Kind::Duration && kb == Kind::Int) {
        out = Value(Duration{wrap(static_cast<uint64_t>(a.as_duration().nanos) *
                                  static_cast<uint64_t>(b.as_int()))});
      } else if (ka == Kind::Int && kb == Kind::Duration) {
        out = Value(Duration{wrap(static_cast<uint64_t>(a.as_int()) *
                                  static_cast<uint64_t>(b.as_duration().nanos))});
      } else if (ka == Kind::Duration && kb == Kind::Float) {
        out = Value(static_cast<double>(a.as_duration().nanos) * b.as_float());  // quirk
      } else if (ka == Kind::Float && kb == Kind::Duration) {
        out = Value(a.as_float() * static_cast<double>(b.as_duration().nanos));
      } else {
        return mismatch(op, a, b, error);
      }
      return true;
    case '/':
      if (!numbers) return mismatch(op, a, b, error);
      out = Value(a.as_number() / b.as_number());
      return true;
    case '%':
      if (!ints) return mismatch(op, a, b, error);
      if (b.as_int() == 0) {
        error = "runtime error: integer divide by zero";
        return false;
      }
      out = Value(b.as_int() == -1 ? int64_t{0} : a.as_int() % b.as_int());
      return true;
    default:
      break;
  }
  return mismatch(op, a, b, error);
}

bool ordering(std::string_view op, const Value& a, const Value& b, bool& out, std::string& error) {
  int cmp = 0;
  if (a.kind() == Kind::Int && b.kind() == Kind::Int) {
    cmp = a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  } else if (a.is_number() && b.is_number()) {
    const double x = a.as_number(), y = b.as_number();
    if (std::isnan(x) || std::isnan(y)) {
      out = false;
      return true;
    }
    cmp = x < y ? -1 : (x > y ? 1 : 0);
  } else if (a.kind() == Kind::String && b.kind() == Kind::String) {
    const int c = a.as_string().compare(b.as_string());
    cmp = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else if (a.kind() == Kind::Time && b.kind() == Kind::Time) {
    cmp = compare_times(a.as_time(), b.as_time());
  } else if (a.kind() == Kind::Duration && b.kind() == Kind::Duration) {
    const int64_t x = a.as_duration().nanos, y = b.as_duration().nanos;
    cmp = x < y ? -1 : (x > y ? 1 : 0);
  } else {
    return mismatch(op, a, b, error);
  }
  if (op == "<")
    out = cmp < 0;
  else if (op == ">")
    out = cmp > 0;
  else if (op == "<=")
    out = cmp <= 0;
  else
    out = cmp >= 0;
  return true;
}

}  // namespace sluice::expr
