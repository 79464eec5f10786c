#include "transforms/stages.h"

#include "base/wall_clock.h"

namespace sluice::transforms {

const config::KafkaSource& Stages::main_source_of(const config::Pipeline& pipeline) {
  if (pipeline.join.enabled)
    for (const auto& source : pipeline.sources)
      if (source.source_id == pipeline.join.left.source_id) return source;
  return pipeline.sources.front();
}

const config::KafkaSource* Stages::side_source_of(const config::Pipeline& pipeline) {
  if (pipeline.join.enabled)
    for (const auto& source : pipeline.sources)
      if (source.source_id == pipeline.join.right.source_id) return &source;
  return nullptr;
}

Result<std::unique_ptr<Stages>> Stages::create(const config::Pipeline& pipeline, Options options) {
  std::unique_ptr<Stages> s(new Stages());
  s->now_ms_ = options.now_ms ? std::move(options.now_ms) : system_now_ms;
  TransformChain::Options chain_options;
  chain_options.now_ms = s->now_ms_;
  const config::KafkaSource& main_source = main_source_of(pipeline);
  const config::KafkaSource* side_source = side_source_of(pipeline);
  if (pipeline.join.enabled && (side_source == nullptr || side_source == &main_source))
    return Error(ErrorCode::ConfigInvalid,
                 "join: left_source and right_source must name the pipeline's two sources");
  auto main = TransformChain::create(pipeline, main_source, chain_options);
  if (!main.ok()) return main.error();
  s->main_ = std::make_unique<TransformChain>(std::move(main).value());
  if (side_source != nullptr) {
    auto side = TransformChain::create(pipeline, *side_source, chain_options);
    if (!side.ok()) return side.error();
    s->side_ = std::make_unique<TransformChain>(std::move(side).value());
    auto joined =
        TemporalJoin::create(pipeline.join, s->main_->column_fields(), s->side_->column_fields());
    if (!joined.ok()) return joined.error();
    s->join_ = std::move(joined).value();
  }
  return s;
}

Status Stages::restore(const state::StateStore& store) {
  SLUICE_RETURN_IF_ERROR(main_->restore(store));
  if (side_) SLUICE_RETURN_IF_ERROR(side_->restore(store));
  if (join_) SLUICE_RETURN_IF_ERROR(join_->restore(store, now_ms_()));
  return Status::success();
}

void Stages::checkpoint(state::Checkpoint& checkpoint) {
  main_->checkpoint(checkpoint);
  if (side_) side_->checkpoint(checkpoint);
  if (join_) join_->checkpoint(checkpoint);
}

void Stages::run_chain(TransformChain& chain, Batch& batch) {
  if (chain.empty()) return;
  const size_t before = batch.rows() + batch.rejected.size();
  const uint64_t duplicates_before = chain.duplicates();
  chain.apply(batch);
  filtered_ +=
      before - batch.rows() - batch.rejected.size() - (chain.duplicates() - duplicates_before);
}

void Stages::apply(Batch& batch) {
  run_chain(*main_, batch);
  if (!join_) return;
  if (batch.side) run_chain(*side_, *batch.side);
  join_->apply(batch, now_ms_());
}

const std::vector<config::SchemaField>& Stages::column_fields() const {
  return join_ ? join_->column_fields() : main_->column_fields();
}

uint64_t Stages::duplicates() const {
  return main_->duplicates() + (side_ ? side_->duplicates() : 0);
}

size_t Stages::restored_keys() const {
  return main_->restored_keys() + (side_ ? side_->restored_keys() : 0);
}

}  // namespace sluice::transforms
