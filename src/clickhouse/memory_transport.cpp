#include "clickhouse/memory_transport.h"

#include <algorithm>
#include <cstring>

namespace sluice::clickhouse {

Result<size_t> MemoryTransport::read_some(char* buf, size_t size, std::chrono::milliseconds) {
  if (state_->closed) return Error(ErrorCode::Network, "memory transport: closed", true);
  if (state_->to_client.empty()) {
    return Error(ErrorCode::Network, "memory transport: connection closed by the server", true);
  }
  size_t n = std::min({size, state_->to_client.size(), state_->max_read_chunk});
  std::memcpy(buf, state_->to_client.data(), n);
  state_->to_client.erase(0, n);
  return n;
}

Status MemoryTransport::write_all(std::string_view data, std::chrono::milliseconds) {
  if (state_->closed) return Error(ErrorCode::Network, "memory transport: closed", true);
  state_->from_client.append(data.data(), data.size());
  return Status::success();
}

}  // namespace sluice::clickhouse
