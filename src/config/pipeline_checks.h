#pragma once

#include <yaml-cpp/yaml.h>

#include "config/diagnostic.h"
#include "config/pipeline.h"

// Rules that involve more than one field, run after the fields of an object were read
// (so they see defaults and normalised values). Each reports into Diagnostics and may finish
// normalising the object (e.g. certificates to PEM).
namespace sluice::config {

void check_pipeline(const YAML::Node& node, const Where& at, Diagnostics& diags, Pipeline& out);
void check_kafka_source(const YAML::Node& node, const Where& at, Diagnostics& diags,
                        KafkaSource& out);
void check_kafka_connection(const YAML::Node& node, const Where& at, Diagnostics& diags,
                            KafkaConnection& out);
void check_join_section(const YAML::Node& node, const Where& at, Diagnostics& diags,
                        JoinConfig& out);
// References between sections (config/pipeline_references.cpp): source_ids of transforms
// and join, keys and mapping names against the upstream schema, column types.
void check_references(const YAML::Node& root, const Where& at, Diagnostics& diags,
                      const Pipeline& out);
void check_sink(const YAML::Node& node, const Where& at, Diagnostics& diags, SinkConfig& out);
void check_clickhouse_connection(const YAML::Node& node, const Where& at, Diagnostics& diags,
                                 ClickHouseConnection& out);

}  // namespace sluice::config
