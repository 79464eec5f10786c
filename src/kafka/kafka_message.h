#pragma once

#include <librdkafka/rdkafka.h>

#include <cstddef>
#include <memory>
#include <string_view>

#include "base/prefetch.h"

namespace sluice::kafka {

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};

// An owned librdkafka message; destroyed (and its memory returned to librdkafka) on scope exit.
class KafkaMessage {
 public:
  explicit KafkaMessage(rd_kafka_message_t* m) : message_(m) {}

  std::string_view payload() const {
    return {static_cast<const char*>(message_->payload), message_->len};
  }
  std::string_view key() const {
    return message_->key
               ? std::string_view(static_cast<const char*>(message_->key), message_->key_len)
               : std::string_view();
  }
  const char* topic() const { return rd_kafka_topic_name(message_->rkt); }
  // librdkafka's handle of the message's topic: one per topic for the consumer's lifetime.
  const void* topic_handle() const { return message_->rkt; }
  int32_t partition() const { return message_->partition; }
  int64_t offset() const { return message_->offset; }
  int64_t timestamp_ms() const { return rd_kafka_message_timestamp(message_.get(), nullptr); }

  // Asks for the message's header (step 1) or its payload's first `max_bytes` (step 2) to be
  // brought into cache ahead of use: librdkafka's receive threads wrote both on another core.
  void prefetch_header() const { __builtin_prefetch(message_.get()); }
  void prefetch_payload(size_t max_bytes) const {
    prefetch_read(static_cast<const char*>(message_->payload), message_->len, max_bytes);
  }

 private:
  std::unique_ptr<rd_kafka_message_t, MessageDeleter> message_;
};

}  // namespace sluice::kafka
