#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string_view>

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
  int32_t partition() const { return message_->partition; }
  int64_t offset() const { return message_->offset; }
  int64_t timestamp_ms() const { return rd_kafka_message_timestamp(message_.get(), nullptr); }

 private:
  std::unique_ptr<rd_kafka_message_t, MessageDeleter> message_;
};

}  // namespace sluice::kafka
