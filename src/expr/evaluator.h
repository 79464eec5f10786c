#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "expr/ast.h"
#include "expr/value.h"

// Walks a checked tree once. Bad data never throws: a failing node leaves its message and
// position and every caller returns false. One Evaluator per run (not thread-safe; cheap).
namespace sluice::expr {

class Evaluator {
 public:
  Evaluator(std::span<const Value> variables, const Value* env_map, size_t locals);

  bool eval(const Node& node, Value& out);

  const std::string& error() const { return error_; }
  size_t error_pos() const { return error_pos_; }

 private:
  struct Scope {
    const Value* element;
    int64_t index;
    Value* acc;
  };

  bool fail(const Node& node, std::string message);
  bool unary(const Node& node, Value& out);
  bool binary(const Node& node, Value& out);
  bool in_string_set(const Node& node, const Value& needle, const Value& set, Value& out);
  bool in(const Node& node, const Value& needle, const Value& haystack, Value& out);
  bool string_test(const Node& node, const Value& left, const Value& right, Value& out);
  bool range(const Node& node, const Value& from, const Value& to, Value& out);
  bool condition(const Node& node, const Value& v, bool& out);
  bool compare_chain(const Node& node, Value& out);
  bool member(const Node& node, Value& out);
  bool index(const Node& node, Value& out);
  bool slice(const Node& node, Value& out);
  bool call(const Node& node, Value& out);
  bool predicate_call(const Node& node, Value& out);
  bool method(const Node& node, Value& out);
  bool map_literal(const Node& node, Value& out);

  std::span<const Value> variables_;
  const Value* env_map_;
  std::vector<Value> locals_;
  std::vector<Scope> scopes_;
  bool chain_nil_ = false;  // a `?.` met nil: the rest of the chain yields nil
  std::string error_;
  size_t error_pos_ = 0;
};

}  // namespace sluice::expr
