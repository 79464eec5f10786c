#pragma once

#include <memory>
#include <string>

#include "clickhouse/transport.h"

namespace sluice::clickhouse {

// An in-memory Transport for tests: reads come from a script of server bytes, writes are
// recorded. Reading past the script is a Network error, like a server that hung up. The
// state is shared (MemoryTransport::State) so a test keeps a handle after handing the
// transport to a Connection. One thread at a time.
class MemoryTransport final : public Transport {
 public:
  struct State {
    std::string to_client;            // bytes the "server" sends, consumed from the front
    std::string from_client;          // everything the client wrote
    size_t max_read_chunk = 1 << 20;  // lower it to exercise partial reads
    bool closed = false;
  };

  explicit MemoryTransport(std::shared_ptr<State> state) : state_(std::move(state)) {}

  Result<size_t> read_some(char* buf, size_t size, std::chrono::milliseconds timeout) override;
  Status write_all(std::string_view data, std::chrono::milliseconds timeout) override;
  void close() override { state_->closed = true; }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace sluice::clickhouse
