#include "mock_cluster.h"

#include <cstdio>
#include <vector>

namespace sluice::devkafka {

namespace {

// librdkafka logs through this instead of its default stderr printer so that every line the
// tool writes to stderr which is not a command answer starts with the tool's name; harnesses
// look for answer lines ("ok ..."/"error ...") only.
void log_to_stderr(const rd_kafka_t*, int level, const char* fac, const char* buf) {
  std::fprintf(stderr, "sluice-dev-kafka: librdkafka %d %s: %s\n", level, fac, buf);
}

}  // namespace

Result<std::unique_ptr<MockCluster>> MockCluster::create(int brokers) {
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, log_to_stderr);
  // The hosting handle never connects anywhere; its "no bootstrap.servers" notice is noise.
  rd_kafka_conf_set(conf, "log_level", "4", errstr, sizeof errstr);
  if (rd_kafka_conf_set(conf, "client.id", "sluice-dev-kafka", errstr, sizeof errstr) !=
      RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    return Error(ErrorCode::Kafka, errstr);
  }
  // rd_kafka_new takes ownership of conf on success only.
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error(ErrorCode::Kafka, std::string("rd_kafka_new: ") + errstr);
  }
  rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (mc == nullptr) {
    rd_kafka_destroy(rk);
    return Error(ErrorCode::Kafka, "rd_kafka_mock_cluster_new failed (could not bind 127.0.0.1?)");
  }
  return std::unique_ptr<MockCluster>(new MockCluster(rk, mc, brokers));
}

MockCluster::~MockCluster() {
  rd_kafka_mock_cluster_destroy(mc_);
  rd_kafka_destroy(rk_);
}

std::string MockCluster::bootstrap() const {
  return rd_kafka_mock_cluster_bootstraps(mc_);
}

rd_kafka_resp_err_t MockCluster::create_topic(const std::string& topic, int partitions,
                                              int replication) {
  return rd_kafka_mock_topic_create(mc_, topic.c_str(), partitions, replication);
}

rd_kafka_resp_err_t MockCluster::set_broker_down(int32_t broker) {
  return rd_kafka_mock_broker_set_down(mc_, broker);
}

rd_kafka_resp_err_t MockCluster::set_broker_up(int32_t broker) {
  return rd_kafka_mock_broker_set_up(mc_, broker);
}

rd_kafka_resp_err_t MockCluster::set_broker_rtt(int32_t broker, int rtt_ms) {
  return rd_kafka_mock_broker_set_rtt(mc_, broker, rtt_ms);
}

rd_kafka_resp_err_t MockCluster::set_leader(const std::string& topic, int32_t partition,
                                            int32_t broker) {
  return rd_kafka_mock_partition_set_leader(mc_, topic.c_str(), partition, broker);
}

rd_kafka_resp_err_t MockCluster::set_coordinator(const std::string& key_type,
                                                 const std::string& key, int32_t broker) {
  return rd_kafka_mock_coordinator_set(mc_, key_type.c_str(), key.c_str(), broker);
}

void MockCluster::push_request_errors(int16_t api_key, rd_kafka_resp_err_t err, int count) {
  std::vector<rd_kafka_resp_err_t> errs(static_cast<size_t>(count), err);
  rd_kafka_mock_push_request_errors_array(mc_, api_key, errs.size(), errs.data());
}

rd_kafka_resp_err_t MockCluster::push_broker_errors(int32_t broker, int16_t api_key,
                                                    rd_kafka_resp_err_t err, int rtt_ms,
                                                    int count) {
  // The C API is variadic in (err, rtt) pairs; pushing one pair per call appends to the same
  // stack, so a loop gives `count` entries without building a va_list.
  for (int i = 0; i < count; ++i) {
    rd_kafka_resp_err_t e =
        rd_kafka_mock_broker_push_request_error_rtts(mc_, broker, api_key, 1, err, rtt_ms);
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) return e;
  }
  return RD_KAFKA_RESP_ERR_NO_ERROR;
}

void MockCluster::clear_request_errors(int16_t api_key) {
  rd_kafka_mock_clear_request_errors(mc_, api_key);
}

void MockCluster::set_topic_error(const std::string& topic, rd_kafka_resp_err_t err) {
  rd_kafka_mock_topic_set_error(mc_, topic.c_str(), err);
}

}  // namespace sluice::devkafka
