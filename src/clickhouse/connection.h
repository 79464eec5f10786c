#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "clickhouse/client_options.h"
#include "clickhouse/handshake.h"
#include "clickhouse/insert_client.h"
#include "clickhouse/result_decoder.h"
#include "clickhouse/settings_encoder.h"
#include "clickhouse/transport.h"
#include "clickhouse/wire_reader.h"
#include "clickhouse/wire_writer.h"

namespace sluice::clickhouse {

// One native-protocol connection to a ClickHouse server (revision negotiated from
// kClientRevision = 54450).
//
// Threading: used by one thread at a time; no internal locking.
// Errors: server exceptions are ServerError (server_code set, retriable per error_codes.h) and
// leave the connection usable. Socket failures (Network/Timeout, retriable) and protocol
// desyncs (Protocol) mark it broken: every later call fails fast with the original error, and
// the owner should open a new connection.
// INSERT: begin_insert, any number of send_block, end_insert. Other calls are refused in
// between (InvalidArgument).
class Connection final : public InsertClient {
 public:
  // Connects over TCP, or TLS when options.secure (options.port is used as given).
  static Result<std::unique_ptr<Connection>> open(const ConnectionOptions& options);
  // Same over a given transport (tests use MemoryTransport).
  static Result<std::unique_ptr<Connection>> open(const ConnectionOptions& options,
                                                  std::unique_ptr<Transport> transport);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const ServerInfo& server() const override { return server_; }
  uint64_t revision() const override { return revision_; }  // negotiated

  Status ping() override;
  // DDL etc.; any result rows are read and discarded.
  Status execute(std::string_view sql, const Settings& settings = {}) override;
  Result<QueryResult> query(std::string_view sql, const Settings& settings = {}) override;
  // `INSERT INTO t (cols) VALUES` without data. Returns the server's header: names and exact
  // type strings, which the blocks must use.
  Result<std::vector<ColumnHeader>> begin_insert(std::string_view insert_sql,
                                                 const Settings& settings = {}) override;
  // One block body in Native format without BlockInfo: VarUInt ncols, VarUInt nrows, then per
  // column String name, String type, data. BlockInfo is prepended and the block compressed
  // per the options. May be called several times.
  Status send_block(std::string_view native_block_body) override;
  // Sends the empty block, then waits for EndOfStream (ok) or the server's Exception.
  Status end_insert() override;
  bool broken() const override { return broken_.has_value(); }

 private:
  enum class State { Idle, Inserting };
  enum class Until { EndOfStream, InsertHeader };

  Connection(const ConnectionOptions& options, std::unique_ptr<Transport> transport);
  Status handshake();
  Status check_usable(State expected) const;
  // Marks the connection broken if `error` is a transport or protocol failure.
  Error fail(Error error);
  Status send_query(std::string_view sql, const Settings& settings);
  // Appends a Data packet with BlockInfo + `body` (empty body: the empty block).
  Status write_data_packet(std::string_view body);
  Status skip_progress();
  Status read_block(bool compressed, DecodedBlock& block, bool decode_values);
  // Reads packets until EndOfStream, an Exception (returned) or, for InsertHeader, the first
  // Data. Data blocks are appended to `result` when it is not null.
  Status read_response(Until until, QueryResult* result, std::vector<ColumnHeader>* header);

  ConnectionOptions options_;
  std::unique_ptr<Transport> transport_;
  WireReader reader_;
  WireWriter writer_;
  ClientIdentity identity_;
  ServerInfo server_;
  uint64_t revision_ = 0;
  State state_ = State::Idle;
  std::optional<Error> broken_;
  std::string scratch_;
};

}  // namespace sluice::clickhouse
