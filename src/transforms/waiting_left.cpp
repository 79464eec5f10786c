#include "transforms/waiting_left.h"

#include <cstring>

#include "base/bytes.h"

namespace sluice::transforms {

WaitingLeft::WaitingLeft(int64_t seen_ms, const RecordOrigin& origin, std::string_view key,
                         std::string_view payload, std::string_view kafka_key,
                         std::string_view cells)
    : seen_ms_(seen_ms),
      origin_(origin),
      key_size_(static_cast<uint32_t>(key.size())),
      payload_size_(static_cast<uint32_t>(payload.size())) {
  entry_.reserve(kHeader + 12 + key.size() + payload.size() + kafka_key.size() + cells.size());
  put_raw(entry_, seen_ms);
  put_raw(entry_, origin.topic);
  put_raw(entry_, origin.partition.value);
  put_raw(entry_, origin.offset.value);
  put_raw(entry_, origin.timestamp_ms);
  put_bytes(entry_, key);
  put_bytes(entry_, payload);
  put_bytes(entry_, kafka_key);
  entry_.append(cells);
}

bool WaitingLeft::parse(std::string_view entry) {
  ByteReader in(entry);
  std::string_view key, payload, kafka_key;
  if (!in.get(seen_ms_) || !in.get(origin_.topic) || !in.get(origin_.partition.value) ||
      !in.get(origin_.offset.value) || !in.get(origin_.timestamp_ms) || !in.get_bytes(key) ||
      !in.get_bytes(payload) || !in.get_bytes(kafka_key))
    return false;
  entry_.assign(entry);
  key_size_ = static_cast<uint32_t>(key.size());
  payload_size_ = static_cast<uint32_t>(payload.size());
  return true;
}

uint32_t WaitingLeft::length_at(size_t at) const {
  uint32_t n = 0;
  std::memcpy(&n, entry_.data() + at, sizeof n);
  return n;
}

}  // namespace sluice::transforms
