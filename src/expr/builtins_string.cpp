// String builtins: upper lower trim trimPrefix trimSuffix split splitAfter replace repeat
// indexOf lastIndexOf hasPrefix hasSuffix join.
#include "expr/builtin_support.h"
#include "expr/string_ops.h"
#include "expr/utf8.h"

namespace sluice::expr {
namespace {

using K = TypeKind;
using Args = std::span<const Value>;

bool strings(Args args, std::string& error) {
  for (const Value& v : args) {
    if (!need(v, Kind::String, error)) return false;
  }
  return true;
}

}  // namespace

void add_string_builtins(FunctionSet& set) {
  set.add({"upper",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "upper", error) || !strings(args, error)) return false;
             out = Value(utf8::upper(args[0].as_string()));
             return true;
           }});
  set.add({"lower",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "lower", error) || !strings(args, error)) return false;
             out = Value(utf8::lower(args[0].as_string()));
             return true;
           }});
  set.add({"trim",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String, K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 2, "trim", error) || !strings(args, error)) return false;
             out = Value(args.size() == 1 ? trim_space(args[0].as_string())
                                          : trim_chars(args[0].as_string(), args[1].as_string()));
             return true;
           }});
  set.add({"trimPrefix",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String, K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 2, "trimPrefix", error) || !strings(args, error))
               return false;
             std::string_view s = args[0].as_string();
             const std::string_view p =
                 args.size() == 2 ? std::string_view(args[1].as_string()) : std::string_view(" ");
             if (s.substr(0, p.size()) == p) s.remove_prefix(p.size());
             out = Value(s);
             return true;
           }});
  set.add({"trimSuffix",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String, K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 2, "trimSuffix", error) || !strings(args, error))
               return false;
             std::string_view s = args[0].as_string();
             const std::string_view p =
                 args.size() == 2 ? std::string_view(args[1].as_string()) : std::string_view(" ");
             if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p)
               s.remove_suffix(p.size());
             out = Value(s);
             return true;
           }});
  auto split_check = [](std::string_view n, std::span<const Type> a) {
    return typed_signature(n, a, {K::String, K::String, K::Int}, 2, Type::array_of(K::String));
  };
  set.add({"split", split_check, [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 3, "split", error) || !strings(args.first(2), error))
               return false;
             if (args.size() == 3 && !need(args[2], Kind::Int, error)) return false;
             out = Value(split_string(args[0].as_string(), args[1].as_string(),
                                      args.size() == 3 ? args[2].as_int() : -1, false));
             return true;
           }});
  set.add({"splitAfter", split_check, [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 3, "splitAfter", error) || !strings(args.first(2), error))
               return false;
             if (args.size() == 3 && !need(args[2], Kind::Int, error)) return false;
             out = Value(split_string(args[0].as_string(), args[1].as_string(),
                                      args.size() == 3 ? args[2].as_int() : -1, true));
             return true;
           }});
  set.add({"replace",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String, K::String, K::String, K::Int}, 3, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 3, 4, "replace", error) || !strings(args.first(3), error))
               return false;
             if (args.size() == 4 && !need(args[3], Kind::Int, error)) return false;
             out =
                 Value(replace_string(args[0].as_string(), args[1].as_string(), args[2].as_string(),
                                      args.size() == 4 ? args[3].as_int() : -1));
             return true;
           }});
  set.add({"repeat",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String, K::Int}, 2, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 2, "repeat", error) || !need(args[0], Kind::String, error) ||
                 !need(args[1], Kind::Int, error))
               return false;
             const int64_t n = args[1].as_int();
             if (n < 0) {
               error = "invalid argument for repeat (expected positive integer, got " +
                       std::to_string(n) + ")";
               return false;
             }
             const std::string& s = args[0].as_string();
             if (n > 1'000'000 ||
                 (s.size() > 0 && static_cast<uint64_t>(n) * s.size() > 1'000'000)) {
               error = "memory budget exceeded";
               return false;
             }
             std::string r;
             r.reserve(s.size() * static_cast<size_t>(n));
             for (int64_t i = 0; i < n; ++i) r += s;
             out = Value(std::move(r));
             return true;
           }});
  auto index_check = [](std::string_view n, std::span<const Type> a) {
    return typed_signature(n, a, {K::String, K::String}, 2, K::Int);
  };
  set.add({"indexOf", index_check, [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 2, "indexOf", error) || !strings(args, error)) return false;
             const size_t at = args[0].as_string().find(args[1].as_string());
             out = Value(at == std::string::npos ? int64_t{-1} : static_cast<int64_t>(at));
             return true;
           }});
  set.add({"lastIndexOf", index_check, [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 2, "lastIndexOf", error) || !strings(args, error))
               return false;
             const size_t at = args[0].as_string().rfind(args[1].as_string());
             out = Value(at == std::string::npos ? int64_t{-1} : static_cast<int64_t>(at));
             return true;
           }});
  auto bool_check = [](std::string_view n, std::span<const Type> a) {
    return typed_signature(n, a, {K::String, K::String}, 2, K::Bool);
  };
  set.add({"hasPrefix", bool_check, [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 2, "hasPrefix", error) || !strings(args, error)) return false;
             out = Value(args[0].as_string().starts_with(args[1].as_string()));
             return true;
           }});
  set.add({"hasSuffix", bool_check, [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 2, 2, "hasSuffix", error) || !strings(args, error)) return false;
             out = Value(args[0].as_string().ends_with(args[1].as_string()));
             return true;
           }});
  set.add({"join",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::Array, K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 2, "join", error) || !need(args[0], Kind::Array, error))
               return false;
             if (args.size() == 2 && !need(args[1], Kind::String, error)) return false;
             const std::string sep = args.size() == 2 ? args[1].as_string() : "";
             std::string r;
             bool first = true;
             for (const Value& item : args[0].as_array()) {
               if (!need(item, Kind::String, error)) return false;
               if (!first) r += sep;
               first = false;
               r += item.as_string();
             }
             out = Value(std::move(r));
             return true;
           }});
}

}  // namespace sluice::expr
