#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

#include "base/result.h"

namespace sluice::clickhouse {

// A connected byte stream to a ClickHouse server: plain TCP (TcpTransport) or TLS (TlsTransport).
// The protocol code (WireReader, WireWriter, Connection) sees only this interface, so a new
// transport needs no change there.
//
// Contract: used by one thread at a time. Failures are Error{Network, retriable} (reset,
// closed, refused) or Error{Timeout, retriable} (the wait ran out); after any failure the
// transport is unusable and the caller drops the connection.
class Transport {
 public:
  virtual ~Transport() = default;

  // Reads between 1 and `size` bytes into `buf`, waiting at most `timeout` for the first byte.
  // End of stream is an error (the server never closes a healthy connection first).
  virtual Result<size_t> read_some(char* buf, size_t size, std::chrono::milliseconds timeout) = 0;

  // Writes all of `data`; `timeout` bounds each wait for the socket to accept more.
  virtual Status write_all(std::string_view data, std::chrono::milliseconds timeout) = 0;

  // Closes the stream. Idempotent; later reads and writes fail.
  virtual void close() = 0;
};

}  // namespace sluice::clickhouse
