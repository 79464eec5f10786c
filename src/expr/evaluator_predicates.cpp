// The predicate builtins: all any none one filter map count find findIndex findLast
// findLastIndex sum sortBy reduce. `#` is the element, `#index` its index, `#acc` the
// accumulator of reduce.
#include <algorithm>

#include "expr/builtin_support.h"
#include "expr/evaluator.h"
#include "expr/operators.h"

namespace sluice::expr {

bool Evaluator::predicate_call(const Node& node, Value& out) {
  const std::string& name = node.name;
  Value collection;
  if (!eval(*node.kids[0], collection)) return false;
  if (collection.kind() != Kind::Array) {
    return fail(node, "builtin " + name + " takes only array (got " +
                          std::string(go_type_name(collection)) + ")");
  }
  const Array& items = collection.as_array();
  const Node* predicate = node.kids.size() >= 2 ? node.kids[1].get() : nullptr;
  Value acc;
  scopes_.push_back({nullptr, 0, &acc});
  struct PopScope {
    std::vector<Scope>& scopes;
    ~PopScope() { scopes.pop_back(); }
  } pop{scopes_};

  // Evaluates the predicate (or takes the element itself) for item i.
  auto apply = [&](size_t i, Value& result) {
    scopes_.back().element = &items[i];
    scopes_.back().index = static_cast<int64_t>(i);
    if (predicate == nullptr) {
      result = items[i];
      return true;
    }
    return eval(*predicate, result);
  };
  auto test = [&](size_t i, bool& result) {
    Value v;
    if (!apply(i, v)) return false;
    if (v.kind() != Kind::Bool) return fail(node, conversion_error(v, "bool"));
    result = v.as_bool();
    return true;
  };

  if (name == "all" || name == "any" || name == "none" || name == "one" || name == "count") {
    int64_t hits = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      bool hit = false;
      if (!test(i, hit)) return false;
      if (name == "all" && !hit) {
        out = Value(false);
        return true;
      }
      if ((name == "any" || name == "none") && hit) {
        out = Value(name == "any");
        return true;
      }
      if (hit) ++hits;
    }
    if (name == "all" || name == "none")
      out = Value(true);
    else if (name == "any")
      out = Value(false);
    else if (name == "one")
      out = Value(hits == 1);
    else
      out = Value(hits);
    return true;
  }
  if (name == "filter" || name == "map") {
    Array result;
    for (size_t i = 0; i < items.size(); ++i) {
      if (name == "map") {
        Value v;
        if (!apply(i, v)) return false;
        result.push_back(std::move(v));
        continue;
      }
      bool keep = false;
      if (!test(i, keep)) return false;
      if (keep) result.push_back(items[i]);
    }
    out = Value(std::move(result));
    return true;
  }
  if (name == "find" || name == "findIndex" || name == "findLast" || name == "findLastIndex") {
    const bool backwards = name == "findLast" || name == "findLastIndex";
    const bool want_index = name == "findIndex" || name == "findLastIndex";
    out = Value();
    for (size_t k = 0; k < items.size(); ++k) {
      const size_t i = backwards ? items.size() - 1 - k : k;
      bool hit = false;
      if (!test(i, hit)) return false;
      if (hit) {
        out = want_index ? Value(static_cast<int64_t>(i)) : items[i];
        return true;
      }
    }
    return true;
  }
  if (name == "sum") {
    Value total(int64_t{0});
    for (size_t i = 0; i < items.size(); ++i) {
      Value v;
      if (!apply(i, v)) return false;
      Value next;
      std::string error;
      if (!arithmetic("+", total, v, next, error)) return fail(node, std::move(error));
      total = std::move(next);
    }
    out = std::move(total);
    return true;
  }
  if (name == "sortBy") {
    bool descending = false;
    if (node.kids.size() == 3) {
      Value order;
      if (!eval(*node.kids[2], order)) return false;
      if (order.kind() != Kind::String ||
          (order.as_string() != "asc" && order.as_string() != "desc")) {
        return fail(node, "unknown order, use asc or desc");
      }
      descending = order.as_string() == "desc";
    }
    std::vector<std::pair<Value, size_t>> keyed;
    for (size_t i = 0; i < items.size(); ++i) {
      Value key;
      if (!apply(i, key)) return false;
      keyed.emplace_back(std::move(key), i);
    }
    std::string error;
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
      bool less = false;
      if (!error.empty()) return false;
      ordering("<", descending ? y.first : x.first, descending ? x.first : y.first, less, error);
      return less;
    });
    if (!error.empty()) return fail(node, std::move(error));
    Array result;
    for (const auto& entry : keyed) result.push_back(items[entry.second]);
    out = Value(std::move(result));
    return true;
  }
  if (name == "reduce") {
    size_t start = 0;
    if (node.kids.size() == 3) {
      if (!eval(*node.kids[2], acc)) return false;
    } else {
      if (items.empty()) return fail(node, "reduce of empty array with no initial value");
      acc = items[0];
      start = 1;
    }
    for (size_t i = start; i < items.size(); ++i) {
      Value next;
      if (!apply(i, next)) return false;
      acc = std::move(next);
    }
    out = acc;
    return true;
  }
  return fail(node, "builtin " + name + " is not supported");
}

}  // namespace sluice::expr
