#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"
#include "core/batch.h"
#include "expr/number_program.h"
#include "expr/program.h"
#include "expr/text_program.h"
#include "state/state_store.h"
#include "transforms/dedup_transform.h"
#include "transforms/early_filter.h"
#include "transforms/record_binding.h"

namespace sluice::transforms {

// The steps of one source, in transforms[] order (decisions.md), run on decoded batches before
// they reach the sink:
//   dedup      drops rows whose key was seen within the window (DedupTransform, which also says
//              what state it keeps); a missing or null key dead-letters the row;
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
  struct Options {
    // false: dedup steps are left out (`sluice dlq replay`: those records passed dedup once).
    bool dedup = true;
    // Processing time in ms since the epoch, read once per batch; default: the system clock.
    std::function<int64_t()> now_ms;
  };

  // Compiles the steps whose source_id is this source's, in transforms[] order.
  static Result<TransformChain> create(const config::Pipeline& pipeline,
                                       const config::KafkaSource& source, Options options);
  static Result<TransformChain> create(const config::Pipeline& pipeline,
                                       const config::KafkaSource& source) {
    return create(pipeline, source, Options{});
  }

  bool empty() const { return steps_.empty(); }
  // Whether a step keeps state across batches (dedup): then the settling thread checkpoints
  // it after each batch, and it is restored at start-up.
  bool stateful() const { return !dedups_.empty(); }
  // Loads every step's state (start-up, before the first batch).
  Status restore(const state::StateStore& store);
  // Adds every step's state changes since the last checkpoint (after the batch is settled).
  void checkpoint(state::Checkpoint& checkpoint);
  // Rows dropped as duplicates so far, and dedup keys loaded by restore().
  uint64_t duplicates() const;
  size_t restored_keys() const;
  // One entry per batch column after apply(): the fields of the last step's output under their
  // names; every other column's name is hidden (so a sink mapping by name finds the output).
  // Without steps: the source's schema_fields as they are.
  const std::vector<config::SchemaField>& column_fields() const { return column_fields_; }

  void apply(Batch& batch);

  // When the chain starts with a filter on plain source fields: that filter for the decoding
  // thread (EarlyFilter; its own scratch, so usable beside apply() on another thread), else
  // null. Lives as long as the chain.
  RowFilter* early_filter() const { return early_filter_.get(); }

 private:
  struct Step {
    config::TransformType type;
    DedupTransform* dedup = nullptr;  // dedup: the step's state (in dedups_)
    size_t key_column = 0;            // dedup: the key's column
    size_t first_column = 0;          // the step's input: columns [first_column, first_column + n)
    size_t num_columns = 0;
    size_t output_column = 0;  // stateless: where its outputs go
    std::vector<std::shared_ptr<const expr::Program>> programs;
    std::vector<RecordBinding> bindings;
    std::vector<std::string> output_types;  // stateless: output_type per output, lower case
    std::vector<std::string> output_names;
    // stateless: per output, the input column an expression that is just a field name passes
    // through (its cells are copied, no evaluation), or -1.
    std::vector<int64_t> pass_through;
    // stateless: per output, the cell kinds such a pass-through copies (bit n: ValueKind n);
    // a cell of another kind is evaluated and cast.
    std::vector<uint32_t> copy_kinds;
    // stateless: per output with a pass-through, whether no later output of the step reads that
    // input column, so that the column itself can become the output (run_stateless).
    std::vector<uint8_t> moves;
    // stateless: per output, the number kinds (bit n: ValueKind n) a NumberProgram result of
    // that kind keeps under the output's cast, so it becomes its cell as it is.
    std::vector<uint32_t> number_kinds;
    // stateless: per output, the expression compiled for text views (null: not one of its
    // shapes, or not a string output) or for numbers, and the columns its variables read.
    std::vector<std::unique_ptr<expr::TextProgram>> texts;
    std::vector<std::unique_ptr<expr::NumberProgram>> numbers;
    std::vector<std::vector<size_t>> plain_columns;
    // filter: the expression compiled to cell tests (may be null), and the input fields it
    // reads (indices from first_column).
    std::shared_ptr<const CellPredicate> predicate;
    std::vector<size_t> predicate_fields;
  };
  // One computed output of a row: a copied cell, a text to copy, or a value to append.
  struct Output {
    enum class Source { Cell, Text, Value } source = Source::Value;
    Cell cell;
    std::string_view text;
    expr::Value value;
  };

  void run_dedup(const Step& step, Batch& batch, int64_t now_ms);
  void run_filter(const Step& step, Batch& batch);
  void run_stateless(const Step& step, Batch& batch);
  // Output k of `row` by its TextProgram / NumberProgram; false when it has none or it cannot
  // give the row's output (then the Program runs, for the exact result or message).
  bool run_text(const Step& step, size_t k, const Batch& batch, size_t row, Output& out);
  bool run_number(const Step& step, size_t k, const Batch& batch, size_t row, Output& out);

  std::vector<Step> steps_;
  std::vector<std::unique_ptr<DedupTransform>> dedups_;
  std::function<int64_t()> now_ms_;
  std::vector<config::SchemaField> column_fields_;
  std::vector<expr::Value> slots_;
  expr::Value env_map_;
  std::vector<std::pair<size_t, std::string>> failures_;  // a stateless step's failed rows
  std::vector<std::string_view> views_;                   // one row's variables, for a TextProgram
  std::vector<double> numbers_;                           // ... for a NumberProgram
  std::vector<uint8_t> keep_;
  std::vector<Cell> cells_;  // one row's input cells, for a step's predicate
  std::unique_ptr<EarlyFilter> early_filter_;
};

}  // namespace sluice::transforms
