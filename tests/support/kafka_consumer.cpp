#include "support/kafka_consumer.h"

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>

namespace sluice::testing {

namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const {
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
  }
};
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const {
    rd_kafka_topic_partition_list_destroy(l);
  }
};
struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};

Result<int> partition_count(rd_kafka_t* rk, const std::string& topic, int timeout_ms) {
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, t, &md, timeout_ms);
  rd_kafka_topic_destroy(t);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Error(ErrorCode::Kafka, "metadata " + topic + ": " + rd_kafka_err2str(err), true);
  }
  int count = md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR
                  ? md->topics[0].partition_cnt
                  : 0;
  rd_kafka_metadata_destroy(md);
  if (count <= 0)
    return Error(ErrorCode::Kafka, "topic " + topic + " not found or has no partitions");
  return count;
}

}  // namespace

Status read_topic(const std::string& bootstrap, const std::string& topic,
                  const std::function<void(const ConsumedMessage&)>& on_message,
                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const int step_ms = 10000;
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [k, v] : std::vector<std::pair<const char*, std::string>>{
           {"bootstrap.servers", bootstrap},
           {"group.id", "sluice-test-reader"},  // required by the API; no commits are made
           {"enable.auto.commit", "false"},
           {"enable.partition.eof", "false"},
           {"fetch.wait.max.ms", "50"}}) {
    if (rd_kafka_conf_set(conf, k, v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error(ErrorCode::InvalidArgument,
                   std::string("consumer property ") + k + ": " + errstr);
    }
  }
  rd_kafka_t* raw = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (raw == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error(ErrorCode::Kafka, std::string("rd_kafka_new: ") + errstr);
  }
  std::unique_ptr<rd_kafka_t, KafkaDeleter> rk(raw);
  rd_kafka_poll_set_consumer(rk.get());

  auto partitions = partition_count(rk.get(), topic, step_ms);
  if (!partitions.ok()) return partitions.error();
  std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter> assignment(
      rd_kafka_topic_partition_list_new(partitions.value()));
  std::map<int32_t, int64_t> end;  // partition -> high watermark still to reach
  for (int32_t p = 0; p < partitions.value(); ++p) {
    int64_t low = 0;
    int64_t high = 0;
    rd_kafka_resp_err_t err =
        rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high, step_ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Error(ErrorCode::Kafka,
                   "watermarks " + topic + "[" + std::to_string(p) + "]: " + rd_kafka_err2str(err),
                   true);
    }
    if (high > low) {
      rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset = low;
      end[p] = high;
    }
  }
  if (end.empty()) return Status::success();
  rd_kafka_resp_err_t err = rd_kafka_assign(rk.get(), assignment.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Error(ErrorCode::Kafka, std::string("assign: ") + rd_kafka_err2str(err));
  }
  ConsumedMessage out;
  while (!end.empty()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error(ErrorCode::Timeout, "reading " + topic + ": " + std::to_string(end.size()) +
                                           " partition(s) not read to the end in time");
    }
    std::unique_ptr<rd_kafka_message_t, MessageDeleter> msg(rd_kafka_consumer_poll(rk.get(), 100));
    if (!msg) continue;
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
      return Error(ErrorCode::Kafka,
                   "consume " + topic + ": " + rd_kafka_message_errstr(msg.get()));
    }
    auto it = end.find(msg->partition);
    if (it == end.end() || msg->offset >= it->second) continue;
    out.partition = msg->partition;
    out.offset = msg->offset;
    out.key.clear();
    out.value.clear();
    if (msg->key != nullptr) out.key.assign(static_cast<const char*>(msg->key), msg->key_len);
    if (msg->payload != nullptr) out.value.assign(static_cast<const char*>(msg->payload), msg->len);
    on_message(out);
    if (msg->offset + 1 >= it->second) end.erase(it);
  }
  return Status::success();
}

Result<std::vector<ConsumedMessage>> read_all(const std::string& bootstrap,
                                              const std::string& topic,
                                              std::chrono::milliseconds timeout) {
  std::vector<ConsumedMessage> all;
  Status st = read_topic(
      bootstrap, topic, [&](const ConsumedMessage& m) { all.push_back(m); }, timeout);
  if (!st.ok()) return st.error();
  return all;
}

}  // namespace sluice::testing
