#include "config/pipeline.h"

namespace sluice::config {

std::string consumer_group_name(const Pipeline& pipeline) {
  return "sluice-" + pipeline.pipeline_id;
}

}  // namespace sluice::config
