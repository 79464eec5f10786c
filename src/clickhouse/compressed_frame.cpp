#include "clickhouse/compressed_frame.h"

#include <lz4.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace sluice::clickhouse {

namespace {

// ClickHouse's default network_zstd_compression_level.
constexpr int kZstdLevel = 1;

uint32_t load_u32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t load_u64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

void store_u32(char* p, uint32_t v) {
  std::memcpy(p, &v, sizeof(v));
}
void store_u64(char* p, uint64_t v) {
  std::memcpy(p, &v, sizeof(v));
}

Error protocol_error(std::string message) {
  return Error(ErrorCode::Protocol, "compressed frame: " + std::move(message));
}

// Appends one frame for `chunk` (at most kMaxFrameInput bytes) to `out`.
Status compress_one(std::string_view chunk, FrameMethod method, std::string& out) {
  const size_t start = out.size();
  size_t bound = chunk.size();
  if (method == FrameMethod::LZ4) {
    bound = static_cast<size_t>(LZ4_compressBound(static_cast<int>(chunk.size())));
  } else if (method == FrameMethod::ZSTD) {
    bound = ZSTD_compressBound(chunk.size());
  }
  out.resize(start + kFrameHeadSize + bound);
  char* payload = out.data() + start + kFrameHeadSize;
  size_t payload_size = 0;
  switch (method) {
    case FrameMethod::None:
      if (!chunk.empty()) std::memcpy(payload, chunk.data(), chunk.size());
      payload_size = chunk.size();
      break;
    case FrameMethod::LZ4: {
      int n = LZ4_compress_default(chunk.data(), payload, static_cast<int>(chunk.size()),
                                   static_cast<int>(bound));
      if (n <= 0) {
        out.resize(start);
        return Error(ErrorCode::Internal, "LZ4_compress_default failed");
      }
      payload_size = static_cast<size_t>(n);
      break;
    }
    case FrameMethod::ZSTD: {
      size_t n = ZSTD_compress(payload, bound, chunk.data(), chunk.size(), kZstdLevel);
      if (ZSTD_isError(n)) {
        out.resize(start);
        return Error(ErrorCode::Internal,
                     std::string("ZSTD_compress failed: ") + ZSTD_getErrorName(n));
      }
      payload_size = n;
      break;
    }
  }
  out.resize(start + kFrameHeadSize + payload_size);
  char* head = out.data() + start;
  head[kFrameChecksumSize] = static_cast<char>(method);
  store_u32(head + kFrameChecksumSize + 1, static_cast<uint32_t>(kFrameHeaderSize + payload_size));
  store_u32(head + kFrameChecksumSize + 5, static_cast<uint32_t>(chunk.size()));
  Hash128 sum = city_hash128_v102(head + kFrameChecksumSize, kFrameHeaderSize + payload_size);
  store_u64(head, sum.lo);
  store_u64(head + 8, sum.hi);
  return Status::success();
}

}  // namespace

Status compress(std::string_view in, FrameMethod method, std::string& out) {
  for (size_t pos = 0; pos < in.size(); pos += kMaxFrameInput) {
    SLUICE_RETURN_IF_ERROR(compress_one(in.substr(pos, kMaxFrameInput), method, out));
  }
  return Status::success();
}

Result<FrameHead> parse_frame_head(std::string_view head) {
  if (head.size() < kFrameHeadSize) return protocol_error("truncated head");
  FrameHead h;
  h.checksum.lo = load_u64(head.data());
  h.checksum.hi = load_u64(head.data() + 8);
  const auto method = static_cast<uint8_t>(head[kFrameChecksumSize]);
  if (method != 0x02 && method != 0x82 && method != 0x90) {
    return protocol_error("unsupported method byte " + std::to_string(method));
  }
  h.method = static_cast<FrameMethod>(method);
  h.compressed_size = load_u32(head.data() + kFrameChecksumSize + 1);
  h.uncompressed_size = load_u32(head.data() + kFrameChecksumSize + 5);
  if (h.compressed_size < kFrameHeaderSize || h.compressed_size > kMaxFrameSize) {
    return protocol_error("compressed size " + std::to_string(h.compressed_size) + " out of range");
  }
  if (h.uncompressed_size > kMaxFrameSize) {
    return protocol_error("uncompressed size " + std::to_string(h.uncompressed_size) +
                          " out of range");
  }
  return h;
}

Status decompress_frame(std::string_view frame, std::string& out) {
  auto head = parse_frame_head(frame);
  if (!head.ok()) return head.error();
  const FrameHead& h = head.value();
  if (frame.size() != kFrameChecksumSize + h.compressed_size) {
    return protocol_error("frame is " + std::to_string(frame.size()) + " bytes, header says " +
                          std::to_string(kFrameChecksumSize + h.compressed_size));
  }
  if (city_hash128_v102(frame.substr(kFrameChecksumSize)) != h.checksum) {
    return protocol_error("checksum doesn't match: corrupted data");
  }
  std::string_view payload = frame.substr(kFrameHeadSize);
  const size_t start = out.size();
  out.resize(start + h.uncompressed_size);
  char* dst = out.data() + start;
  bool ok = false;
  switch (h.method) {
    case FrameMethod::None:
      ok = payload.size() == h.uncompressed_size;
      if (ok && !payload.empty()) std::memcpy(dst, payload.data(), payload.size());
      break;
    case FrameMethod::LZ4: {
      int n = LZ4_decompress_safe(payload.data(), dst, static_cast<int>(payload.size()),
                                  static_cast<int>(h.uncompressed_size));
      ok = n >= 0 && static_cast<uint32_t>(n) == h.uncompressed_size;
      break;
    }
    case FrameMethod::ZSTD: {
      size_t n = ZSTD_decompress(dst, h.uncompressed_size, payload.data(), payload.size());
      ok = !ZSTD_isError(n) && n == h.uncompressed_size;
      break;
    }
  }
  if (!ok) {
    out.resize(start);
    return protocol_error("payload does not decode to " + std::to_string(h.uncompressed_size) +
                          " bytes");
  }
  return Status::success();
}

Status FrameDecompressor::feed(std::string_view chunk, std::string& out) {
  if (failed_) return protocol_error("stream already failed");
  pending_.append(chunk.data(), chunk.size());
  size_t pos = 0;
  while (pending_.size() - pos >= kFrameHeadSize) {
    std::string_view rest(pending_.data() + pos, pending_.size() - pos);
    auto head = parse_frame_head(rest);
    if (!head.ok()) {
      failed_ = true;
      return head.error();
    }
    const size_t frame_size = kFrameChecksumSize + head->compressed_size;
    if (rest.size() < frame_size) break;
    Status st = decompress_frame(rest.substr(0, frame_size), out);
    if (!st.ok()) {
      failed_ = true;
      return st;
    }
    pos += frame_size;
  }
  pending_.erase(0, pos);
  return Status::success();
}

Status decompress(std::string_view in, std::string& out) {
  FrameDecompressor d;
  SLUICE_RETURN_IF_ERROR(d.feed(in, out));
  if (!d.at_frame_boundary()) return protocol_error("input ends inside a frame");
  return Status::success();
}

}  // namespace sluice::clickhouse
