#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"

namespace sluice::testing {

struct ConsumedMessage {
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
};

// Reads every partition of `topic` from its low watermark up to the high watermark taken at the
// start, without a consumer group (assign, no commits), calling `on_message` for each message.
// For checking what a test or sluice-gen produced. Error on timeout or a consume error.
Status read_topic(const std::string& bootstrap, const std::string& topic,
                  const std::function<void(const ConsumedMessage&)>& on_message,
                  std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The same, collecting the messages (partition by partition, in offset order).
Result<std::vector<ConsumedMessage>> read_all(
    const std::string& bootstrap, const std::string& topic,
    std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace sluice::testing
