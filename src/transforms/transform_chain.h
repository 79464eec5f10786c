#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"
#include "core/batch.h"
#include "expr/program.h"
#include "transforms/record_binding.h"

namespace sluice::transforms {

// The filter and stateless steps of one source, in transforms[] order (decisions.md), run on
// decoded batches before they reach the sink:
//   filter     keeps the rows where the expression is true; false drops the row (settled: its
//              offset is committed); an evaluation error or a non-bool result dead-letters it
//              (filter_failed) with the error;
//   stateless  computes each output from the row (untyped mode, GlassFlow's helper functions),
//              casts it by output_type, and makes the outputs the row's only fields; a failed
//              expression or cast dead-letters the row (transform_failed).
// Columns: the source's fields are batch columns 0..N-1; each stateless step appends its
// outputs as new columns after them, so a batch keeps the same column layout every time it is
// recycled. Not thread-safe (scratch buffers); one chain per thread.
class TransformChain {
 public:
  // Compiles the source's filter and stateless steps. Dedup steps are not run here.
  static Result<TransformChain> create(const config::Pipeline& pipeline,
                                       const config::KafkaSource& source);

  bool empty() const { return steps_.empty(); }
  // One entry per batch column after apply(): the fields of the last step's output under their
  // names; every other column's name is hidden (so a sink mapping by name finds the output).
  // Without steps: the source's schema_fields as they are.
  const std::vector<config::SchemaField>& column_fields() const { return column_fields_; }

  void apply(Batch& batch);

 private:
  struct Step {
    config::TransformType type;
    size_t first_column = 0;  // the step's input: columns [first_column, first_column + n)
    size_t num_columns = 0;
    size_t output_column = 0;  // stateless: where its outputs go
    std::vector<std::shared_ptr<const expr::Program>> programs;
    std::vector<RecordBinding> bindings;
    std::vector<std::string> output_types;  // stateless: output_type per output, lower case
    std::vector<std::string> output_names;
    // stateless: per output, the input column an expression that is just a field name passes
    // through (its cells are copied, no evaluation), or -1.
    std::vector<int64_t> pass_through;
  };
  // One computed output of a row: a copied cell, or a value to append.
  struct Output {
    bool is_cell = false;
    Cell cell;
    expr::Value value;
  };

  void run_filter(const Step& step, Batch& batch);
  void run_stateless(const Step& step, Batch& batch);
  // Drops the rows with keep[row] == 0 from every per-row array of the batch that has one entry
  // per row (columns of earlier steps' inputs, already shorter, are left alone).
  static void compact(Batch& batch, const std::vector<uint8_t>& keep);

  std::vector<Step> steps_;
  std::vector<config::SchemaField> column_fields_;
  std::vector<expr::Value> slots_;
  expr::Value env_map_;
  std::vector<Output> outputs_;
  std::vector<uint8_t> keep_;
};

}  // namespace sluice::transforms
