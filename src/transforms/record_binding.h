#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "config/pipeline.h"
#include "core/batch.h"
#include "expr/program.h"

namespace sluice::transforms {

// Where the names an expression reads come from in a batch: each top-level name is a field
// (column) of the step's input, or the parent of dotted fields (`user` for `user.age` and
// `user.name`: a map built from them), or absent (nil, as in GlassFlow's untyped runtime).
// `$env` is the map of every input field.
class RecordBinding {
 public:
  // `fields[i]` is the field held by batch column `first_column + i`.
  RecordBinding(const expr::Program& program, const std::vector<config::SchemaField>& fields,
                size_t first_column);

  // The run environment of `row`; `slots` and `env_map` are the caller's scratch storage.
  expr::Env bind(const Batch& batch, size_t row, std::vector<expr::Value>& slots,
                 expr::Value& env_map) const;

  // The batch column that program variable `variable` reads as it is (a field of that exact
  // name), or -1 (absent, or a map built from dotted fields).
  int64_t column_of(size_t variable) const;

 private:
  struct Leaf {
    std::vector<std::string> path;  // below the variable (empty: the variable itself)
    size_t column = 0;
  };
  // A map built from dotted fields (or the whole record for $env).
  static expr::Value nested(const Batch& batch, size_t row, const std::vector<Leaf>& leaves,
                            size_t depth);

  std::vector<std::vector<Leaf>> variables_;  // per program variable: its leaves
  std::vector<Leaf> everything_;              // for $env
  bool uses_env_map_ = false;
};

}  // namespace sluice::transforms
