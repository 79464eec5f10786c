#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"

namespace sluice::devkafka {

// Owns a librdkafka mock cluster and the rd_kafka_t handle that hosts it. The mock's brokers
// run on librdkafka's own threads and bind 127.0.0.1 on random ports; this object only forwards
// control calls. Not thread-safe: call from one thread.
class MockCluster {
 public:
  static Result<std::unique_ptr<MockCluster>> create(int brokers);
  ~MockCluster();
  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;

  // Comma-separated host:port list of all brokers.
  std::string bootstrap() const;
  int broker_count() const { return brokers_; }

  // Each returns the mock's error code (RD_KAFKA_RESP_ERR_NO_ERROR on success).
  rd_kafka_resp_err_t create_topic(const std::string& topic, int partitions, int replication);
  rd_kafka_resp_err_t set_broker_down(int32_t broker);
  rd_kafka_resp_err_t set_broker_up(int32_t broker);
  rd_kafka_resp_err_t set_broker_rtt(int32_t broker, int rtt_ms);
  rd_kafka_resp_err_t set_leader(const std::string& topic, int32_t partition, int32_t broker);
  rd_kafka_resp_err_t set_coordinator(const std::string& key_type, const std::string& key,
                                      int32_t broker);
  // The next `count` requests of `api_key` (cluster-wide) fail with `err`.
  void push_request_errors(int16_t api_key, rd_kafka_resp_err_t err, int count);
  // The next `count` requests of `api_key` to `broker` fail with `err` after `rtt_ms`.
  rd_kafka_resp_err_t push_broker_errors(int32_t broker, int16_t api_key, rd_kafka_resp_err_t err,
                                         int rtt_ms, int count);
  void clear_request_errors(int16_t api_key);
  void set_topic_error(const std::string& topic, rd_kafka_resp_err_t err);

 private:
  MockCluster(rd_kafka_t* rk, rd_kafka_mock_cluster_t* mc, int brokers)
      : rk_(rk), mc_(mc), brokers_(brokers) {}

  rd_kafka_t* rk_;
  rd_kafka_mock_cluster_t* mc_;
  int brokers_;
};

}  // namespace sluice::devkafka
