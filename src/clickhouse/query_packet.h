#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "clickhouse/handshake.h"
#include "clickhouse/settings_encoder.h"

namespace sluice::clickhouse {

// Everything that varies in a Query packet.
struct QueryPacket {
  std::string_view query_id;  // "" lets the server pick one
  std::string_view sql;
  const Settings* settings = nullptr;  // may be null: no settings
  bool compression = false;
};

// Appends a Query packet (type 1) with its ClientInfo, laid out for negotiated revision
// `revision` (the identity's announced_revision goes into client_tcp_protocol_version).
// Appends nothing on failure (only settings can fail: see encode_settings). Pure function.
Status encode_query(const ClientIdentity& client, uint64_t revision, const QueryPacket& query,
                    std::string& out);

// Appends an uncompressed Data packet holding the empty block (0 columns, 0 rows).
// Sent after every Query (end of external tables) and at the end of an INSERT.
void encode_empty_data_uncompressed(std::string& out);

}  // namespace sluice::clickhouse
