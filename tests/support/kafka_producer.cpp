#include "support/kafka_producer.h"

namespace sluice::testing {

Result<std::unique_ptr<KafkaProducer>> KafkaProducer::create(
    const std::string& bootstrap, const std::vector<std::pair<std::string, std::string>>& config) {
  std::unique_ptr<KafkaProducer> self(new KafkaProducer());
  std::vector<std::pair<std::string, std::string>> settings = {
      {"bootstrap.servers", bootstrap},
      {"client.id", "sluice-test-producer"},
      {"enable.idempotence", "true"},
      {"linger.ms", "5"},
  };
  settings.insert(settings.end(), config.begin(), config.end());
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error(ErrorCode::InvalidArgument, "producer property " + key + ": " + errstr);
    }
  }
  rd_kafka_conf_set_dr_msg_cb(conf, &KafkaProducer::on_delivery);
  rd_kafka_conf_set_opaque(conf, self.get());
  self->rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (self->rk_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error(ErrorCode::Kafka, std::string("rd_kafka_new: ") + errstr);
  }
  return self;
}

KafkaProducer::~KafkaProducer() {
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

void KafkaProducer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  auto* self = static_cast<KafkaProducer*>(opaque);
  if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
  if (self->failed_++ == 0) self->first_error_ = rd_kafka_err2str(msg->err);
}

Status KafkaProducer::produce(const std::string& topic, const std::vector<KafkaMessage>& messages,
                              std::chrono::milliseconds timeout) {
  failed_ = 0;
  first_error_.clear();
  for (const auto& m : messages) {
    for (;;) {
      rd_kafka_resp_err_t err = rd_kafka_producev(
          rk_, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(m.partition),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_VALUE(const_cast<char*>(m.value.data()), m.value.size()),
          RD_KAFKA_V_KEY(m.key.empty() ? nullptr : m.key.data(), m.key.size()), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        return Error(ErrorCode::Kafka, "produce to " + topic + ": " + rd_kafka_err2str(err));
      }
      rd_kafka_poll(rk_, 10);
    }
    rd_kafka_poll(rk_, 0);
  }
  if (rd_kafka_flush(rk_, static_cast<int>(timeout.count())) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Error(ErrorCode::Timeout,
                 "flush to " + topic + ": " + std::to_string(rd_kafka_outq_len(rk_)) +
                     " message(s) undelivered after " + std::to_string(timeout.count()) + " ms");
  }
  if (failed_ > 0) {
    return Error(ErrorCode::Kafka,
                 std::to_string(failed_) + " message(s) to " + topic + " failed: " + first_error_);
  }
  return Status::success();
}

Status produce_messages(const std::string& bootstrap, const std::string& topic,
                        const std::vector<KafkaMessage>& messages) {
  auto producer = KafkaProducer::create(bootstrap);
  if (!producer.ok()) return producer.error();
  return (*producer)->produce(topic, messages);
}

}  // namespace sluice::testing
