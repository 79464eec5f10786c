#include "config/pipeline_spec.h"

#include "config/field_readers.h"
#include "config/pipeline_checks.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

using Kafka = KafkaConnection;
using ClickHouse = ClickHouseConnection;

const ObjectSpec<SchemaField>& schema_field_spec() {
  static const ObjectSpec<SchemaField> spec{
      .path = "sources[].schema_fields[]",
      .fields = {
          text_field({"name", Need::Required, "",
                      "the field's name in the message; dots reach "
                      "into nested objects (\"user.id\")"},
                     &SchemaField::name, {.non_blank = true}),
          custom_field<SchemaField>({"type", Need::Required, "",
                                     "the field's type: string, int, "
                                     "uint, float, bool, array, map or datetime"},
                                    "string", read_field_type),
      }};
  return spec;
}

const ObjectSpec<Kafka>& kafka_connection_spec() {
  static const ObjectSpec<Kafka> spec{
      .path = "sources[].connection_params",
      .fields =
          {
              text_list_field({"brokers", Need::Required, "",
                               "the Kafka bootstrap servers "
                               "(host:port)"},
                              &Kafka::brokers,
                              {.min_items = 1,
                               .empty_hint = "list at least one broker, e.g. "
                                             "[\"kafka:9092\"]"},
                              {.non_blank = true, .trim = true}),
              text_field({"protocol", Need::Optional, "PLAINTEXT", "the security protocol"},
                         &Kafka::protocol,
                         {.one_of = {"PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL"}}),
              text_field(
                  {"mechanism", Need::Optional, "NO_AUTH", "the SASL mechanism"}, &Kafka::mechanism,
                  {.one_of = {"NO_AUTH", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI"}}),
              text_field({"username", Need::Optional, "",
                          "the SASL user (the principal for "
                          "GSSAPI)"},
                         &Kafka::username),
              text_field({"password", Need::Optional, "", "the SASL password"}, &Kafka::password),
              text_field({"root_ca", Need::Optional, "",
                          "the CA certificate to trust, PEM text or "
                          "base64 of PEM (default: the system's CAs)"},
                         &Kafka::root_ca),
              bool_field({"skip_tls_verification", Need::Optional, "false",
                          "do not verify the "
                          "broker's certificate"},
                         &Kafka::skip_tls_verification),
              text_field({"client_cert", Need::Optional, "",
                          "the client certificate for mutual "
                          "TLS, PEM text or base64 of PEM"},
                         &Kafka::client_cert),
              text_field({"client_key", Need::Optional, "",
                          "the client key for mutual TLS, PEM "
                          "text or base64 of PEM"},
                         &Kafka::client_key),
              custom_field<Kafka>({"skip_auth", Need::Optional, "", "legacy; ignored"}, "bool",
                                  read_skip_auth),
              text_field({"kerberos_service_name", Need::Optional, "",
                          "the Kerberos service name "
                          "of the brokers (GSSAPI)"},
                         &Kafka::kerberos_service_name),
              text_field({"kerberos_realm", Need::Optional, "", "the Kerberos realm (GSSAPI)"},
                         &Kafka::kerberos_realm),
              text_field({"kerberos_keytab", Need::Optional, "",
                          "the keytab file, base64-encoded, or the path of a keytab file "
                          "(GSSAPI)"},
                         &Kafka::kerberos_keytab),
              text_field({"kerberos_config", Need::Optional, "", "the krb5.conf text (GSSAPI)"},
                         &Kafka::kerberos_config),
              custom_field<Kafka>({"librdkafka", Need::Optional, "",
                                   "Sluice extension: extra librdkafka client properties, "
                                   "{name: value}; names are checked against librdkafka's list"},
                                  "object", read_librdkafka_properties),
          },
      .check = check_kafka_connection};
  return spec;
}

const ObjectSpec<KafkaSource>& kafka_source_spec() {
  static const ObjectSpec<KafkaSource> spec{
      .path = "sources[]",
      .fields =
          {
              custom_field<KafkaSource>({"type", Need::Required, "", "the source type: kafka"},
                                        "string", read_source_type),
              text_field({"source_id", Need::Required, "",
                          "a name for this source, unique in "
                          "the pipeline"},
                         &KafkaSource::source_id, {.non_blank = true, .trim = true}),
              object_field({"connection_params", Need::Required, "",
                            "how to reach the Kafka "
                            "cluster (brokers, protocol, mechanism, ...)"},
                           &KafkaSource::connection, kafka_connection_spec),
              text_field({"topic", Need::Required, "", "the Kafka topic to read"},
                         &KafkaSource::topic, {.non_blank = true, .trim = true}),
              choice_field(
                  {"consumer_group_initial_offset", Need::Optional, "latest",
                   "where a "
                   "new consumer group starts reading: earliest or latest"},
                  &KafkaSource::initial_offset,
                  {{"earliest", InitialOffset::Earliest}, {"latest", InitialOffset::Latest}}),
              object_list_field({"schema_fields", Need::Required, "",
                                 "the message fields, each "
                                 "{name, type}"},
                                &KafkaSource::schema_fields, schema_field_spec,
                                {.min_items = 1,
                                 .empty_hint = "list the message fields, each "
                                               "with a name and a type"}),
              unsupported_field<KafkaSource>(
                  {"schema_registry", Need::Optional, "", "not supported yet"}, "object",
                  "schema registries are not supported yet (they are planned); messages are read "
                  "as JSON with the schema given in schema_fields",
                  "remove schema_registry and list the message fields in schema_fields"),
              custom_field<KafkaSource>({"schema_version", Need::Optional, "",
                                         "ignored without "
                                         "a schema registry"},
                                        "string", read_schema_version),
          },
      .check = check_kafka_source};
  return spec;
}

const ObjectSpec<ClickHouse>& clickhouse_connection_spec() {
  static const ObjectSpec<ClickHouse> spec{
      .path = "sink.connection_params",
      .fields =
          {
              custom_field<ClickHouse>({"host", Need::Required, "",
                                        "the ClickHouse server's host "
                                        "name or address, without a scheme"},
                                       "string", read_clickhouse_host),
              port_field({"port", Need::Optional, "9000",
                          "the native protocol TCP port (9440 "
                          "with TLS)"},
                         &ClickHouse::port),
              port_field({"http_port", Need::Optional, "8123",
                          "the HTTP port (8443 with TLS), used by tools and by protocol: http"},
                         &ClickHouse::http_port),
              text_field({"database", Need::Optional, "default", "the database of the table"},
                         &ClickHouse::database, {.non_blank = true, .trim = true}),
              text_field({"username", Need::Optional, "default", "the ClickHouse user"},
                         &ClickHouse::username, {.non_blank = true, .trim = true}),
              text_field({"password", Need::Optional, "", "the user's password (may be empty)"},
                         &ClickHouse::password),
              bool_field({"secure", Need::Optional, "false", "connect with TLS"},
                         &ClickHouse::secure),
              bool_field({"skip_certificate_verification", Need::Optional, "false",
                          "do not "
                          "verify the server's certificate (with secure)"},
                         &ClickHouse::skip_certificate_verification),
              choice_field(
                  {"protocol", Need::Optional, "native",
                   "Sluice extension: the ClickHouse protocol inserts use: native (TCP "
                   "port) or http (http_port)"},
                  &ClickHouse::protocol,
                  {{"native", ClickHouseProtocol::Native}, {"http", ClickHouseProtocol::Http}}),
              text_field({"ca_file", Need::Optional, "",
                          "Sluice extension: the path of a PEM CA bundle to trust with secure "
                          "(default: the system's CAs)"},
                         &ClickHouse::ca_file,
                         {.non_blank = true,
                          .trim = true,
                          .blank_hint = "give the path of a PEM CA bundle, or remove ca_file"}),
          },
      .check = check_clickhouse_connection};
  return spec;
}

const ObjectSpec<MappingEntry>& mapping_entry_spec() {
  static const ObjectSpec<MappingEntry> spec{
      .path = "sink.mapping[]",
      .fields = {
          text_field({"name", Need::Required, "", "the source field to write"}, &MappingEntry::name,
                     {.non_blank = true}),
          text_field({"column_name", Need::Required, "", "the table column to write it to"},
                     &MappingEntry::column_name, {.non_blank = true, .trim = true}),
          text_field({"column_type", Need::Required, "",
                      "the column's ClickHouse type, e.g. "
                      "String; must be a type Sluice can write"},
                     &MappingEntry::column_type, {.non_blank = true, .trim = true}),
      }};
  return spec;
}

const ObjectSpec<DedupConfig>& dedup_config_spec() {
  static const ObjectSpec<DedupConfig> spec{
      .path = "transforms[].config (dedup)",
      .fields = {
          text_field({"key", Need::Required, "",
                      "the field whose value identifies duplicates (a field of the source's "
                      "schema at this step)"},
                     &DedupConfig::key, {.non_blank = true, .trim = true}),
          window_field({"time_window", Need::Required, "",
                        "how long a key is remembered, e.g. \"1h\"; greater than 0"},
                       &DedupConfig::time_window, ZeroWindow::Error),
      }};
  return spec;
}

const ObjectSpec<FilterConfig>& filter_config_spec() {
  static const ObjectSpec<FilterConfig> spec{
      .path = "transforms[].config (filter)",
      .fields = {
          text_field({"expression", Need::Required, "",
                      "a keep-predicate: records for which it is true are kept"},
                     &FilterConfig::expression, {.non_blank = true}),
      }};
  return spec;
}

const ObjectSpec<StatelessOutput>& stateless_output_spec() {
  static const ObjectSpec<StatelessOutput> spec{
      .path = "transforms[].config.transforms[] (stateless)",
      .fields = {
          text_field({"expression", Need::Required, "",
                      "the expression computing the output (a field name passes it through)"},
                     &StatelessOutput::expression, {.non_blank = true}),
          text_field({"output_name", Need::Required, "", "the name of the output field"},
                     &StatelessOutput::output_name, {.non_blank = true, .trim = true}),
          custom_field<StatelessOutput>(
              {"output_type", Need::Required, "", "the output field's type (as in schema_fields)"},
              "string", read_output_type),
      }};
  return spec;
}

const ObjectSpec<StatelessConfig>& stateless_config_spec() {
  static const ObjectSpec<StatelessConfig> spec{
      .path = "transforms[].config (stateless)",
      .fields = {
          object_list_field({"transforms", Need::Required, "",
                             "the output fields, each {expression, output_name, output_type}; "
                             "the output holds only these"},
                            &StatelessConfig::transforms, stateless_output_spec,
                            {.min_items = 1, .empty_hint = "list at least one output field"}),
      }};
  return spec;
}

// A transform's config keys depend on its type, so the config is read after the type, in the
// object's check (which sees the raw node).
void read_transform_config(const YAML::Node& node, const Where& at, Diagnostics& diags,
                           Transform& out) {
  const YAML::Node config = value_of(node, "config");
  const YAML::Node type = value_of(node, "type");
  if (is_absent(config) || !type.IsScalar()) return;  // already reported
  const std::string name = to_lower(trim(type.Scalar()));
  const Where config_at = where_of(node, at, "config");
  if (name == "dedup") {
    read_object(dedup_config_spec(), config, config_at, diags, out.dedup);
  } else if (name == "filter") {
    read_object(filter_config_spec(), config, config_at, diags, out.filter);
  } else if (name == "stateless") {
    read_object(stateless_config_spec(), config, config_at, diags, out.stateless);
  }
}

const ObjectSpec<Transform>& transform_spec() {
  static const ObjectSpec<Transform> spec{
      .path = "transforms[]",
      .fields =
          {
              choice_field({"type", Need::Required, "", "the step: dedup, filter or stateless"},
                           &Transform::type,
                           {{"dedup", TransformType::Dedup},
                            {"filter", TransformType::Filter},
                            {"stateless", TransformType::Stateless}}),
              text_field({"source_id", Need::Required, "", "the source the step applies to"},
                         &Transform::source_id, {.non_blank = true, .trim = true}),
              custom_field<Transform>(
                  {"config", Need::Required, "", "the step's settings (see the sections below)"},
                  "object", ignore_value<Transform>),
          },
      .check = read_transform_config};
  return spec;
}

const ObjectSpec<JoinSide>& join_side_spec() {
  static const ObjectSpec<JoinSide> spec{
      .path = "join.left_source / join.right_source",
      .fields = {
          text_field({"source_id", Need::Required, "", "the source on this side"},
                     &JoinSide::source_id, {.non_blank = true, .trim = true}),
          text_field({"key", Need::Required, "", "the field both sides are matched on"},
                     &JoinSide::key, {.non_blank = true, .trim = true}),
          window_field({"time_window", Need::Required, "",
                        "how long records of this side wait for a match; \"0s\" = no expiry"},
                       &JoinSide::time_window, ZeroWindow::Allowed),
      }};
  return spec;
}

const ObjectSpec<JoinOutputField>& join_output_field_spec() {
  static const ObjectSpec<JoinOutputField> spec{
      .path = "join.output_fields[]",
      .fields = {
          text_field({"source_id", Need::Required, "", "the source the field comes from"},
                     &JoinOutputField::source_id, {.non_blank = true, .trim = true}),
          text_field({"name", Need::Required, "", "the field of that source"},
                     &JoinOutputField::name, {.non_blank = true, .trim = true}),
          text_field(
              {"output_name", Need::Optional, "name", "the field's name in the joined record"},
              &JoinOutputField::output_name, {.non_blank = true, .trim = true}),
      }};
  return spec;
}

const ObjectSpec<JoinConfig>& join_spec() {
  static const ObjectSpec<JoinConfig> spec{
      .path = "join",
      .fields =
          {
              bool_field({"enabled", Need::Optional, "false",
                          "whether the join is on; when false the section is ignored"},
                         &JoinConfig::enabled),
              custom_field<JoinConfig>({"type", Need::Optional, "temporal",
                                        "the join type: temporal (empty means temporal)"},
                                       "string", read_join_type),
              object_field({"left_source", Need::Optional, "",
                            "{source_id, key, time_window} of the left side (required when "
                            "enabled)"},
                           &JoinConfig::left, join_side_spec),
              object_field({"right_source", Need::Optional, "",
                            "{source_id, key, time_window} of the right side, which keeps the "
                            "latest record per key (required when enabled)"},
                           &JoinConfig::right, join_side_spec),
              object_list_field(
                  {"output_fields", Need::Optional, "",
                   "the joined record's fields, each {source_id, name, output_name} "
                   "(required when enabled)"},
                  &JoinConfig::output_fields, join_output_field_spec,
                  {.min_items = 1, .empty_hint = "list the fields of the joined record"}),
          },
      .check = check_join_section};
  return spec;
}

const ObjectSpec<SinkConfig>& sink_spec() {
  static const ObjectSpec<SinkConfig> spec{
      .path = "sink",
      .fields =
          {
              text_field({"type", Need::Optional, "clickhouse", "the sink type: clickhouse"},
                         &SinkConfig::type,
                         {.trim = true, .one_of = {"clickhouse"}, .fold_case = true}),
              object_field({"connection_params", Need::Required, "",
                            "how to reach ClickHouse "
                            "(host, port, database, username, password, ...)"},
                           &SinkConfig::connection, clickhouse_connection_spec),
              text_field({"table", Need::Required, "", "the ClickHouse table to insert into"},
                         &SinkConfig::table, {.non_blank = true, .trim = true}),
              count_field({"max_batch_size", Need::Optional, "1000", "the most rows per insert"},
                          &SinkConfig::max_batch_size),
              duration_field({"max_delay_time", Need::Optional, "60s",
                              "the longest a row waits "
                              "before its batch is inserted"},
                             &SinkConfig::max_delay_time, "ms"),
              object_list_field({"mapping", Need::Required, "",
                                 "which field goes to which "
                                 "column, each {name, column_name, column_type}"},
                                &SinkConfig::mapping, mapping_entry_spec,
                                {.min_items = 1,
                                 .empty_hint = "map at least one field to a "
                                               "column"}),
          },
      .check = check_sink};
  return spec;
}

}  // namespace

const ObjectSpec<Pipeline>& pipeline_spec() {
  static const ObjectSpec<Pipeline> spec{
      .path = "",
      .fields =
          {
              custom_field<Pipeline>({"version", Need::Optional, "v3",
                                      "the file format version: "
                                      "v3"},
                                     "string", read_version),
              custom_field<Pipeline>({"pipeline_id", Need::Required, "",
                                      "the pipeline's id: "
                                      "5-40 lowercase letters, digits and '-'"},
                                     "string", read_pipeline_id),
              text_field({"name", Need::Optional, "", "a display name"}, &Pipeline::name),
              object_list_field(
                  {"sources", Need::Required, "", "the Kafka sources: one, or two with a join"},
                  &Pipeline::sources, kafka_source_spec,
                  {.min_items = 1,
                   .empty_hint = "add a Kafka source with "
                                 "source_id, connection_params, "
                                 "topic and schema_fields"}),
              object_list_field({"transforms", Need::Optional, "",
                                 "dedup, filter and stateless steps, run per source in this "
                                 "order"},
                                &Pipeline::transforms, transform_spec),
              object_field({"join", Need::Optional, "", "a temporal join of the two sources"},
                           &Pipeline::join, join_spec),
              object_field({"sink", Need::Required, "",
                            "the ClickHouse sink (connection_params, "
                            "table, mapping)"},
                           &Pipeline::sink, sink_spec),
              custom_field<Pipeline>({"metadata", Need::Optional, "", "{tags: [string]}"}, "object",
                                     read_metadata),
              custom_field<Pipeline>({"resources", Need::Optional, "",
                                      "Kubernetes sizing; "
                                      "accepted and ignored"},
                                     "object", read_resources),
          },
      .check = check_pipeline};
  return spec;
}

std::vector<ObjectDoc> pipeline_docs() {
  return {document(pipeline_spec()),
          document(kafka_source_spec()),
          document(kafka_connection_spec()),
          document(schema_field_spec()),
          document(transform_spec()),
          document(dedup_config_spec()),
          document(filter_config_spec()),
          document(stateless_config_spec()),
          document(stateless_output_spec()),
          document(join_spec()),
          document(join_side_spec()),
          document(join_output_field_spec()),
          document(sink_spec()),
          document(clickhouse_connection_spec()),
          document(mapping_entry_spec())};
}

}  // namespace sluice::config
