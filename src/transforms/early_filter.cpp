#include "transforms/early_filter.h"

#include "transforms/cell_values.h"

namespace sluice::transforms {

std::unique_ptr<EarlyFilter> EarlyFilter::create(std::shared_ptr<const expr::Program> program,
                                                 const std::vector<config::SchemaField>& fields) {
  bool plain = false;
  std::vector<int64_t> sources = CellPredicate::plain_fields(*program, fields, plain);
  if (!plain) return nullptr;
  return std::unique_ptr<EarlyFilter>(new EarlyFilter(std::move(program), std::move(sources)));
}

RowFilter::Verdict EarlyFilter::decide(std::span<const Cell> cells) {
  if (predicate_) {
    const CellPredicate::Outcome outcome = predicate_->decide(cells);
    if (outcome != CellPredicate::Outcome::Unknown)
      return outcome == CellPredicate::Outcome::False ? Verdict::Drop : Verdict::Keep;
  }
  static const Column kNoElements;  // no array cells reach here (create())
  slots_.resize(sources_.size());
  for (size_t v = 0; v < sources_.size(); ++v) {
    slots_[v] = sources_[v] < 0
                    ? expr::Value()
                    : value_of_cell(kNoElements, cells[static_cast<size_t>(sources_[v])]);
  }
  auto result = program_->run(expr::Env{slots_, nullptr});
  if (!result.ok() || result.value().kind() != expr::Kind::Bool) return Verdict::Undecided;
  return result.value().as_bool() ? Verdict::Keep : Verdict::Drop;
}

}  // namespace sluice::transforms
