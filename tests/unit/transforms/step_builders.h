#pragma once
// transforms[] entries for the unit tests of this module.

#include <chrono>
#include <string>

#include "config/pipeline.h"

namespace sluice::transforms::test {

inline config::Transform filter(std::string expression, std::string source = "s") {
  config::Transform t;
  t.type = config::TransformType::Filter;
  t.source_id = std::move(source);
  t.filter.expression = std::move(expression);
  return t;
}

inline config::Transform dedup_on(std::string key,
                                  std::chrono::milliseconds window = std::chrono::hours(1),
                                  std::string source = "s") {
  config::Transform t;
  t.type = config::TransformType::Dedup;
  t.source_id = std::move(source);
  t.dedup.key = std::move(key);
  t.dedup.time_window = window;
  return t;
}

}  // namespace sluice::transforms::test
