#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "clickhouse/cityhash102.h"

namespace sluice::clickhouse {

// ClickHouse's compressed framing (src/Compression/CompressionInfo.h), as used on the native
// protocol when a query has compression=1:
//   16 B CityHash128 v1.0.2 of everything after it (lo u64 LE, hi u64 LE)
//    1 B method
//    4 B u32 LE compressed size, including the 9 bytes of method and sizes
//    4 B u32 LE uncompressed size
//    payload (compressed size - 9 bytes)
enum class FrameMethod : uint8_t { None = 0x02, LZ4 = 0x82, ZSTD = 0x90 };

inline constexpr size_t kFrameChecksumSize = 16;
inline constexpr size_t kFrameHeaderSize = 9;  // method + two sizes
inline constexpr size_t kFrameHeadSize = kFrameChecksumSize + kFrameHeaderSize;
// Writers cut input into frames of at most this many bytes (max_compress_block_size).
inline constexpr size_t kMaxFrameInput = 1 << 20;
// Readers refuse frames claiming more than this (DBMS_MAX_COMPRESSED_SIZE).
inline constexpr size_t kMaxFrameSize = 0x40000000;

struct FrameHead {
  Hash128 checksum;
  FrameMethod method = FrameMethod::None;
  uint32_t compressed_size = 0;  // includes kFrameHeaderSize
  uint32_t uncompressed_size = 0;
  size_t payload_size() const { return compressed_size - kFrameHeaderSize; }
};

// Compresses `in` with `method` and appends whole frames of at most kMaxFrameInput input
// bytes each to `out`. Empty input appends nothing. Fails only if the codec library does.
Status compress(std::string_view in, FrameMethod method, std::string& out);

// Parses the first kFrameHeadSize bytes of a frame. Rejects unknown methods and sizes that
// are out of range (ErrorCode::Protocol).
Result<FrameHead> parse_frame_head(std::string_view head);

// Verifies and decodes one complete frame (head and payload, nothing else) and appends the
// uncompressed bytes to `out`. A checksum mismatch, a codec failure or a size disagreement is
// ErrorCode::Protocol.
Status decompress_frame(std::string_view frame, std::string& out);

// Decodes a stream of frames delivered in arbitrary chunks. Not thread-safe; one per stream.
class FrameDecompressor {
 public:
  // Consumes `chunk`, appending the contents of every frame completed by it to `out`.
  // After an error the decompressor stays failed.
  Status feed(std::string_view chunk, std::string& out);
  // True if no partial frame is pending (the stream may end here).
  bool at_frame_boundary() const { return pending_.empty(); }

 private:
  std::string pending_;
  bool failed_ = false;
};

// Convenience: decodes a buffer holding only whole frames.
Status decompress(std::string_view in, std::string& out);

}  // namespace sluice::clickhouse
