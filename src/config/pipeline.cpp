#include "config/pipeline.h"

namespace sluice::config {

std::string consumer_group_name(const Pipeline& pipeline) {
  return "sluice-" + pipeline.pipeline_id;
}

const KafkaSource* find_source(const Pipeline& pipeline, std::string_view source_id) {
  for (const KafkaSource& source : pipeline.sources) {
    if (source.source_id == source_id) return &source;
  }
  return nullptr;
}

}  // namespace sluice::config
