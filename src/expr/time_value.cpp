#include "expr/time_value.h"

#include <array>
#include <chrono>

#include "expr/civil_time.h"

namespace sluice::expr {

using namespace civil;  // NOLINT(google-build-using-namespace)

Time time_now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  Time t;
  t.seconds = floor_div(ns, kNanosPerSecond);
  t.nanos = static_cast<int32_t>(ns - t.seconds * kNanosPerSecond);
  return t;
}

Time add_duration(const Time& t, Duration d) {
  Time out = t;
  const int64_t total_nanos = static_cast<int64_t>(t.nanos) + d.nanos % kNanosPerSecond;
  out.seconds = t.seconds + d.nanos / kNanosPerSecond + floor_div(total_nanos, kNanosPerSecond);
  out.nanos =
      static_cast<int32_t>(total_nanos - floor_div(total_nanos, kNanosPerSecond) * kNanosPerSecond);
  return out;
}

Duration time_sub(const Time& a, const Time& b) {
  const int128 ns =
      static_cast<int128>(a.seconds - b.seconds) * kNanosPerSecond + (a.nanos - b.nanos);
  if (ns > INT64_MAX) return Duration{INT64_MAX};
  if (ns < INT64_MIN) return Duration{INT64_MIN};
  return Duration{static_cast<int64_t>(ns)};
}

int compare_times(const Time& a, const Time& b) {
  if (a.seconds != b.seconds) return a.seconds < b.seconds ? -1 : 1;
  if (a.nanos != b.nanos) return a.nanos < b.nanos ? -1 : 1;
  return 0;
}

namespace {

struct MethodSpec {
  std::string_view name;
  bool on_time;
  std::array<TypeKind, 3> params;
  int arity;
  TypeKind result;
};

constexpr TypeKind kNone = TypeKind::Unknown;
constexpr std::array<MethodSpec, 34> kMethods = {{
    {"Year", true, {kNone}, 0, TypeKind::Int},
    {"Month", true, {kNone}, 0, TypeKind::Month},
    {"Day", true, {kNone}, 0, TypeKind::Int},
    {"Hour", true, {kNone}, 0, TypeKind::Int},
    {"Minute", true, {kNone}, 0, TypeKind::Int},
    {"Second", true, {kNone}, 0, TypeKind::Int},
    {"Nanosecond", true, {kNone}, 0, TypeKind::Int},
    {"Weekday", true, {kNone}, 0, TypeKind::Weekday},
    {"YearDay", true, {kNone}, 0, TypeKind::Int},
    {"Unix", true, {kNone}, 0, TypeKind::Int},
    {"UnixMilli", true, {kNone}, 0, TypeKind::Int},
    {"UnixMicro", true, {kNone}, 0, TypeKind::Int},
    {"UnixNano", true, {kNone}, 0, TypeKind::Int},
    {"Format", true, {TypeKind::String}, 1, TypeKind::String},
    {"UTC", true, {kNone}, 0, TypeKind::Time},
    {"Local", true, {kNone}, 0, TypeKind::Time},
    {"Add", true, {TypeKind::Duration}, 1, TypeKind::Time},
    {"AddDate", true, {TypeKind::Int, TypeKind::Int, TypeKind::Int}, 3, TypeKind::Time},
    {"Sub", true, {TypeKind::Time}, 1, TypeKind::Duration},
    {"Before", true, {TypeKind::Time}, 1, TypeKind::Bool},
    {"After", true, {TypeKind::Time}, 1, TypeKind::Bool},
    {"Equal", true, {TypeKind::Time}, 1, TypeKind::Bool},
    {"Truncate", true, {TypeKind::Duration}, 1, TypeKind::Time},
    {"Round", true, {TypeKind::Duration}, 1, TypeKind::Time},
    {"IsZero", true, {kNone}, 0, TypeKind::Bool},
    {"String", true, {kNone}, 0, TypeKind::String},
    {"Hours", false, {kNone}, 0, TypeKind::Float},
    {"Minutes", false, {kNone}, 0, TypeKind::Float},
    {"Seconds", false, {kNone}, 0, TypeKind::Float},
    {"Milliseconds", false, {kNone}, 0, TypeKind::Int},
    {"Microseconds", false, {kNone}, 0, TypeKind::Int},
    {"Nanoseconds", false, {kNone}, 0, TypeKind::Int},
    {"String", false, {kNone}, 0, TypeKind::String},
    {"Abs", false, {kNone}, 0, TypeKind::Duration},
}};

const MethodSpec* find_method(bool on_time, std::string_view name) {
  for (const MethodSpec& m : kMethods) {
    if (m.on_time == on_time && m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace

Signature time_method_signature(const Type& receiver, std::string_view name,
                                std::span<const Type> args) {
  Signature sig;
  const MethodSpec* spec = find_method(receiver.is(TypeKind::Time), name);
  if (spec == nullptr) {
    sig.error = "type " + type_name(receiver) + " has no method " + std::string(name);
    return sig;
  }
  if (static_cast<int>(args.size()) > spec->arity) {
    sig.error = "too many arguments to call " + std::string(name);
    return sig;
  }
  if (static_cast<int>(args.size()) < spec->arity) {
    sig.error = "not enough arguments to call " + std::string(name);
    return sig;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const TypeKind want = spec->params[i];
    if (!args[i].unknown() && args[i].kind() != want) {
      sig.error = "cannot use " + type_name(args[i]) + " as argument (type " +
                  type_name(Type(want)) + ") to call " + std::string(name) + " ";
      sig.bad_arg = static_cast<int>(i);
      return sig;
    }
  }
  sig.result = spec->result;
  return sig;
}

bool call_time_method(const Value& receiver, std::string_view name, std::span<const Value> args,
                      Value& out, std::string& error) {
  const bool on_time = receiver.kind() == Kind::Time;
  if (!on_time && receiver.kind() != Kind::Duration) {
    error = "type " + std::string(go_type_name(receiver)) + " has no method " + std::string(name);
    return false;
  }
  const MethodSpec* spec = find_method(on_time, name);
  if (spec == nullptr) {
    error = "type " + std::string(go_type_name(receiver)) + " has no method " + std::string(name);
    return false;
  }
  if (static_cast<int>(args.size()) != spec->arity) {
    error = std::string(static_cast<int>(args.size()) > spec->arity ? "too many" : "not enough") +
            " arguments to call " + std::string(name);
    return false;
  }
  // Indexed by TypeKind (Unknown, Nil, Bool, Int, Float, String, Array, Map, Time, Duration).
  static constexpr Kind kKinds[] = {Kind::Nil,   Kind::Nil,     Kind::Bool,  Kind::Int,
                                    Kind::Float, Kind::String,  Kind::Array, Kind::Map,
                                    Kind::Time,  Kind::Duration};
  for (size_t i = 0; i < args.size(); ++i) {
    const Kind want = kKinds[static_cast<size_t>(spec->params[i])];
    if (args[i].kind() != want) {
      error = "cannot use " + std::string(go_type_name(args[i])) + " as argument to call " +
              std::string(name);
      return false;
    }
  }
  if (!on_time) {
    const int64_t ns = receiver.as_duration().nanos;
    if (name == "Hours")
      out = Value(static_cast<double>(ns) / 3.6e12);
    else if (name == "Minutes")
      out = Value(static_cast<double>(ns) / 6e10);
    else if (name == "Seconds")
      out = Value(static_cast<double>(ns) / 1e9);
    else if (name == "Milliseconds")
      out = Value(ns / 1'000'000);
    else if (name == "Microseconds")
      out = Value(ns / 1000);
    else if (name == "Nanoseconds")
      out = Value(ns);
    else if (name == "String")
      out = Value(format_duration(receiver.as_duration()));
    else if (name == "Abs")
      out = Value(Duration{ns < 0 && ns != INT64_MIN ? -ns : ns});
    return true;
  }
  const Time& t = receiver.as_time();
  const Civil c = civil_of(t);
  if (name == "Year")
    out = Value(c.year);
  else if (name == "Month")
    out = Value(c.month);
  else if (name == "Day")
    out = Value(c.day);
  else if (name == "Hour")
    out = Value(c.hour);
  else if (name == "Minute")
    out = Value(c.minute);
  else if (name == "Second")
    out = Value(c.second);
  else if (name == "Nanosecond")
    out = Value(static_cast<int64_t>(t.nanos));
  else if (name == "Weekday")
    out = Value(c.weekday);
  else if (name == "YearDay")
    out = Value(c.yday);
  else if (name == "Unix")
    out = Value(t.seconds);
  else if (name == "UnixMilli")
    out = Value(static_cast<int64_t>(static_cast<uint64_t>(t.seconds) * 1000u +
                                     static_cast<uint64_t>(t.nanos / 1'000'000)));
  else if (name == "UnixMicro")
    out = Value(static_cast<int64_t>(static_cast<uint64_t>(t.seconds) * 1'000'000u +
                                     static_cast<uint64_t>(t.nanos / 1000)));
  else if (name == "UnixNano")
    out = Value(static_cast<int64_t>(static_cast<uint64_t>(t.seconds) * 1'000'000'000u +
                                     static_cast<uint64_t>(t.nanos)));
  else if (name == "Format")
    out = Value(format_time(t, args[0].as_string()));
  else if (name == "UTC" || name == "Local") {
    Time u = t;
    u.offset_seconds = 0;
    u.zone = "UTC";
    out = Value(u);
  } else if (name == "Add")
    out = Value(add_duration(t, args[0].as_duration()));
  else if (name == "AddDate") {
    out = Value(make_time(c.year + args[0].as_int(), c.month + args[1].as_int(),
                          c.day + args[2].as_int(), c.hour, c.minute, c.second, c.nanos,
                          t.offset_seconds, t.zone));
  } else if (name == "Sub")
    out = Value(time_sub(t, args[0].as_time()));
  else if (name == "Before")
    out = Value(compare_times(t, args[0].as_time()) < 0);
  else if (name == "After")
    out = Value(compare_times(t, args[0].as_time()) > 0);
  else if (name == "Equal")
    out = Value(compare_times(t, args[0].as_time()) == 0);
  else if (name == "Truncate" || name == "Round") {
    const int64_t d = args[0].as_duration().nanos;
    if (d <= 0) {
      out = Value(t);
      return true;
    }
    // Relative to Go's zero time, as Go does.
    const int128 since_zero =
        static_cast<int128>(t.seconds + kZeroTimeToUnix) * kNanosPerSecond + t.nanos;
    int128 rem = since_zero % d;
    if (rem < 0) rem += d;
    int128 delta = -rem;
    if (name == "Round" && rem + rem >= d) delta = d - rem;
    out = Value(add_duration(t, Duration{static_cast<int64_t>(delta)}));
  } else if (name == "IsZero")
    out = Value(t.seconds == -kZeroTimeToUnix && t.nanos == 0);
  else if (name == "String")
    out = Value(time_string(t));
  return true;
}

}  // namespace sluice::expr
