#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <utility>

#include "config/diagnostic.h"
#include "config/pipeline.h"

// Readers for the values whose rules do not fit a generic row builder of config/field_spec.h. Used
// by the tables in config/pipeline_spec.cpp; signatures match NodeReader<T>.
namespace sluice::config {

void read_version(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_pipeline_id(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_resources(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_metadata(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);

void read_source_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                      KafkaSource& out);
void read_schema_version(const YAML::Node& value, const Where& at, Diagnostics& diags,
                         KafkaSource& out);
void read_join_type(const YAML::Node& value, const Where& at, Diagnostics& diags, JoinConfig& out);
void read_librdkafka_properties(const YAML::Node& value, const Where& at, Diagnostics& diags,
                                KafkaConnection& out);
void read_output_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                      StatelessOutput& out);
// A schema field type spelling (see config/field_type.h): its kind and the trimmed text.
std::optional<std::pair<FieldType, std::string>> read_type_name(const YAML::Node& value,
                                                                const Where& at,
                                                                Diagnostics& diags);
void read_field_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                     SchemaField& out);
void read_skip_auth(const YAML::Node& value, const Where& at, Diagnostics& diags,
                    KafkaConnection& out);
void read_clickhouse_host(const YAML::Node& value, const Where& at, Diagnostics& diags,
                          ClickHouseConnection& out);

// Whether a pipeline_id follows the rules (5-40 chars, ^[a-z][a-z0-9-]*[a-z0-9]$, no "--").
bool is_valid_pipeline_id(std::string_view id);

}  // namespace sluice::config
