#pragma once

#include <optional>
#include <string>

#include "clickhouse/client_options.h"

namespace sluice::clickhouse {

// True when every address `host` resolves to is a loopback address (127.0.0.0/8, ::1, or
// ::ffff:127.x.y.z); false when it resolves to any other address or does not resolve.
bool is_loopback_host(const std::string& host);

// `--compression auto` (nullopt): no compression to a server on this host, LZ4 otherwise.
// ClickHouse's own client and its Distributed connections choose the same way: on the loopback
// compressing costs both sides CPU and saves nothing worth having.
Compression resolve_compression(std::optional<Compression> chosen, const std::string& host);

const char* compression_name(Compression c);

}  // namespace sluice::clickhouse
