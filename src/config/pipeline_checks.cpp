#include "config/pipeline_checks.h"

#include <sys/stat.h>

#include <map>
#include <string_view>
#include <vector>

#include "base/base64.h"
#include "config/did_you_mean.h"
#include "config/node_reader.h"
#include "config/pem.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

bool is_tls(std::string_view protocol) {
  return protocol == "SSL" || protocol == "SASL_SSL";
}

void require_for(const YAML::Node& node, const Where& at, Diagnostics& diags, std::string_view key,
                 const std::string& value, std::string_view condition, std::string hint) {
  if (!trim(value).empty()) return;
  diags.error(where_of(node, at, key), "is required " + std::string(condition), std::move(hint));
}

void normalise_pem(const YAML::Node& node, const Where& at, Diagnostics& diags,
                   std::string_view key, std::string& value) {
  if (value.empty()) return;
  if (auto pem = pem_from_text_or_base64(value)) {
    value = std::move(*pem);
    return;
  }
  diags.error(where_of(node, at, key),
              "is neither PEM text (\"-----BEGIN ...\") nor base64-encoded PEM",
              "paste the contents of the PEM file, or its base64 encoding");
}

// kerberos_keytab: the path of a keytab file, or the file's bytes in base64.
void check_keytab(const YAML::Node& node, const Where& at, Diagnostics& diags,
                  const std::string& keytab) {
  if (trim(keytab).empty()) return;
  struct stat st {};
  if (::stat(keytab.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return;
  std::string compact, bytes;
  for (char c : keytab) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') compact += c;
  }
  if (base64_decode(compact, bytes) && !bytes.empty()) return;
  diags.error(where_of(node, at, "kerberos_keytab"),
              keytab.starts_with("/") || keytab.starts_with(".")
                  ? "the keytab file " + quoted(keytab) + " does not exist"
                  : "is neither base64 of a keytab nor the path of a keytab file",
              "give the keytab as base64 (base64 -w0 client.keytab) or its absolute path");
}

}  // namespace

void check_pipeline(const YAML::Node& node, const Where& at, Diagnostics& diags, Pipeline& out) {
  const Where sources_at = where_of(node, at, "sources");
  if (out.sources.size() == 2 && !out.join.enabled) {
    diags.error(sources_at, "2 sources are given, but a second source is only read by a join",
                "add a join with enabled: true, or use one source per pipeline");
  } else if (out.sources.size() > 2) {
    diags.error(sources_at,
                std::to_string(out.sources.size()) +
                    " sources are given; a pipeline reads one Kafka source, or two with a join",
                "split it into several pipelines");
  }

  const YAML::Node sources = value_of(node, "sources");
  std::map<std::string, size_t> first_with_id;
  for (size_t i = 0; i < out.sources.size(); ++i) {
    const std::string& id = out.sources[i].source_id;
    if (id.empty()) continue;
    auto [it, inserted] = first_with_id.emplace(id, i);
    if (inserted) continue;
    const YAML::Node item = sources[i];
    diags.error(
        where_of(item, where_of_item(item, sources_at, i), "source_id"),
        quoted(id) + " is already the source_id of sources[" + std::to_string(it->second) + "]",
        "give each source its own source_id");
  }
  if (out.sources.size() == 2 && out.sources[0].connection != out.sources[1].connection) {
    const YAML::Node item = sources[1];
    diags.error(where_of(item, where_of_item(item, sources_at, 1), "connection_params"),
                "the two sources of a join must use the same Kafka cluster: connection_params "
                "differs from sources[0].connection_params",
                "copy sources[0].connection_params here (a YAML anchor helps)");
  }
  check_references(node, at, diags, out);
}

void check_kafka_source(const YAML::Node& node, const Where& at, Diagnostics& diags,
                        KafkaSource& out) {
  const YAML::Node fields = value_of(node, "schema_fields");
  const Where fields_at = where_of(node, at, "schema_fields");
  std::map<std::string, size_t> first_with_name;
  for (size_t i = 0; i < out.schema_fields.size(); ++i) {
    const std::string& name = out.schema_fields[i].name;
    if (name.empty()) continue;
    auto [it, inserted] = first_with_name.emplace(name, i);
    if (inserted) continue;
    const YAML::Node item = fields[i];
    diags.error(
        where_of(item, where_of_item(item, fields_at, i), "name"),
        quoted(name) + " is already declared by schema_fields[" + std::to_string(it->second) + "]",
        "declare each field once");
  }
}

void check_kafka_connection(const YAML::Node& node, const Where& at, Diagnostics& diags,
                            KafkaConnection& out) {
  const std::string& mechanism = out.mechanism;
  if (mechanism == "PLAIN" || mechanism.starts_with("SCRAM-")) {
    const std::string when = "with mechanism " + mechanism;
    require_for(node, at, diags, "username", out.username, when,
                "add the SASL user, or use mechanism: NO_AUTH if the brokers need no login");
    require_for(node, at, diags, "password", out.password, when,
                "add the SASL password, or use mechanism: NO_AUTH if the brokers need no login");
  } else if (mechanism == "GSSAPI") {
    for (auto [key, value] : {std::pair{"kerberos_service_name", &out.kerberos_service_name},
                              std::pair{"kerberos_realm", &out.kerberos_realm},
                              std::pair{"kerberos_keytab", &out.kerberos_keytab},
                              std::pair{"kerberos_config", &out.kerberos_config}}) {
      require_for(node, at, diags, key, *value, "with mechanism GSSAPI",
                  "GSSAPI needs kerberos_service_name, kerberos_realm, kerberos_keytab and "
                  "kerberos_config");
    }
    check_keytab(node, at, diags, out.kerberos_keytab);
  } else if (mechanism == "NO_AUTH" && (!out.username.empty() || !out.password.empty())) {
    diags.warning(where_of(node, at, out.username.empty() ? "password" : "username"),
                  "ignored: mechanism is NO_AUTH, so no SASL login is done",
                  "set mechanism (PLAIN, SCRAM-SHA-256, ...) to log in");
  }

  if (out.client_cert.empty() != out.client_key.empty()) {
    const bool cert_missing = out.client_cert.empty();
    diags.error(where_of(node, at, cert_missing ? "client_cert" : "client_key"),
                cert_missing ? "is required when client_key is given"
                             : "is required when client_cert is given",
                "mutual TLS needs both client_cert and client_key");
  }
  normalise_pem(node, at, diags, "root_ca", out.root_ca);
  normalise_pem(node, at, diags, "client_cert", out.client_cert);
  normalise_pem(node, at, diags, "client_key", out.client_key);

  if (!is_tls(out.protocol)) {
    for (auto [key, given] : {std::pair{"skip_tls_verification", out.skip_tls_verification},
                              std::pair{"root_ca", !out.root_ca.empty()}}) {
      if (!given) continue;
      diags.warning(where_of(node, at, key),
                    "ignored: protocol " + out.protocol + " does not use TLS",
                    "use protocol SSL or SASL_SSL for TLS");
    }
  }
}

void check_join_section(const YAML::Node& node, const Where& at, Diagnostics& diags,
                        JoinConfig& out) {
  for (JoinOutputField& field : out.output_fields) {
    if (field.output_name.empty()) field.output_name = field.name;
  }
  if (!out.enabled) return;
  const std::string hint_tail = ", or set enabled: false";
  if (is_absent(value_of(node, "left_source"))) {
    diags.error(where_of(node, at, "left_source"), "is required when the join is enabled",
                "add left_source: {source_id, key, time_window}" + hint_tail);
  }
  if (is_absent(value_of(node, "right_source"))) {
    diags.error(where_of(node, at, "right_source"), "is required when the join is enabled",
                "add right_source: {source_id, key, time_window}" + hint_tail);
  }
  if (is_absent(value_of(node, "output_fields"))) {
    diags.error(where_of(node, at, "output_fields"), "is required when the join is enabled",
                "list the joined record's fields, each {source_id, name, output_name}" + hint_tail);
  }
}

void check_sink(const YAML::Node& node, const Where& at, Diagnostics& diags, SinkConfig& out) {
  const YAML::Node mapping = value_of(node, "mapping");
  const Where mapping_at = where_of(node, at, "mapping");
  std::map<std::string, size_t> first_with_column;
  for (size_t i = 0; i < out.mapping.size(); ++i) {
    const std::string& column = out.mapping[i].column_name;
    if (column.empty()) continue;
    auto [it, inserted] = first_with_column.emplace(column, i);
    if (inserted) continue;
    const YAML::Node item = mapping[i];
    diags.error(where_of(item, where_of_item(item, mapping_at, i), "column_name"),
                "column " + quoted(column) + " is already written by mapping[" +
                    std::to_string(it->second) + "]",
                "map each column once");
  }
}

void check_clickhouse_connection(const YAML::Node& node, const Where& at, Diagnostics& diags,
                                 ClickHouseConnection& out) {
  if (out.skip_certificate_verification && !out.secure) {
    diags.warning(where_of(node, at, "skip_certificate_verification"),
                  "ignored: secure is false, so there is no certificate to verify",
                  "set secure: true to use TLS");
  }
  if (out.port == 8123 || out.port == 8443) {
    diags.warning(
        where_of(node, at, "port"),
        std::to_string(out.port) +
            " is usually ClickHouse's HTTP port, but port is the "
            "native protocol port",
        "use the native port (9000, or 9440 with TLS) and put the HTTP port in http_port");
  }
}

}  // namespace sluice::config
