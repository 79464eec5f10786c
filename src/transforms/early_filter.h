#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "config/pipeline.h"
#include "core/row_filter.h"
#include "expr/program.h"
#include "transforms/cell_predicate.h"

namespace sluice::transforms {

// A chain's first filter step, run again by the decoding thread on each record's cells before
// the record is stored (RowFilter): the records it drops, those for which the expression is
// false, cost no text copies, cells or retained message, which most of the work on a selective
// filter is. It keeps every other record: those for which it is true (Keep), and those whose
// evaluation fails or gives a non-bool (Undecided), which the chain's own filter step
// dead-letters exactly as before. A batch with no Undecided rows skips that step
// (Batch::prefilter). Owns its scratch values: one per decoding thread.
class EarlyFilter final : public RowFilter {
 public:
  // Null when the expression reads more than plain fields of `fields` (the source's schema,
  // cells indexed like it): $env, a parent of dotted fields, or an array field.
  static std::unique_ptr<EarlyFilter> create(std::shared_ptr<const expr::Program> program,
                                             const std::vector<config::SchemaField>& fields);

  Verdict decide(std::span<const Cell> cells) override;

 private:
  EarlyFilter(std::shared_ptr<const expr::Program> program, std::vector<int64_t> sources)
      : program_(std::move(program)),
        sources_(std::move(sources)),
        predicate_(CellPredicate::compile(*program_, sources_)) {}

  std::shared_ptr<const expr::Program> program_;
  std::vector<int64_t> sources_;              // per program variable: its field, or -1 (reads nil)
  std::unique_ptr<CellPredicate> predicate_;  // null: every record is evaluated
  std::vector<expr::Value> slots_;
};

}  // namespace sluice::transforms
