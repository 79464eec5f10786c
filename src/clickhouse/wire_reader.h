#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>

#include "base/result.h"
#include "clickhouse/transport.h"

namespace sluice::clickhouse {

// Buffered reader of native-protocol primitives over a Transport.
//
// Two sources: the raw stream, and (between begin_compressed() and end_compressed()) the
// contents of compressed frames read from the raw stream, checksum-verified. Every failure is
// either the transport's (Network/Timeout) or ErrorCode::Protocol; after one the stream
// position is unknown and the caller must treat the connection as broken.
// Not thread-safe. The Transport must outlive the reader.
class WireReader {
 public:
  WireReader(Transport& transport, std::chrono::milliseconds timeout);

  Status read_exact(char* dst, size_t n);
  Status skip(size_t n);
  Result<uint64_t> read_varuint();
  // A VarUInt length and the bytes; refuses lengths above kMaxStringSize.
  Status read_string(std::string& out);
  Result<std::string> read_string();
  Result<uint8_t> read_u8() { return read_fixed<uint8_t>(); }
  // Raw bytes read from the transport but not consumed yet.
  size_t buffered() const { return raw_end_ - raw_pos_; }

  // Fixed-width little-endian value.
  template <typename T>
  Result<T> read_fixed() {
    T v;
    SLUICE_RETURN_IF_ERROR(read_exact(reinterpret_cast<char*>(&v), sizeof(T)));
    return v;
  }

  // Switches to reading decoded frames. Every frame is read whole and verified.
  void begin_compressed();
  // Switches back to raw. It is a protocol error if a decoded frame was not used up: writers
  // end each block on a frame boundary.
  Status end_compressed();
  bool compressed() const { return compressed_; }

  // ClickHouse refuses strings larger than this in the protocol, and so do we.
  static constexpr uint64_t kMaxStringSize = 1ULL << 30;

 private:
  // Makes at least one byte available in the active source.
  Status refill();
  Status refill_raw();
  Status read_raw_exact(char* dst, size_t n);
  Status next_frame();

  Transport& transport_;
  std::chrono::milliseconds timeout_;

  std::string raw_;
  size_t raw_pos_ = 0;
  size_t raw_end_ = 0;

  bool compressed_ = false;
  std::string frame_;  // head + payload of the frame being decoded
  std::string plain_;  // decoded contents of the current frame
  size_t plain_pos_ = 0;
};

}  // namespace sluice::clickhouse
