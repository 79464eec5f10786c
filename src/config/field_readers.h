#pragma once

#include <yaml-cpp/yaml.h>

#include "config/diagnostic.h"
#include "config/pipeline.h"

// Readers for the values whose rules do not fit a generic row builder of config/field_spec.h,
// and for sections that are recognised but not supported yet. Used by the tables in
// config/pipeline_spec.cpp; signatures match NodeReader<T>.
namespace sluice::config {

void read_version(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_pipeline_id(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_transforms(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_join(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_resources(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);
void read_metadata(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out);

void read_source_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                      KafkaSource& out);
void read_schema_version(const YAML::Node& value, const Where& at, Diagnostics& diags,
                         KafkaSource& out);
void read_field_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                     SchemaField& out);
void read_skip_auth(const YAML::Node& value, const Where& at, Diagnostics& diags,
                    KafkaConnection& out);
void read_clickhouse_host(const YAML::Node& value, const Where& at, Diagnostics& diags,
                          ClickHouseConnection& out);

// Whether a pipeline_id follows the rules (5-40 chars, ^[a-z][a-z0-9-]*[a-z0-9]$, no "--").
bool is_valid_pipeline_id(std::string_view id);

}  // namespace sluice::config
