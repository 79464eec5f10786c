#include "kafka/kafka_checks.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string_view>

namespace sluice::kafka {
namespace {

using Clock = std::chrono::steady_clock;

// What librdkafka reported while the check waited (its error callback and FAIL logs).
struct Observed {
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string reason;
};

extern "C" void on_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
  auto* observed = static_cast<Observed*>(opaque);
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  // A TLS client at a plain listener is reported as a transport error.
  if (reason && std::string_view(reason).find("SSL handshake failed") != std::string_view::npos)
    code = RD_KAFKA_RESP_ERR__SSL;
  // Keep the most telling error: TLS and authentication failures explain later timeouts.
  const bool telling = code == RD_KAFKA_RESP_ERR__SSL || code == RD_KAFKA_RESP_ERR__AUTHENTICATION;
  const bool have_telling = observed->error == RD_KAFKA_RESP_ERR__SSL ||
                            observed->error == RD_KAFKA_RESP_ERR__AUTHENTICATION;
  if (have_telling && !telling) return;
  if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && observed->error != 0) return;
  observed->error = code;
  observed->reason = reason ? reason : "";
}

extern "C" void on_log(const rd_kafka_t*, int, const char*, const char*) {
  // The check reports what went wrong itself; librdkafka's own lines would repeat it.
}

std::string brokers_text(const config::KafkaConnection& c) {
  std::string out;
  for (const auto& broker : c.brokers) out += (out.empty() ? "" : ",") + broker;
  return out;
}

std::string seconds_text(std::chrono::milliseconds timeout) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(timeout.count()) / 1000.0);
  return buf;
}

std::string explain(const Observed& observed, const config::KafkaSource& source,
                    std::chrono::milliseconds timeout) {
  const config::KafkaConnection& c = source.connection;
  const std::string brokers = brokers_text(c);
  const std::string prefix = "Kafka brokers " + brokers + " (source " + source.source_id + "): ";
  switch (observed.error) {
    case RD_KAFKA_RESP_ERR__SSL:
      return prefix + "TLS (SSL) handshake failed: " + observed.reason +
             "; is the broker listener TLS? protocol is " + c.protocol +
             ": use PLAINTEXT/SASL_PLAINTEXT for a plain listener, or check root_ca and "
             "skip_tls_verification";
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
      return prefix + "SASL authentication failed: " + observed.reason + "; check mechanism (" +
             c.mechanism +
             "), username and password, and that the "
             "listener uses SASL (protocol " +
             c.protocol + ")";
    case RD_KAFKA_RESP_ERR__RESOLVE:
      return prefix + "cannot resolve the broker host names: " + observed.reason +
             "; check brokers (host:port)";
    case RD_KAFKA_RESP_ERR_NO_ERROR:
      return prefix + "no answer within " + seconds_text(timeout) +
             "s; check brokers (host:port), the network, and that protocol (" + c.protocol +
             ") matches the broker listener";
    default:
      return prefix + "not reachable within " + seconds_text(timeout) + "s: " + observed.reason +
             "; check brokers (host:port), the network, and that protocol (" + c.protocol +
             ") matches the broker listener";
  }
}

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};

}  // namespace

std::string check_kafka_source(const config::Pipeline& pipeline, const config::KafkaSource& source,
                               const Properties& overrides, std::chrono::milliseconds timeout) {
  auto properties = consumer_properties(pipeline, source, overrides);
  const std::string prefix = "source " + source.source_id + ": ";
  if (!properties.ok()) return prefix + properties.error().message();
  Observed observed;
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [name, value] : properties.value()) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return prefix + "Kafka property " + name + ": " + errstr +
             " (fix it in connection_params or --kafka-property)";
    }
  }
  rd_kafka_conf_set_opaque(conf, &observed);
  rd_kafka_conf_set_error_cb(conf, &on_error);
  rd_kafka_conf_set_log_cb(conf, &on_log);
  std::unique_ptr<rd_kafka_t, HandleDeleter> rk(
      rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr));
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return prefix + "cannot create a Kafka client: " + errstr;
  }
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    const rd_kafka_metadata_t* metadata = nullptr;
    const int step = static_cast<int>(std::min<int64_t>(left.count(), 500));
    // All topics: asking for one topic by name may create it on brokers that auto-create.
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &metadata, step);
    rd_kafka_poll(rk.get(), 0);  // serves on_error
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::unique_ptr<const rd_kafka_metadata_t, decltype(&rd_kafka_metadata_destroy)> owned(
          metadata, &rd_kafka_metadata_destroy);
      const rd_kafka_metadata_topic_t* found = nullptr;
      for (int i = 0; i < metadata->topic_cnt; ++i) {
        if (source.topic == metadata->topics[i].topic) found = &metadata->topics[i];
      }
      if (found == nullptr || found->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
          found->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
        return "Kafka topic " + std::string("\"") + source.topic + "\" does not exist on brokers " +
               brokers_text(source.connection) + " (source " + source.source_id +
               "); create it (e.g. kafka-topics.sh --create --topic " + source.topic +
               ") or fix topic";
      }
      const rd_kafka_metadata_topic_t& t = *found;
      if (t.err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) {
        return "Kafka topic \"" + source.topic + "\" on brokers " +
               brokers_text(source.connection) + ": not authorized; grant user \"" +
               source.connection.username + "\" READ and DESCRIBE on the topic and the group " +
               config::consumer_group_name(pipeline);
      }
      if (t.err == RD_KAFKA_RESP_ERR_NO_ERROR && t.partition_cnt > 0) return {};
      continue;  // leader election in progress: ask again
    }
    if (observed.error == RD_KAFKA_RESP_ERR__SSL ||
        observed.error == RD_KAFKA_RESP_ERR__AUTHENTICATION) {
      break;  // waiting will not fix these
    }
  }
  rd_kafka_poll(rk.get(), 0);
  return explain(observed, source, timeout);
}

}  // namespace sluice::kafka
