#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"
#include "core/batch.h"
#include "state/state_store.h"
#include "transforms/temporal_join.h"
#include "transforms/transform_chain.h"

namespace sluice::transforms {

// Everything between decoding and the sink for one pipeline: the steps of each source
// (TransformChain) and, with two sources, the temporal join. A batch's rows are the main
// source's (the join's left source, or the only one); with a join its `side` holds the right
// source's rows. Run on the settling thread, one batch at a time.
class Stages {
 public:
  struct Options {
    // Processing time in ms since the epoch, read once per batch; default: the system clock.
    std::function<int64_t()> now_ms;
  };
  static Result<std::unique_ptr<Stages>> create(const config::Pipeline& pipeline, Options options);
  static Result<std::unique_ptr<Stages>> create(const config::Pipeline& pipeline) {
    return create(pipeline, Options{});
  }

  // The source of a batch's rows (the join's left source, or the only one), and the join's right
  // source (null without a join).
  static const config::KafkaSource& main_source_of(const config::Pipeline& pipeline);
  static const config::KafkaSource* side_source_of(const config::Pipeline& pipeline);

  // Nothing to run: batches go to the sink as decoded.
  bool empty() const { return main_->empty() && !join_; }
  // Whether state is kept across batches (dedup, join): then the settling thread checkpoints it
  // after each batch, and it is restored at start-up.
  bool stateful() const { return join_ || main_->stateful() || (side_ && side_->stateful()); }
  Status restore(const state::StateStore& store);
  void checkpoint(state::Checkpoint& checkpoint);

  void apply(Batch& batch);
  // The main source's first filter, for its decoder to run before the row is copied (or null).
  RowFilter* early_filter() const { return main_->early_filter(); }

  // One entry per column of a batch after apply(): the output fields under their names, every
  // other column hidden (the sink maps by name).
  const std::vector<config::SchemaField>& column_fields() const;

  uint64_t duplicates() const;                     // records dropped by dedup steps so far
  uint64_t filtered() const { return filtered_; }  // records dropped by filters so far
  size_t restored_keys() const;                    // dedup keys loaded by restore()
  const TemporalJoin* join() const { return join_.get(); }

 private:
  Stages() = default;
  void run_chain(TransformChain& chain, Batch& batch);

  std::function<int64_t()> now_ms_;
  std::unique_ptr<TransformChain> main_;
  std::unique_ptr<TransformChain> side_;
  std::unique_ptr<TemporalJoin> join_;
  uint64_t filtered_ = 0;
};

}  // namespace sluice::transforms
