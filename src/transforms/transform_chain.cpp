#include "transforms/transform_chain.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "base/text.h"
#include "base/wall_clock.h"
#include "expr/glassflow_functions.h"
#include "expr/value_format.h"
#include "transforms/cell_values.h"
#include "transforms/column_fields.h"
#include "transforms/compact_rows.h"
#include "transforms/output_conversion.h"

namespace sluice::transforms {
namespace {

Result<std::shared_ptr<const expr::Program>> compile_runtime(const std::string& source,
                                                             const expr::FunctionSet* functions,
                                                             const std::string& where) {
  expr::CompileOptions options;
  options.mode = expr::Mode::Untyped;  // as GlassFlow runs them: missing fields read nil
  options.functions = functions;
  auto compiled = expr::compile(source, options);
  if (!compiled.ok())
    return Error(ErrorCode::ConfigInvalid, where + ": " + compiled.error().short_text());
  return std::move(compiled).value();
}

// The column an expression that is only a field's name reads, or -1.
int64_t pass_through_column(const expr::Program& program,
                            const std::vector<config::SchemaField>& fields, size_t first) {
  if (program.variables().size() != 1 || program.uses_env_map()) return -1;
  const std::string& name = program.variables()[0];
  if (trim(program.source()) != name) return -1;
  const int64_t i = field_named(fields, name);
  return i < 0 ? -1 : static_cast<int64_t>(first) + i;
}

// The columns of the program's variables when each is a plain field (not absent, not a map
// built from dotted fields), for its TextProgram or NumberProgram.
bool plain_columns(const expr::Program& program, const RecordBinding& binding,
                   std::vector<size_t>& columns) {
  for (size_t v = 0; v < program.variables().size(); ++v) {
    const int64_t column = binding.column_of(v);
    if (column < 0) return false;
    columns.push_back(static_cast<size_t>(column));
  }
  return true;
}

// The cell kinds for which copying a cell gives what evaluating and casting it by `type` would
// (bit n: ValueKind n): the cast must not change it, and arrays (whose elements live in the
// input column) are not copied. Worked out once per output, not per row.
uint32_t kinds_copied_as_is(const std::string& type) {
  const bool uncast = !is_cast_type(type);
  uint32_t kinds = 0;
  auto add = [&](ValueKind kind, const char* own_type) {
    if (uncast || type == own_type) kinds |= kind_bit(kind);
  };
  add(ValueKind::String, "string");
  add(ValueKind::Bool, "bool");
  add(ValueKind::Float, "float64");
  return kinds;
}

// The number kinds (bit n: ValueKind n) that a result of that kind keeps when cast by `type`, so
// that it becomes its cell as it is: an int for int/int64, a float for float64.
uint32_t numbers_kept_by(const std::string& type) {
  if (type == "int" || type == "int64") return kind_bit(ValueKind::Int);
  if (type == "float64") return kind_bit(ValueKind::Float);
  return 0;
}

// Where a dedup step's entries live in the state store: by source and key (not by position in
// transforms[], so editing other steps keeps the state). Lengths keep any names apart.
std::string dedup_state_prefix(const std::string& source_id, const std::string& key) {
  return "d/" + std::to_string(source_id.size()) + ":" + source_id + "/" +
         std::to_string(key.size()) + ":" + key + "/";
}

// Whether every cell of `column` is of a kind in `kinds` (bit n: ValueKind n).
bool all_kinds_in(const Column& column, uint32_t kinds) {
  uint32_t present = 0;
  for (const Cell& cell : column.cells) present |= kind_bit(cell.kind);
  return (present & ~kinds) == 0;
}

// Per output: 1 if it passes an input column through and no later output reads that column
// (each later output's variables must all be plain columns, none of them that one).
std::vector<uint8_t> movable_pass_throughs(const std::vector<int64_t>& pass_through,
                                           const std::vector<std::vector<size_t>>& columns_read,
                                           const std::vector<bool>& plain) {
  std::vector<uint8_t> moves(pass_through.size(), 0);
  for (size_t k = 0; k < pass_through.size(); ++k) {
    if (pass_through[k] < 0) continue;
    const auto column = static_cast<size_t>(pass_through[k]);
    bool read_later = false;
    for (size_t later = k + 1; later < pass_through.size(); ++later) {
      const auto& read = columns_read[later];
      read_later =
          read_later || !plain[later] || std::find(read.begin(), read.end(), column) != read.end();
    }
    moves[k] = read_later ? 0 : 1;
  }
  return moves;
}

}  // namespace

Result<TransformChain> TransformChain::create(const config::Pipeline& pipeline,
                                              const config::KafkaSource& source, Options options) {
  TransformChain chain;
  chain.now_ms_ = options.now_ms ? std::move(options.now_ms) : system_now_ms;
  std::vector<config::SchemaField> fields = source.schema_fields;  // the current step's input
  size_t first = 0;
  std::vector<config::SchemaField> columns = source.schema_fields;
  for (size_t i = 0; i < pipeline.transforms.size(); ++i) {
    const config::Transform& t = pipeline.transforms[i];
    if (t.source_id != source.source_id) continue;  // the other source's (a join's other side)
    if (t.type == config::TransformType::Dedup && !options.dedup) continue;
    const std::string where = "transforms[" + std::to_string(i) + "]";
    Step step;
    step.type = t.type;
    step.first_column = first;
    step.num_columns = fields.size();
    if (t.type == config::TransformType::Dedup) {
      const int64_t k = field_named(fields, t.dedup.key);
      if (k < 0)
        return Error(ErrorCode::ConfigInvalid,
                     where + ".config.key: \"" + t.dedup.key +
                         "\" is not an output of the stateless step before this dedup step; "
                         "move the dedup step first or add the field to the outputs");
      step.key_column = first + static_cast<size_t>(k);
      chain.dedups_.push_back(std::make_unique<DedupTransform>(
          dedup_state_prefix(source.source_id, t.dedup.key), t.dedup.time_window));
      step.dedup = chain.dedups_.back().get();
    } else if (t.type == config::TransformType::Filter) {
      auto program = compile_runtime(t.filter.expression, nullptr, where);
      if (!program.ok()) return program.error();
      step.bindings.emplace_back(**program, fields, first);
      if (chain.steps_.empty()) chain.early_filter_ = EarlyFilter::create(*program, fields);
      bool plain = false;
      const std::vector<int64_t> sources = CellPredicate::plain_fields(**program, fields, plain);
      if (plain) step.predicate = CellPredicate::compile(**program, sources);
      for (int64_t f : sources) {
        if (f >= 0) step.predicate_fields.push_back(static_cast<size_t>(f));
      }
      step.programs.push_back(std::move(program).value());
    } else {
      step.output_column = columns.size();
      std::vector<config::SchemaField> outputs;
      std::vector<bool> plain_outputs;  // per output: its variables are all plain columns
      for (size_t k = 0; k < t.stateless.transforms.size(); ++k) {
        const config::StatelessOutput& o = t.stateless.transforms[k];
        auto program = compile_runtime(o.expression, &expr::glassflow_functions(),
                                       where + ".config.transforms[" + std::to_string(k) + "]");
        if (!program.ok()) return program.error();
        step.bindings.emplace_back(**program, fields, first);
        step.pass_through.push_back(pass_through_column(**program, fields, first));
        step.output_types.push_back(to_lower(o.declared_output_type));
        step.copy_kinds.push_back(kinds_copied_as_is(step.output_types.back()));
        step.number_kinds.push_back(numbers_kept_by(step.output_types.back()));
        // A string result needs no cast: a TextProgram's view is the output as it is.
        const std::string& type = step.output_types.back();
        step.plain_columns.emplace_back();
        const bool plain =
            plain_columns(**program, step.bindings.back(), step.plain_columns.back());
        plain_outputs.push_back(plain);
        step.texts.push_back(plain && (type == "string" || !is_cast_type(type))
                                 ? expr::TextProgram::compile(**program)
                                 : nullptr);
        step.numbers.push_back(plain && !step.texts.back() ? expr::NumberProgram::compile(**program)
                                                           : nullptr);
        step.programs.push_back(std::move(program).value());
        step.output_names.push_back(o.output_name);
        outputs.push_back(
            config::SchemaField{o.output_name, o.output_type, o.declared_output_type});
      }
      step.moves = movable_pass_throughs(step.pass_through, step.plain_columns, plain_outputs);
      columns.insert(columns.end(), outputs.begin(), outputs.end());
      first = step.output_column;
      fields = std::move(outputs);
    }
    chain.steps_.push_back(std::move(step));
  }
  for (size_t c = 0; c < columns.size(); ++c)
    chain.column_fields_.push_back(c >= first ? columns[c] : hidden_field(columns[c]));
  return chain;
}

void TransformChain::apply(Batch& batch) {
  if (batch.columns.size() < column_fields_.size()) batch.columns.resize(column_fields_.size());
  const int64_t now_ms = dedups_.empty() ? 0 : now_ms_();
  for (const Step& step : steps_) {
    if (batch.rows() == 0) return;
    // The decoder ran this filter (early_filter_) and kept each row as true: nothing to redo.
    if (&step == &steps_.front() && early_filter_ && batch.prefilter == Batch::Prefilter::AllKept)
      continue;
    switch (step.type) {
      case config::TransformType::Dedup:
        run_dedup(step, batch, now_ms);
        break;
      case config::TransformType::Filter:
        run_filter(step, batch);
        break;
      case config::TransformType::Stateless:
        run_stateless(step, batch);
        break;
    }
  }
}

Status TransformChain::restore(const state::StateStore& store) {
  const int64_t now_ms = now_ms_();
  for (auto& dedup : dedups_) SLUICE_RETURN_IF_ERROR(dedup->restore(store, now_ms));
  return Status::success();
}

void TransformChain::checkpoint(state::Checkpoint& checkpoint) {
  if (dedups_.empty()) return;
  const int64_t now_ms = now_ms_();
  for (auto& dedup : dedups_) dedup->checkpoint(checkpoint, now_ms);
}

uint64_t TransformChain::duplicates() const {
  uint64_t n = 0;
  for (const auto& dedup : dedups_) n += dedup->duplicates();
  return n;
}

size_t TransformChain::restored_keys() const {
  size_t n = 0;
  for (const auto& dedup : dedups_) n += dedup->restored_keys();
  return n;
}

void TransformChain::run_dedup(const Step& step, Batch& batch, int64_t now_ms) {
  keep_.assign(batch.rows(), 1);
  step.dedup->apply(batch, step.key_column, now_ms, keep_);
  compact_rows(batch, keep_);
}

void TransformChain::run_filter(const Step& step, Batch& batch) {
  const expr::Program& program = *step.programs[0];
  const size_t rows = batch.rows();
  keep_.assign(rows, 1);
  const CellPredicate* predicate = step.predicate.get();
  cells_.assign(step.num_columns, Cell::missing());
  for (size_t row = 0; row < rows; ++row) {
    if (predicate != nullptr) {
      for (size_t f : step.predicate_fields)
        cells_[f] = batch.columns[step.first_column + f].cells[row];
      const CellPredicate::Outcome outcome = predicate->decide(cells_);
      if (outcome != CellPredicate::Outcome::Unknown) {
        keep_[row] = outcome == CellPredicate::Outcome::True ? 1 : 0;
        continue;
      }
    }
    auto result = program.run(step.bindings[0].bind(batch, row, slots_, env_map_));
    if (result.ok() && result.value().kind() == expr::Kind::Bool) {
      keep_[row] = result.value().as_bool() ? 1 : 0;
      continue;
    }
    keep_[row] = 0;
    std::string detail = result.ok() ? "filter evaluation error: the expression gave " +
                                           std::string(expr::go_type_name(result.value())) + " (" +
                                           expr::display_string(result.value()) + "), not a bool"
                                     : "filter evaluation error: " + result.error().short_text();
    batch.rejected.push_back(batch.make_rejected(row, RejectReason::FilterFailed,
                                                 detail + " [" + program.source() + "]"));
  }
  compact_rows(batch, keep_);
}

void TransformChain::run_stateless(const Step& step, Batch& batch) {
  // Output by output (column by column): each loop reads its input columns in sequence and
  // appends to one output column. A row whose output fails keeps a placeholder in every output
  // column (compacted away with the row below) and is not evaluated for the outputs after it.
  const size_t rows = batch.rows();
  const size_t n = step.programs.size();
  keep_.assign(rows, 1);
  failures_.clear();
  Output out;
  for (size_t k = 0; k < n; ++k) {
    Column& column = batch.columns[step.output_column + k];
    Column* same = step.pass_through[k] >= 0
                       ? &batch.columns[static_cast<size_t>(step.pass_through[k])]
                       : nullptr;
    if (same != nullptr && step.moves[k] && all_kinds_in(*same, step.copy_kinds[k])) {
      // Nothing after this output reads the input column: it becomes the output, cells, texts
      // and all, instead of a copy of its cells (rows failed by an earlier output keep their
      // cells here rather than a placeholder; they are compacted away below all the same).
      std::swap(column, *same);
      same->clear();
      continue;
    }
    column.clear();
    column.cells.reserve(rows);
    for (size_t row = 0; row < rows; ++row) {
      if (!keep_[row]) {
        column.cells.push_back(Cell::missing());
        continue;
      }
      if (same != nullptr && has_kind(step.copy_kinds[k], same->cells[row].kind)) {
        column.cells.push_back(same->cells[row]);
        continue;
      }
      if (run_text(step, k, batch, row, out)) {
        column.cells.push_back(Cell::text(ValueKind::String, column.texts.append(out.text),
                                          static_cast<uint32_t>(out.text.size())));
        continue;
      }
      if (run_number(step, k, batch, row, out)) {
        if (out.source == Output::Source::Cell)
          column.cells.push_back(out.cell);
        else
          append_value(column, out.value);
        continue;
      }
      auto result = step.programs[k]->run(step.bindings[k].bind(batch, row, slots_, env_map_));
      std::string error;
      std::optional<expr::Value> converted;
      if (result.ok()) converted = convert_output(result.value(), step.output_types[k], error);
      if (converted) {
        append_value(column, *converted);
        continue;
      }
      keep_[row] = 0;
      column.cells.push_back(Cell::missing());
      failures_.push_back(
          {row, result.ok() ? "stateless transformation \"" + step.output_names[k] + "\": " + error
                            : "stateless transformation \"" + step.output_names[k] +
                                  "\" failed: " + result.error().short_text()});
    }
  }
  // Dead letters in row order, each with its row's first failing output.
  std::sort(failures_.begin(), failures_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [row, failure] : failures_)
    batch.rejected.push_back(
        batch.make_rejected(row, RejectReason::TransformFailed, std::move(failure)));
  compact_rows(batch, keep_);
}

bool TransformChain::run_text(const Step& step, size_t k, const Batch& batch, size_t row,
                              Output& out) {
  expr::TextProgram* text = step.texts[k].get();
  if (text == nullptr) return false;
  const std::vector<size_t>& columns = step.plain_columns[k];
  views_.resize(columns.size());
  for (size_t v = 0; v < columns.size(); ++v) {
    const Cell& cell = batch.columns[columns[v]].cells[row];
    if (cell.kind != ValueKind::String) return false;  // the evaluator's case
    views_[v] = cell.text();
  }
  if (!text->run(views_, out.text)) return false;
  out.source = Output::Source::Text;
  return true;
}

bool TransformChain::run_number(const Step& step, size_t k, const Batch& batch, size_t row,
                                Output& out) {
  expr::NumberProgram* numbers = step.numbers[k].get();
  if (numbers == nullptr) return false;
  const std::vector<size_t>& columns = step.plain_columns[k];
  numbers_.resize(columns.size());
  for (size_t v = 0; v < columns.size(); ++v) {
    if (!number_of_cell(batch.columns[columns[v]].cells[row], numbers_[v]))
      return false;  // the evaluator's case
  }
  const expr::NumberProgram::Number& number = numbers->run_number(numbers_);
  // A result the output's cast leaves as it is becomes its cell without a Value or a converted
  // copy (W3's amount_cents: BM_StatelessW3 569 -> 495 us per 20k orders without the Value).
  const uint32_t kept = step.number_kinds[k];
  if (number.is_int && has_kind(kept, ValueKind::Int)) {
    out.source = Output::Source::Cell;
    out.cell = Cell::int64(number.i);
    return true;
  }
  if (!number.is_int && has_kind(kept, ValueKind::Float)) {
    out.source = Output::Source::Cell;
    out.cell = Cell::float64(number.f);
    return true;
  }
  std::string error;
  auto converted = convert_output(number.value(), step.output_types[k], error);
  if (!converted) return false;  // the Program's path reports the failed cast
  out.source = Output::Source::Value;
  out.value = std::move(*converted);
  return true;
}

}  // namespace sluice::transforms
