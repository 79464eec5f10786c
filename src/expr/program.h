#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "expr/ast.h"
#include "expr/expr_error.h"
#include "expr/function.h"
#include "expr/type.h"
#include "expr/value.h"

// The public API of the expression language (expr-lang, as GlassFlow uses it):
//
//   auto compiled = expr::compile("amount > 10 and status == 'paid'",
//                                 {.mode = expr::Mode::Typed, .env = {{"amount", Float}, ...}});
//   if (!compiled.ok()) report(compiled.error().formatted);
//   const expr::Program& program = *compiled.value();
//   // per record: fill one Value per program.variables() name (nil when missing)
//   auto result = program.run(expr::Env{slots});
//
// A Program is immutable once compiled; run() is const and may be called from several threads.
namespace sluice::expr {

// A value or an ExprError (compile or runtime).
template <typename T>
class Outcome {
 public:
  Outcome(T value) : data_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Outcome(ExprError error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const ExprError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, ExprError> data_;
};

enum class Mode {
  Untyped,  // U: any name is allowed and reads nil when the record lacks it
  Typed,    // T: only `env` names exist, with their static types
};

struct CompileOptions {
  Mode mode = Mode::Untyped;
  std::map<std::string, Type> env;         // Typed: top-level names and their types
  const FunctionSet* functions = nullptr;  // extra functions shadowing builtins (may be null)
};

// The values a run reads: `variables[i]` is the value of Program::variables()[i] (nil = missing;
// the span may be shorter, missing slots read nil); `env_map` is the whole record, needed only
// when Program::uses_env_map().
struct Env {
  std::span<const Value> variables;
  const Value* env_map = nullptr;
};

class Program {
 public:
  // Env names the expression reads, in slot order.
  const std::vector<std::string>& variables() const { return variables_; }
  bool uses_env_map() const { return uses_env_map_; }
  // The static type of the result (Unknown when it depends on data).
  const Type& result_type() const { return root_->type; }
  const std::string& source() const { return source_; }
  // The checked syntax tree, for callers that compile common shapes further (read-only).
  const Node& root() const { return *root_; }

  Outcome<Value> run(const Env& env) const;
  // Convenience for tests and one-off evaluation: looks the variables up in `record`.
  Outcome<Value> run(const Map& record) const;

 private:
  friend Outcome<std::shared_ptr<const Program>> compile(std::string_view source,
                                                         const CompileOptions& options);
  Program() = default;

  std::string source_;
  NodePtr root_;
  std::vector<std::string> variables_;
  size_t locals_ = 0;
  bool uses_env_map_ = false;
};

// Parses and type-checks `source`. Errors carry expr-lang's message and position.
Outcome<std::shared_ptr<const Program>> compile(std::string_view source,
                                                const CompileOptions& options = {});

// The static type a typed environment gives a value (what GlassFlow's zero-value env implies):
// arrays of unknown elements, maps with their keys' types.
Type type_of(const Value& value);

}  // namespace sluice::expr
