// Array and map builtins: first last get keys values toPairs fromPairs reverse uniq concat
// flatten take sort.
#include <algorithm>

#include "expr/builtin_support.h"
#include "expr/operators.h"

namespace sluice::expr {
namespace {

using K = TypeKind;
using Args = std::span<const Value>;

Signature array_arg(std::string_view name, std::span<const Type> a, size_t min, size_t max,
                    Type result) {
  Signature sig = count_signature(a, min, max, std::move(result));
  if (sig.error.empty() && !a[0].unknown() && !a[0].is(K::Array)) {
    sig.error = "invalid argument for " + std::string(name) + " (type " + type_name(a[0]) + ")";
    sig.bad_arg = 0;
  }
  return sig;
}

Signature map_arg(std::string_view name, std::span<const Type> a, Type result) {
  Signature sig = count_signature(a, 1, 1, std::move(result));
  if (sig.error.empty() && !a[0].unknown() && !a[0].is(K::Map)) {
    sig.error = "invalid argument for " + std::string(name) + " (type " + type_name(a[0]) + ")";
    sig.bad_arg = 0;
  }
  return sig;
}

bool array_value(Args args, size_t min, size_t max, std::string_view name, std::string& error) {
  if (!need_count(args, min, max, name, error)) return false;
  if (args[0].kind() == Kind::Array) return true;
  error = "invalid argument for " + std::string(name) + " (type " +
          std::string(go_type_name(args[0])) + ")";
  return false;
}

void flatten_into(const Array& in, Array& out) {
  for (const Value& v : in) {
    if (v.kind() == Kind::Array) {
      flatten_into(v.as_array(), out);
    } else {
      out.push_back(v);
    }
  }
}

}  // namespace

void add_collection_builtins(FunctionSet& set) {
  set.add({"first",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 1, 1, a.empty() ? Type() : a[0].element());
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 1, 1, "first", error)) return false;
             const Array& a = args[0].as_array();
             out = a.empty() ? Value() : a.front();
             return true;
           }});
  set.add({"last",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 1, 1, a.empty() ? Type() : a[0].element());
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 1, 1, "last", error)) return false;
             const Array& a = args[0].as_array();
             out = a.empty() ? Value() : a.back();
             return true;
           }});
  set.add(
      {"get",
       [](std::string_view, std::span<const Type> a) { return count_signature(a, 2, 2, Type()); },
       [](Args args, Value& out, std::string& error) {
         if (!need_count(args, 2, 2, "get", error)) return false;
         out = Value();
         if (args[0].kind() == Kind::Array && args[1].is_number()) {
           const Array& a = args[0].as_array();
           int64_t i = args[1].kind() == Kind::Int ? args[1].as_int()
                                                   : static_cast<int64_t>(args[1].as_float());
           if (i < 0) i += static_cast<int64_t>(a.size());
           if (i >= 0 && i < static_cast<int64_t>(a.size())) out = a[static_cast<size_t>(i)];
         } else if (args[0].kind() == Kind::Map && args[1].kind() == Kind::String) {
           const Map& m = args[0].as_map();
           auto it = m.find(args[1].as_string());
           if (it != m.end()) out = it->second;
         }
         return true;
       }});
  set.add({"keys",
           [](std::string_view n, std::span<const Type> a) {
             return map_arg(n, a, Type::array_of(K::String));
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "keys", error) || !need(args[0], Kind::Map, error))
               return false;
             Array keys;
             for (const auto& [key, item] : args[0].as_map()) keys.emplace_back(key);
             out = Value(std::move(keys));
             return true;
           }});
  set.add({"values",
           [](std::string_view n, std::span<const Type> a) {
             return map_arg(n, a, Type::array_of(Type()));
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "values", error) || !need(args[0], Kind::Map, error))
               return false;
             Array values;
             for (const auto& [key, item] : args[0].as_map()) values.push_back(item);
             out = Value(std::move(values));
             return true;
           }});
  set.add({"toPairs",
           [](std::string_view n, std::span<const Type> a) {
             return map_arg(n, a, Type::array_of(Type()));
           },
           [](Args args, Value& out, std::string& error) {
             if (!need_count(args, 1, 1, "toPairs", error) || !need(args[0], Kind::Map, error))
               return false;
             Array pairs;
             for (const auto& [key, item] : args[0].as_map()) pairs.emplace_back(Array{key, item});
             out = Value(std::move(pairs));
             return true;
           }});
  set.add({"fromPairs",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 1, 1, Type::map_of({}));
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 1, 1, "fromPairs", error)) return false;
             Map m;
             for (const Value& pair : args[0].as_array()) {
               if (pair.kind() != Kind::Array || pair.as_array().size() != 2 ||
                   pair.as_array()[0].kind() != Kind::String) {
                 error = "invalid pair " + std::string(go_type_name(pair));
                 return false;
               }
               m.emplace(pair.as_array()[0].as_string(), pair.as_array()[1]);
             }
             out = Value(std::move(m));
             return true;
           }});
  set.add({"reverse",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 1, 1, a.empty() ? Type() : a[0]);
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 1, 1, "reverse", error)) return false;
             Array r(args[0].as_array().rbegin(), args[0].as_array().rend());
             out = Value(std::move(r));
             return true;
           }});
  set.add(
      {"uniq",
       [](std::string_view n, std::span<const Type> a) {
         return array_arg(n, a, 1, 1, a.empty() ? Type() : a[0]);
       },
       [](Args args, Value& out, std::string& error) {
         if (!array_value(args, 1, 1, "uniq", error)) return false;
         Array r;
         for (const Value& v : args[0].as_array()) {
           if (std::none_of(r.begin(), r.end(), [&](const Value& seen) { return equal(seen, v); }))
             r.push_back(v);
         }
         out = Value(std::move(r));
         return true;
       }});
  set.add({"concat",
           [](std::string_view, std::span<const Type> a) {
             Signature sig;
             for (size_t i = 0; i < a.size(); ++i) {
               if (!a[i].unknown() && !a[i].is(K::Array)) {
                 sig.error = "cannot concat " + type_name(a[i]);
                 sig.bad_arg = static_cast<int>(i);
                 return sig;
               }
             }
             if (a.empty()) sig.error = "not enough arguments to call concat";
             sig.result = Type::array_of(Type());
             return sig;
           },
           [](Args args, Value& out, std::string& error) {
             Array r;
             for (const Value& v : args) {
               if (v.kind() != Kind::Array) {
                 error = "cannot concat " + std::string(go_type_name(v));
                 return false;
               }
               r.insert(r.end(), v.as_array().begin(), v.as_array().end());
             }
             out = Value(std::move(r));
             return true;
           }});
  set.add({"flatten",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 1, 1, Type::array_of(Type()));
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 1, 1, "flatten", error)) return false;
             Array r;
             flatten_into(args[0].as_array(), r);
             out = Value(std::move(r));
             return true;
           }});
  set.add({"take",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 2, 2, a.empty() ? Type() : a[0]);
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 2, 2, "take", error) || !need(args[1], Kind::Int, error))
               return false;
             const int64_t n = args[1].as_int();
             if (n < 0) {
               error = "cannot take negative number of elements";
               return false;
             }
             const Array& a = args[0].as_array();
             const size_t count = std::min(a.size(), static_cast<size_t>(n));
             out = Value(Array(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(count)));
             return true;
           }});
  set.add({"sort",
           [](std::string_view n, std::span<const Type> a) {
             return array_arg(n, a, 1, 2, a.empty() ? Type() : a[0]);
           },
           [](Args args, Value& out, std::string& error) {
             if (!array_value(args, 1, 2, "sort", error)) return false;
             bool descending = false;
             if (args.size() == 2) {
               if (args[1].kind() != Kind::String ||
                   (args[1].as_string() != "asc" && args[1].as_string() != "desc")) {
                 error = "unknown order, use asc or desc";
                 return false;
               }
               descending = args[1].as_string() == "desc";
             }
             Array r = args[0].as_array();
             bool failed = false;
             std::stable_sort(r.begin(), r.end(), [&](const Value& x, const Value& y) {
               bool less = false;
               if (failed) return false;
               if (!ordering("<", descending ? y : x, descending ? x : y, less, error)) {
                 failed = true;
               }
               return less;
             });
             if (failed) return false;
             out = Value(std::move(r));
             return true;
           }});
}

}  // namespace sluice::expr
