#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/varint.h"
#include "clickhouse/compressed_frame.h"
#include "clickhouse/transport.h"

namespace sluice::clickhouse {

// Buffered writer of native-protocol primitives over a Transport. Nothing reaches the
// transport until flush() (or a large write_raw_direct()). Not thread-safe. The Transport must
// outlive the writer.
class WireWriter {
 public:
  WireWriter(Transport& transport, std::chrono::milliseconds timeout)
      : transport_(transport), timeout_(timeout) {}

  void write_varuint(uint64_t v) { append_varuint(buf_, v); }
  void write_string(std::string_view s) { append_binary_string(buf_, s); }
  void write_raw(std::string_view s) { buf_.append(s.data(), s.size()); }
  template <typename T>
  void write_fixed(T v) {
    append_fixed(buf_, v);
  }
  // Appends `data` as compressed frames.
  Status write_compressed(std::string_view data, FrameMethod method) {
    return compress(data, method, buf_);
  }
  // Flushes the buffer, then writes `data` straight to the transport (avoids copying big
  // uncompressed blocks).
  Status write_raw_direct(std::string_view data);

  Status flush();
  // Drops unsent bytes (after a failure, when the connection is going away anyway).
  void discard() { buf_.clear(); }
  size_t buffered() const { return buf_.size(); }

 private:
  Transport& transport_;
  std::chrono::milliseconds timeout_;
  std::string buf_;
};

}  // namespace sluice::clickhouse
