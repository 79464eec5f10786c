#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "clickhouse/client_options.h"
#include "clickhouse/handshake.h"
#include "clickhouse/result_decoder.h"
#include "clickhouse/settings_encoder.h"

namespace sluice::clickhouse {

// What the sink needs from a ClickHouse client, whichever the wire: the native protocol
// (Connection, over TCP or TLS) or HTTP(S) (HttpClient). Blocks are always Native block bodies
// without BlockInfo, as native::BlockEncoder writes them.
//
// INSERT: begin_insert, any number of send_block, end_insert. Errors follow Connection's rules:
// server exceptions are ServerError with server_code set (retriable per error_codes.h); socket
// trouble is Network/Timeout (retriable) and makes broken() true, after which the owner opens a
// new client. One thread at a time.
class InsertClient {
 public:
  virtual ~InsertClient() = default;

  virtual const ServerInfo& server() const = 0;
  // The native protocol revision the blocks are written for; 0 over HTTP (no custom
  // serialization byte: BlockEncoder::set_write_custom_serialization_flag(revision() >= 54454)).
  virtual uint64_t revision() const = 0;

  virtual Status ping() = 0;
  virtual Status execute(std::string_view sql, const Settings& settings = {}) = 0;
  virtual Result<QueryResult> query(std::string_view sql, const Settings& settings = {}) = 0;
  // `INSERT INTO t (cols) VALUES` (no data): returns the columns the blocks must carry, with
  // the server's exact type strings.
  virtual Result<std::vector<ColumnHeader>> begin_insert(std::string_view insert_sql,
                                                         const Settings& settings = {}) = 0;
  virtual Status send_block(std::string_view native_block_body) = 0;
  // Completes the insert: the server has the rows when this returns success.
  virtual Status end_insert() = 0;
  virtual bool broken() const = 0;
};

// Opens the client `options.protocol` selects: Connection::open (native, TLS when secure) or
// HttpClient::open (http_port, HTTPS when secure).
Result<std::unique_ptr<InsertClient>> open_insert_client(const ConnectionOptions& options);

}  // namespace sluice::clickhouse
