#include "kafka/kafka_properties.h"

#include <sys/stat.h>

#include <cstdlib>

#include "base/base64.h"

namespace sluice::kafka {

namespace {

constexpr const char* kKrb5Property = "sluice.krb5.config";  // internal, never passed on

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

void set(Properties& p, const std::string& name, const std::string& value) {
  for (auto& existing : p) {
    if (existing.first == name) {
      existing.second = value;
      return;
    }
  }
  p.emplace_back(name, value);
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// kerberos_keytab is the path of a keytab file, or the file's bytes in base64.
Result<std::string> keytab_path(const std::string& keytab, SecretFiles& files) {
  if (is_regular_file(keytab)) return keytab;
  std::string bytes;
  std::string compact;
  for (char c : keytab) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') compact += c;
  }
  if (!base64_decode(compact, bytes) || bytes.empty()) {
    return Error(ErrorCode::InvalidArgument,
                 "kerberos_keytab is neither the path of a readable file nor base64 of a keytab "
                 "(encode it with: base64 -w0 client.keytab)");
  }
  return files.write("client.keytab", bytes);
}

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

Result<Properties> security_properties(const config::KafkaConnection& c, SecretFiles& files) {
  Properties p;
  p.emplace_back("security.protocol", c.protocol);
  if (c.mechanism != "NO_AUTH") {
    p.emplace_back("sasl.mechanisms", c.mechanism);
    if (c.mechanism == "GSSAPI") {
      if (!c.kerberos_service_name.empty())
        p.emplace_back("sasl.kerberos.service.name", c.kerberos_service_name);
      std::string principal = c.username.empty() ? "kafkaclient" : c.username;
      if (principal.find('@') == std::string::npos && !c.kerberos_realm.empty())
        principal += "@" + c.kerberos_realm;
      p.emplace_back("sasl.kerberos.principal", principal);
      if (!c.kerberos_keytab.empty()) {
        auto path = keytab_path(c.kerberos_keytab, files);
        if (!path.ok()) return path.error();
        p.emplace_back("sasl.kerberos.keytab", path.value());
      }
      if (!c.kerberos_config.empty()) {
        auto krb5 = files.write("krb5.conf", c.kerberos_config);
        if (!krb5.ok()) return krb5.error();
        // librdkafka runs kinit itself; it must read this krb5.conf, not the system's.
        const std::string env = "KRB5_CONFIG=" + shell_quoted(krb5.value()) + " ";
        const std::string kinit =
            "kinit -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal}";
        p.emplace_back("sasl.kerberos.kinit.cmd", env +
                                                      "kinit -R -t \"%{sasl.kerberos.keytab}\" -k "
                                                      "%{sasl.kerberos.principal} || " +
                                                      env + kinit);
        p.emplace_back(kKrb5Property, krb5.value());
      }
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
  return p;
}

std::string kerberos_config_path(const Properties& security) {
  for (const auto& [name, value] : security) {
    if (name == kKrb5Property) return value;
  }
  return {};
}

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
  // Fetch in large chunks: the decoder is cheap per byte. The prefetch queue is librdkafka's
  // default 64 MiB: the batches retain the fetched messages anyway, and every byte of a bigger
  // queue is memory touched for the first time (page faults cost more than the copy here).
  p.emplace_back("fetch.max.bytes", "52428800");
  p.emplace_back("max.partition.fetch.bytes", "1048576");
  p.emplace_back("queued.max.messages.kbytes", "65536");

  auto security = security_properties(c, process_secret_files());
  if (!security.ok()) return security.error();
  const std::string krb5 = kerberos_config_path(security.value());
  // The in-process GSSAPI library reads KRB5_CONFIG; the pipeline's krb5.conf wins.
  if (!krb5.empty()) ::setenv("KRB5_CONFIG", krb5.c_str(), 1);
  for (const auto& kv : security.value()) {
    if (kv.first != kKrb5Property) p.push_back(kv);
  }
  for (const auto& kv : c.librdkafka) set(p, kv.first, kv.second);
  for (const auto& kv : overrides) set(p, kv.first, kv.second);
  return p;
}

}  // namespace sluice::kafka
