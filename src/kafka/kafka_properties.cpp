#include "kafka/kafka_properties.h"

namespace sluice::kafka {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace

Result<Properties> consumer_properties(const config::Pipeline& pipeline,
                                       const config::KafkaSource& source,
                                       const Properties& overrides) {
  const config::KafkaConnection& c = source.connection;
  Properties p;
  p.emplace_back("bootstrap.servers", join(c.brokers, ","));
  p.emplace_back("group.id", config::consumer_group_name(pipeline));
  p.emplace_back("client.id", "sluice-" + pipeline.pipeline_id);
  p.emplace_back("enable.auto.commit", "false");
  p.emplace_back("enable.auto.offset.store", "false");
  p.emplace_back("auto.offset.reset",
                 source.initial_offset == config::InitialOffset::Earliest ? "earliest" : "latest");
  p.emplace_back("enable.partition.eof", "false");
  // Fetch in large chunks: the decoder is cheap per byte and the queue is bounded below.
  p.emplace_back("fetch.max.bytes", "52428800");
  p.emplace_back("max.partition.fetch.bytes", "1048576");
  p.emplace_back("queued.max.messages.kbytes", "262144");

  p.emplace_back("security.protocol", c.protocol);
  if (c.mechanism != "NO_AUTH") {
    p.emplace_back("sasl.mechanisms", c.mechanism);
    if (c.mechanism == "GSSAPI") {
      if (!c.kerberos_service_name.empty())
        p.emplace_back("sasl.kerberos.service.name", c.kerberos_service_name);
      if (!c.username.empty()) p.emplace_back("sasl.kerberos.principal", c.username);
    } else {
      p.emplace_back("sasl.username", c.username);
      p.emplace_back("sasl.password", c.password);
    }
  }
  if (c.protocol == "SSL" || c.protocol == "SASL_SSL") {
    if (!c.root_ca.empty()) p.emplace_back("ssl.ca.pem", c.root_ca);
    if (c.skip_tls_verification) {
      p.emplace_back("enable.ssl.certificate.verification", "false");
      p.emplace_back("ssl.endpoint.identification.algorithm", "none");
    }
    if (!c.client_cert.empty()) p.emplace_back("ssl.certificate.pem", c.client_cert);
    if (!c.client_key.empty()) p.emplace_back("ssl.key.pem", c.client_key);
  }
  for (const auto& kv : overrides) {
    bool replaced = false;
    for (auto& existing : p) {
      if (existing.first == kv.first) {
        existing.second = kv.second;
        replaced = true;
      }
    }
    if (!replaced) p.push_back(kv);
  }
  return p;
}

}  // namespace sluice::kafka
