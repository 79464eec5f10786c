// Time, JSON and base64 builtins: now date duration toJSON fromJSON toBase64 fromBase64.
#include "base/base64.h"
#include "expr/builtin_support.h"
#include "expr/time_value.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

using K = TypeKind;
using Args = std::span<const Value>;

}  // namespace

void add_misc_builtins(FunctionSet& set) {
  set.add({"now",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {}, 0, K::Time);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 0, 0, "now", error)) return false;
             out = Value(time_now());
             return true;
           }});
  set.add({"duration",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String}, 1, K::Duration);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "duration", error) || !need(args[0], Kind::String, error))
               return false;
             auto d = parse_duration(args[0].as_string(), error);
             if (!d) return false;
             out = Value(*d);
             return true;
           }});
  set.add({"date",
           [](std::string_view, std::span<const Type> a) {
             Signature sig = count_signature(a, 1, 3, K::Time);
             for (size_t i = 0; sig.error.empty() && i < a.size(); ++i) {
               const bool ok = a[i].unknown() || a[i].is(K::String) || (i == 0 && a[i].is(K::Time));
               if (!ok) {
                 sig.error = "invalid argument for date (type " + type_name(a[i]) + ")";
                 sig.bad_arg = static_cast<int>(i);
               }
             }
             return sig;
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 3, "date", error)) return false;
             if (args[0].kind() == Kind::Time && args.size() == 1) {
               out = args[0];
               return true;
             }
             for (const Value& v : args) {
               if (!need(v, Kind::String, error)) return false;
             }
             if (args.size() == 3 && args[2].as_string() != "UTC") {
               error = "unknown time zone " + args[2].as_string();
               return false;
             }
             const std::string_view layout =
                 args.size() >= 2 ? std::string_view(args[1].as_string()) : std::string_view();
             auto t = parse_date(args[0].as_string(), layout, error);
             if (!t) return false;
             out = Value(*t);
             return true;
           }});
  set.add({"toJSON",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::Unknown}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "toJSON", error)) return false;
             std::string text;
             if (!to_json(args[0], text, error)) return false;
             out = Value(std::move(text));
             return true;
           }});
  set.add({"fromJSON",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String}, 1, Type());
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "fromJSON", error) || !need(args[0], Kind::String, error))
               return false;
             auto v = from_json(args[0].as_string(), error);
             if (!v) return false;
             out = std::move(*v);
             return true;
           }});
  set.add({"toBase64",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "toBase64", error) || !need(args[0], Kind::String, error))
               return false;
             out = Value(base64_encode(args[0].as_string()));
             return true;
           }});
  set.add({"fromBase64",
           [](std::string_view n, std::span<const Type> a) {
             return typed_signature(n, a, {K::String}, 1, K::String);
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "fromBase64", error) ||
                 !need(args[0], Kind::String, error))
               return false;
             std::string decoded;
             if (!base64_decode(args[0].as_string(), decoded)) {
               error = "illegal base64 data at input byte 0";
               return false;
             }
             out = Value(std::move(decoded));
             return true;
           }});
}

}  // namespace sluice::expr
