#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/record_origin.h"

namespace sluice::transforms {

// A left record waiting for its right record: what its joined row needs, and its origin and
// bytes for a dead letter should that row be refused later. Held as its state store entry, one
// allocation, which a checkpoint writes as it is: seen_ms, the origin (topic, partition, offset,
// timestamp), then the join key's text, the Kafka message value and the Kafka message key (each
// after a 4-byte length), then the left output fields (cell_blob.h) to the end. The accessors
// are views into it.
class WaitingLeft {
 public:
  WaitingLeft() = default;
  // The entry of a left record seen at `seen_ms` whose output fields are `cells` (cell_blob.h),
  // in one allocation of its exact size.
  WaitingLeft(int64_t seen_ms, const RecordOrigin& origin, std::string_view key,
              std::string_view payload, std::string_view kafka_key, std::string_view cells);

  // Reads a stored entry; false if it is malformed.
  bool parse(std::string_view entry);

  const std::string& entry() const { return entry_; }
  int64_t seen_ms() const { return seen_ms_; }
  const RecordOrigin& origin() const { return origin_; }
  std::string_view key() const { return std::string_view(entry_).substr(kHeader + 4, key_size_); }
  std::string_view payload() const {
    return std::string_view(entry_).substr(kHeader + 4 + key_size_ + 4, payload_size_);
  }
  std::string_view kafka_key() const {
    return std::string_view(entry_).substr(kafka_key_at() + 4, length_at(kafka_key_at()));
  }
  std::string_view cells() const {
    return std::string_view(entry_).substr(kafka_key_at() + 4 + length_at(kafka_key_at()));
  }

 private:
  static constexpr size_t kHeader = 8 + 4 + 4 + 8 + 8;  // seen_ms and the origin
  uint32_t length_at(size_t at) const;                  // the 4-byte length at `at` in the entry
  size_t kafka_key_at() const { return kHeader + 4 + key_size_ + 4 + payload_size_; }

  std::string entry_;
  int64_t seen_ms_ = 0;
  RecordOrigin origin_;
  // Copies of the key's and the payload's lengths in the entry, so that their views and the
  // Kafka key's place need not be read from it.
  uint32_t key_size_ = 0;
  uint32_t payload_size_ = 0;
};

}  // namespace sluice::transforms
