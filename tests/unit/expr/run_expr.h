#pragma once

// Test helper: compiles and runs one expression and renders the outcome as text:
// the value's repr, or "CE: message" / "RE: message".
#include <string>

#include "expr/glassflow_functions.h"
#include "expr/program.h"
#include "expr/value_format.h"
#include "value_repr.h"

namespace sluice::expr::testing {

struct RunOptions {
  std::string record_json = "{}";  // the record (numbers are floats)
  bool typed = false;              // mode T with types from the record's values
  bool helpers = false;            // register the GlassFlow helpers
};

inline std::string run_expr(const std::string& source, const RunOptions& opts = {}) {
  std::string error;
  auto record = from_json(opts.record_json, error);
  if (!record) return "bad test record: " + error;
  CompileOptions options;
  if (opts.typed) {
    options.mode = Mode::Typed;
    for (const auto& [name, value] : record->as_map()) options.env.emplace(name, type_of(value));
  }
  if (opts.helpers) options.functions = &glassflow_functions();
  auto compiled = compile(source, options);
  if (!compiled.ok()) return "CE: " + compiled.error().message;
  auto result = compiled.value()->run(record->as_map());
  if (!result.ok()) return "RE: " + result.error().message;
  return repr(result.value());
}

inline std::string run_typed(const std::string& source, const std::string& record_json) {
  return run_expr(source, {record_json, true, false});
}

inline std::string run_helpers(const std::string& source, const std::string& record_json = "{}") {
  return run_expr(source, {record_json, false, true});
}

}  // namespace sluice::expr::testing
