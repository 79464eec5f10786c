#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The typed model of a V3 pipeline file (GlassFlow-compatible). Produced only by the loader
// (config/pipeline_loader.h) after validation passed, so code holding a Pipeline may rely on
// every rule in config/pipeline_spec.cpp: e.g. one source (two only with an enabled join),
// non-empty schema and mapping, every mapping name is a field of the sink's upstream schema,
// every source_id reference exists, ports in 1..65535, root_ca/client_cert/client_key in PEM.
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
  std::string kerberos_keytab;  // base64 of the keytab file, or a path to it (see kafka_properties)
  std::string kerberos_config;  // krb5.conf text
  // Extra librdkafka client properties (`librdkafka: {name: value}`), in file order; names
  // were checked against librdkafka's own list and exclude the ones Sluice must control.
  std::vector<std::pair<std::string, std::string>> librdkafka;

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

enum class ClickHouseProtocol { Native, Http };

struct ClickHouseConnection {
  std::string host;
  uint16_t port = 9000;       // native TCP protocol port (9440 with TLS)
  uint16_t http_port = 8123;  // only for tools that introspect over HTTP
  std::string database = "default";
  std::string username = "default";
  std::string password;  // may be empty (the `default` user often has none)
  bool secure = false;
  bool skip_certificate_verification = false;
  // Sluice extensions (not in the reference's format):
  ClickHouseProtocol protocol = ClickHouseProtocol::Native;  // which port/protocol inserts use
  std::string ca_file;  // path of a PEM CA bundle to trust with secure; empty = system CAs

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

// transforms[] entries. Only the config matching `type` is meaningful.
enum class TransformType { Dedup, Filter, Stateless };

struct DedupConfig {
  std::string key;                           // a field of the source's schema
  std::chrono::milliseconds time_window{0};  // > 0

  bool operator==(const DedupConfig&) const = default;
};

struct FilterConfig {
  std::string expression;  // keep-predicate (true = keep); non-blank

  bool operator==(const FilterConfig&) const = default;
};

struct StatelessOutput {
  std::string expression;   // non-blank
  std::string output_name;  // unique within the step
  FieldType output_type = FieldType::String;
  std::string declared_output_type;  // as written

  bool operator==(const StatelessOutput&) const = default;
};

struct StatelessConfig {
  std::vector<StatelessOutput> transforms;  // non-empty

  bool operator==(const StatelessConfig&) const = default;
};

struct Transform {
  TransformType type = TransformType::Dedup;
  std::string source_id;  // one of the pipeline's sources
  DedupConfig dedup;
  FilterConfig filter;
  StatelessConfig stateless;

  bool operator==(const Transform&) const = default;
};

struct JoinSide {
  std::string source_id;                     // one of the pipeline's sources; left and right differ
  std::string key;                           // a field of that source's (transformed) schema
  std::chrono::milliseconds time_window{0};  // 0 = no expiry

  bool operator==(const JoinSide&) const = default;
};

struct JoinOutputField {
  std::string source_id;
  std::string name;
  std::string output_name;  // defaults to `name` (filled in by the loader)

  bool operator==(const JoinOutputField&) const = default;
};

struct JoinConfig {
  bool enabled = false;  // when false nothing else here is used
  std::string type = "temporal";
  JoinSide left, right;
  std::vector<JoinOutputField> output_fields;

  bool operator==(const JoinConfig&) const = default;
};

struct Pipeline {
  std::string version = "v3";
  std::string pipeline_id;  // trimmed; 5-40 chars of [a-z0-9-], k8s-name rules
  std::string name;
  std::vector<std::string> tags;  // metadata.tags
  std::vector<KafkaSource> sources;
  std::vector<Transform> transforms;  // in file order, which is execution order per source
  JoinConfig join;
  SinkConfig sink;
  std::string resources;  // the `resources` section as compact JSON (kept, ignored), or empty

  bool operator==(const Pipeline&) const = default;
};

// The Kafka consumer group of a pipeline: "sluice-<pipeline_id>". Stable for a given id, so
// deleting and re-creating a pipeline with the same id resumes from the committed offsets.
std::string consumer_group_name(const Pipeline& pipeline);

// The source with this id, or nullptr.
const KafkaSource* find_source(const Pipeline& pipeline, std::string_view source_id);

}  // namespace sluice::config
