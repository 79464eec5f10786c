#include "event_producer.h"

namespace sluice::gen {

Result<std::unique_ptr<EventProducer>> EventProducer::create(
    const std::string& brokers, const std::string& topic,
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::unique_ptr<EventProducer> self(new EventProducer());
  self->topic_name_ = topic;
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // Throughput defaults measured against the mock (test-infrastructure.md): a short linger
  // fills ~1 MB batches; idempotence keeps retries (e.g. after injected faults) from
  // duplicating events, so the summary's counts stay exact.
  std::vector<std::pair<std::string, std::string>> settings = {
      {"bootstrap.servers", brokers},
      {"client.id", "sluice-gen"},
      {"enable.idempotence", "true"},
      {"linger.ms", "20"},
      {"batch.size", "1000000"},
      {"batch.num.messages", "10000"},
      {"queue.buffering.max.messages", "500000"},
      {"queue.buffering.max.kbytes", "1048576"},
      {"message.timeout.ms", "120000"},
  };
  settings.insert(settings.end(), overrides.begin(), overrides.end());
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error(ErrorCode::InvalidArgument,
                   "librdkafka property " + key + "=" + value + ": " + errstr);
    }
  }
  rd_kafka_conf_set_dr_msg_cb(conf, &EventProducer::on_delivery);
  rd_kafka_conf_set_opaque(conf, self.get());
  self->rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (self->rk_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error(ErrorCode::Kafka, std::string("rd_kafka_new: ") + errstr);
  }
  self->topic_ = rd_kafka_topic_new(self->rk_, topic.c_str(), nullptr);
  if (self->topic_ == nullptr) {
    return Error(ErrorCode::Kafka,
                 "rd_kafka_topic_new " + topic + ": " + rd_kafka_err2str(rd_kafka_last_error()));
  }
  return self;
}

EventProducer::~EventProducer() {
  if (topic_ != nullptr) rd_kafka_topic_destroy(topic_);
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

void EventProducer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  auto* self = static_cast<EventProducer*>(opaque);
  if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++self->delivered_;
  } else {
    if (self->failed_ == 0) {
      self->first_error_ = std::string(rd_kafka_err2name(msg->err)) + ": " +
                           rd_kafka_err2str(msg->err) + " (partition " +
                           std::to_string(msg->partition) + ")";
    }
    ++self->failed_;
  }
}

Result<int> EventProducer::partition_count(std::chrono::milliseconds timeout) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err =
      rd_kafka_metadata(rk_, 0, topic_, &md, static_cast<int>(timeout.count()));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Error(ErrorCode::Kafka,
                 "metadata for topic " + topic_name_ + ": " + rd_kafka_err2str(err), true);
  }
  int count = 0;
  std::string topic_error;
  if (md->topic_cnt == 1) {
    count = md->topics[0].partition_cnt;
    if (md->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR)
      topic_error = rd_kafka_err2str(md->topics[0].err);
  }
  rd_kafka_metadata_destroy(md);
  if (count <= 0) {
    return Error(ErrorCode::Kafka, "topic " + topic_name_ + " has no partitions" +
                                       (topic_error.empty() ? "" : ": " + topic_error));
  }
  return count;
}

Status EventProducer::produce(int32_t partition, std::string_view value) {
  for (;;) {
    if (rd_kafka_produce(topic_, partition, RD_KAFKA_MSG_F_COPY, const_cast<char*>(value.data()),
                         value.size(), nullptr, 0, nullptr) == 0) {
      rd_kafka_poll(rk_, 0);
      return Status::success();
    }
    rd_kafka_resp_err_t err = rd_kafka_last_error();
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      return Error(ErrorCode::Kafka, "produce to " + topic_name_ + "[" + std::to_string(partition) +
                                         "]: " + rd_kafka_err2str(err));
    }
    rd_kafka_poll(rk_, 10);  // let deliveries drain the local queue
  }
}

Status EventProducer::flush(std::chrono::milliseconds timeout) {
  rd_kafka_resp_err_t err = rd_kafka_flush(rk_, static_cast<int>(timeout.count()));
  rd_kafka_poll(rk_, 0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Error(ErrorCode::Timeout, "flush: " + std::to_string(rd_kafka_outq_len(rk_)) +
                                         " message(s) still undelivered after " +
                                         std::to_string(timeout.count()) + " ms");
  }
  if (failed_ > 0) {
    return Error(ErrorCode::Kafka,
                 std::to_string(failed_) + " message(s) failed; first: " + first_error_);
  }
  return Status::success();
}

}  // namespace sluice::gen
