#pragma once

#include "clickhouse/client_options.h"
#include "config/pipeline.h"

namespace sluice::config {

// Client options for the sink's `connection_params`: host, port (native, or http_port with
// `protocol: http`), credentials, TLS (`secure`, `skip_certificate_verification`, `ca_file`).
// One mapping for the sink and for the start-up checks, so both reach the server the same way.
clickhouse::ConnectionOptions clickhouse_options(const ClickHouseConnection& c);

}  // namespace sluice::config
