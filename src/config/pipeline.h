#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

// The typed model of a V3 pipeline file (GlassFlow-compatible). Produced only by the loader
// (config/pipeline_loader.h) after validation passed, so code holding a Pipeline may rely on
// every rule in config/pipeline_spec.cpp: e.g. exactly one source, non-empty schema and mapping,
// every mapping name is a schema field, ports in 1..65535, root_ca/client_cert/client_key in PEM.
namespace sluice::config {

// Normalised basic kind of a source field; the spelling used in the file is kept in
// SchemaField::declared_type. See config/field_type.h for the accepted spellings.
enum class FieldType { String, Int, UInt, Float, Bool, Array, Map, DateTime };

struct SchemaField {
  std::string name;  // may be dotted (`user.profile.name`): literal key first, then nested path
  FieldType type = FieldType::String;
  std::string declared_type;  // as written, e.g. "int64", "datetime"

  bool operator==(const SchemaField&) const = default;
};

enum class InitialOffset { Earliest, Latest };

struct KafkaConnection {
  std::vector<std::string> brokers;    // trimmed, non-empty
  std::string protocol = "PLAINTEXT";  // PLAINTEXT | SASL_PLAINTEXT | SSL | SASL_SSL
  std::string mechanism = "NO_AUTH";   // NO_AUTH | PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512 | GSSAPI
  std::string username, password;
  std::string root_ca;  // PEM text (decoded when the file gave base64), or empty
  bool skip_tls_verification = false;
  std::string client_cert, client_key;  // PEM text (decoded when given as base64), or empty
  std::string kerberos_service_name, kerberos_realm;
  std::string kerberos_keytab;  // base64 of the keytab file, as given
  std::string kerberos_config;  // krb5.conf text

  bool operator==(const KafkaConnection&) const = default;
};

struct KafkaSource {
  std::string type = "kafka";  // lower-cased
  std::string source_id;       // trimmed
  KafkaConnection connection;
  std::string topic;
  InitialOffset initial_offset = InitialOffset::Latest;
  std::vector<SchemaField> schema_fields;

  bool operator==(const KafkaSource&) const = default;
};

struct ClickHouseConnection {
  std::string host;
  uint16_t port = 9000;       // native TCP protocol port (9440 with TLS)
  uint16_t http_port = 8123;  // only for tools that introspect over HTTP
  std::string database = "default";
  std::string username = "default";
  std::string password;  // may be empty (the `default` user often has none)
  bool secure = false;
  bool skip_certificate_verification = false;

  bool operator==(const ClickHouseConnection&) const = default;
};

struct MappingEntry {
  std::string name;         // a field of the upstream schema
  std::string column_name;  // unique within the mapping
  std::string column_type;  // ClickHouse type text, trimmed

  bool operator==(const MappingEntry&) const = default;
};

struct SinkConfig {
  std::string type = "clickhouse";  // lower-cased
  ClickHouseConnection connection;
  std::string table;
  uint64_t max_batch_size = 1000;                   // > 0
  std::chrono::milliseconds max_delay_time{60000};  // > 0
  std::vector<MappingEntry> mapping;

  bool operator==(const SinkConfig&) const = default;
};

struct Pipeline {
  std::string version = "v3";
  std::string pipeline_id;  // trimmed; 5-40 chars of [a-z0-9-], k8s-name rules
  std::string name;
  std::vector<std::string> tags;  // metadata.tags
  std::vector<KafkaSource> sources;
  SinkConfig sink;

  bool operator==(const Pipeline&) const = default;
};

// The Kafka consumer group of a pipeline: "sluice-<pipeline_id>". Stable for a given id, so
// deleting and re-creating a pipeline with the same id resumes from the committed offsets.
std::string consumer_group_name(const Pipeline& pipeline);

}  // namespace sluice::config
