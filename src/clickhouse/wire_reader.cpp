#include "clickhouse/wire_reader.h"

#include <algorithm>

#include "clickhouse/compressed_frame.h"

namespace sluice::clickhouse {

namespace {
constexpr size_t kRawBufferSize = 64 * 1024;
}

WireReader::WireReader(Transport& transport, std::chrono::milliseconds timeout)
    : transport_(transport), timeout_(timeout) {
  raw_.resize(kRawBufferSize);
}

Status WireReader::refill_raw() {
  auto n = transport_.read_some(raw_.data(), raw_.size(), timeout_);
  if (!n.ok()) return n.error();
  raw_pos_ = 0;
  raw_end_ = n.value();
  return Status::success();
}

Status WireReader::read_raw_exact(char* dst, size_t n) {
  while (n > 0) {
    if (raw_pos_ == raw_end_) {
      // Large reads bypass the buffer.
      if (n >= raw_.size()) {
        auto got = transport_.read_some(dst, n, timeout_);
        if (!got.ok()) return got.error();
        dst += got.value();
        n -= got.value();
        continue;
      }
      SLUICE_RETURN_IF_ERROR(refill_raw());
    }
    size_t take = std::min(n, raw_end_ - raw_pos_);
    std::memcpy(dst, raw_.data() + raw_pos_, take);
    raw_pos_ += take;
    dst += take;
    n -= take;
  }
  return Status::success();
}

Status WireReader::next_frame() {
  frame_.resize(kFrameHeadSize);
  SLUICE_RETURN_IF_ERROR(read_raw_exact(frame_.data(), kFrameHeadSize));
  auto head = parse_frame_head(frame_);
  if (!head.ok()) return head.error();
  frame_.resize(kFrameHeadSize + head->payload_size());
  SLUICE_RETURN_IF_ERROR(read_raw_exact(frame_.data() + kFrameHeadSize, head->payload_size()));
  plain_.clear();
  plain_pos_ = 0;
  return decompress_frame(frame_, plain_);
}

Status WireReader::refill() {
  if (!compressed_) return refill_raw();
  // Zero-length frames are legal; skip them.
  do {
    SLUICE_RETURN_IF_ERROR(next_frame());
  } while (plain_.empty());
  return Status::success();
}

Status WireReader::read_exact(char* dst, size_t n) {
  if (!compressed_) return read_raw_exact(dst, n);
  while (n > 0) {
    if (plain_pos_ == plain_.size()) SLUICE_RETURN_IF_ERROR(refill());
    size_t take = std::min(n, plain_.size() - plain_pos_);
    std::memcpy(dst, plain_.data() + plain_pos_, take);
    plain_pos_ += take;
    dst += take;
    n -= take;
  }
  return Status::success();
}

Status WireReader::skip(size_t n) {
  char buf[4096];
  while (n > 0) {
    size_t take = std::min(n, sizeof(buf));
    SLUICE_RETURN_IF_ERROR(read_exact(buf, take));
    n -= take;
  }
  return Status::success();
}

Result<uint64_t> WireReader::read_varuint() {
  uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    char c;
    SLUICE_RETURN_IF_ERROR(read_exact(&c, 1));
    auto byte = static_cast<uint8_t>(c);
    value |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) return value;
  }
  return Error(ErrorCode::Protocol, "VarUInt longer than 10 bytes");
}

Status WireReader::read_string(std::string& out) {
  auto size = read_varuint();
  if (!size.ok()) return size.error();
  if (size.value() > kMaxStringSize) {
    return Error(ErrorCode::Protocol,
                 "string of " + std::to_string(size.value()) + " bytes is larger than the limit");
  }
  out.resize(size.value());
  return read_exact(out.data(), out.size());
}

Result<std::string> WireReader::read_string() {
  std::string s;
  SLUICE_RETURN_IF_ERROR(read_string(s));
  return s;
}

void WireReader::begin_compressed() {
  compressed_ = true;
  plain_.clear();
  plain_pos_ = 0;
}

Status WireReader::end_compressed() {
  compressed_ = false;
  if (plain_pos_ != plain_.size()) {
    return Error(ErrorCode::Protocol, "compressed block ended " +
                                          std::to_string(plain_.size() - plain_pos_) +
                                          " bytes before the end of its frame");
  }
  return Status::success();
}

}  // namespace sluice::clickhouse
