#pragma once

#include <string>
#include <string_view>
#include <vector>

// The client properties the linked librdkafka knows, read from librdkafka itself at run time
// (rd_kafka_conf_properties_show), so the escape hatch `connection_params.librdkafka` is
// checked against the exact version in use rather than a copied list.
namespace sluice::config {

// Every property name (global and topic-level) that applies to a consumer, in librdkafka's
// order. Computed once; thread-safe.
const std::vector<std::string>& librdkafka_consumer_property_names();

// Whether `name` may be given in `connection_params.librdkafka`. When not, `problem` says why
// and `hint` what to do (a "did you mean" for misspellings). Properties that Sluice sets from
// the pipeline itself and that delivery depends on (group.id, enable.auto.commit, ...) are
// refused; so are the ones that have their own pipeline key (bootstrap.servers, ...).
bool check_librdkafka_property(std::string_view name, std::string& problem, std::string& hint);

}  // namespace sluice::config
