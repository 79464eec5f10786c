#include "transforms/join_buffers.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "base/bytes.h"
#include "transforms/dedup_index.h"

namespace sluice::transforms {
namespace {

// Right records of one key each, as written before segments: still restored (and then moved
// into a segment by the next checkpoint).
constexpr std::string_view kRightPrefix = "j/r/";
constexpr std::string_view kSegmentPrefix = "j/rs/";
constexpr std::string_view kLeftPrefix = "j/l/";

// `prefix` and `seq` as 16 hex digits: entries scan in the order of their numbers.
std::string numbered_key(std::string_view prefix, uint64_t seq) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(seq));
  return std::string(prefix) + hex;
}

std::string left_entry_key(uint64_t entry) {
  return numbered_key(kLeftPrefix, entry);
}

// The number after `prefix` in `entry`, or false.
bool entry_number(std::string_view entry, std::string_view prefix, uint64_t& seq) {
  const std::string_view hex = entry.substr(prefix.size());
  return hex.size() == 16 &&
         std::from_chars(hex.data(), hex.data() + hex.size(), seq, 16).ec == std::errc();
}

bool expired(int64_t seen_ms, int64_t window_ms, int64_t now_ms) {
  return window_ms > 0 && seen_ms + window_ms <= now_ms;
}

std::string encode_left(const WaitingLeft& left) {
  std::string v;
  v.reserve(48 + left.key.size() + left.payload.size() + left.kafka_key.size() + left.cells.size());
  put_raw(v, left.seen_ms);
  put_raw(v, left.origin.topic);
  put_raw(v, left.origin.partition.value);
  put_raw(v, left.origin.offset.value);
  put_raw(v, left.origin.timestamp_ms);
  put_bytes(v, left.key);
  put_bytes(v, left.payload);
  put_bytes(v, left.kafka_key);
  v.append(left.cells);
  return v;
}

bool decode_left(std::string_view value, WaitingLeft& left) {
  ByteReader in(value);
  std::string_view key, payload, kafka_key;
  if (!in.get(left.seen_ms) || !in.get(left.origin.topic) || !in.get(left.origin.partition.value) ||
      !in.get(left.origin.offset.value) || !in.get(left.origin.timestamp_ms) ||
      !in.get_bytes(key) || !in.get_bytes(payload) || !in.get_bytes(kafka_key))
    return false;
  left.key = key;
  left.payload = payload;
  left.kafka_key = kafka_key;
  left.cells = in.rest();
  return true;
}

}  // namespace

JoinBuffers::JoinBuffers(std::chrono::milliseconds left_window,
                         std::chrono::milliseconds right_window)
    : left_window_ms_(left_window.count()), right_window_ms_(right_window.count()) {}

const std::string* JoinBuffers::latest(const std::string& key, int64_t now_ms) const {
  return latest(fingerprint_of(key), now_ms);
}

const std::string* JoinBuffers::latest(const KeyFingerprint& key, int64_t now_ms) const {
  return latest_of(index_.find(key), now_ms);
}

const std::string* JoinBuffers::latest_of(uint32_t record, int64_t now_ms) const {
  if (record == JoinRightIndex::kNone) return nullptr;
  const RightRecord& right = rights_[record];
  return expired(right.seen_ms, right_window_ms_, now_ms) ? nullptr : &right.cells;
}

RightRecord& JoinBuffers::right_record(const KeyFingerprint& fingerprint, std::string_view key) {
  uint32_t record = index_.find(fingerprint);
  if (record == JoinRightIndex::kNone) {
    if (free_rights_.empty()) {
      record = static_cast<uint32_t>(rights_.size());
      rights_.emplace_back();
    } else {
      record = free_rights_.back();
      free_rights_.pop_back();
    }
    RightRecord& right = rights_[record];
    right.key.assign(key);
    right.live = true;
    index_.set(fingerprint, record);
  }
  return rights_[record];
}

uint32_t JoinBuffers::put_latest(std::string_view key, std::string_view cells, int64_t seen_ms) {
  RightRecord& right = right_record(fingerprint_of(key), key);
  right.cells.assign(cells);  // reuses the buffer of the record it replaces
  right.seen_ms = seen_ms;
  const auto record = static_cast<uint32_t>(&right - rights_.data());
  if (right_window_ms_ > 0) right_order_.emplace_back(record, seen_ms);
  return record;
}

const std::string& JoinBuffers::set_latest(const std::string& key, std::string_view cells,
                                           int64_t now_ms) {
  const uint32_t record = put_latest(key, cells, now_ms);
  RightRecord& right = rights_[record];
  if (!right.dirty) {
    right.dirty = true;
    right_dirty_.push_back(record);
  }
  return right.cells;
}

void JoinBuffers::wait(WaitingLeft left) {
  add_waiting(std::move(left), next_entry_++);
  left_put_.push_back(first_pos_ + waiting_.size() - 1);
}

void JoinBuffers::add_waiting(WaitingLeft left, uint64_t entry) {
  const uint64_t pos = first_pos_ + waiting_.size();
  waiting_by_key_[left.key].push_back(pos);
  waiting_.push_back(Slot{std::move(left), entry, false});
  ++waiting_count_;
}

void JoinBuffers::finish(Slot& slot) {
  slot.done = true;
  slot.left = WaitingLeft();  // frees its bytes now
  left_erased_.push_back(slot.entry);
  --waiting_count_;
}

size_t JoinBuffers::expire(int64_t now_ms) {
  size_t expired_lefts = 0;
  while (!waiting_.empty()) {
    Slot& front = waiting_.front();
    if (!front.done) {
      if (!expired(front.left.seen_ms, left_window_ms_, now_ms)) break;
      // The oldest record of its key: first in the key's list.
      auto it = waiting_by_key_.find(front.left.key);
      if (it != waiting_by_key_.end()) {
        auto& positions = it->second;
        positions.erase(positions.begin());
        if (positions.empty()) waiting_by_key_.erase(it);
      }
      finish(front);
      ++expired_lefts;
    }
    waiting_.pop_front();
    ++first_pos_;
  }
  while (!right_order_.empty() && expired(right_order_.front().second, right_window_ms_, now_ms)) {
    const auto [record, seen_ms] = right_order_.front();
    right_order_.pop_front();
    RightRecord& right = rights_[record];
    if (!right.live || right.seen_ms != seen_ms) continue;
    index_.erase(fingerprint_of(right.key));
    leave_segment(right);
    right.key = std::string();
    right.cells = std::string();  // frees its bytes now
    right.live = false;           // if dirty, the checkpoint skips it (unless reused by then)
    free_rights_.push_back(record);
  }
  return expired_lefts;
}

void JoinBuffers::leave_segment(RightRecord& right) {
  if (right.segment == 0) return;
  auto it = segment_live_.find(right.segment);
  if (it != segment_live_.end() && --it->second == 0) {
    segments_gone_.push_back(it->first);
    segment_live_.erase(it);
  }
  right.segment = 0;
}

void JoinBuffers::checkpoint(state::Checkpoint& checkpoint) {
  for (std::string& key : right_gone_) checkpoint.erase(std::string(kRightPrefix) + key);
  right_gone_.clear();
  // The records set since the last checkpoint, as one segment: (key, seen_ms, cells) each. One
  // entry instead of one per key: RocksDB's cost is mostly per entry (memtable inserts, the
  // flush's sort), and a batch can set hundreds of thousands of keys.
  size_t bytes = 0;
  for (uint32_t record : right_dirty_) {
    const RightRecord& right = rights_[record];
    if (right.live) bytes += 16 + right.key.size() + right.cells.size();
  }
  if (bytes > 0) {
    const uint64_t segment = next_segment_++;
    std::string value;
    value.reserve(bytes);
    uint32_t count = 0;
    for (uint32_t record : right_dirty_) {
      RightRecord& right = rights_[record];
      if (!right.live) continue;
      leave_segment(right);  // its previous copy, if stored
      right.segment = segment;
      ++count;
      put_bytes(value, right.key);
      put_raw(value, right.seen_ms);
      put_bytes(value, right.cells);
    }
    segment_live_[segment] = count;
    checkpoint.put(numbered_key(kSegmentPrefix, segment), std::move(value));
  }
  for (uint32_t record : right_dirty_) rights_[record].dirty = false;
  right_dirty_.clear();
  for (uint64_t segment : segments_gone_) checkpoint.erase(numbered_key(kSegmentPrefix, segment));
  segments_gone_.clear();
  for (uint64_t pos : left_put_) {
    if (pos < first_pos_) continue;  // already gone (then its erase is queued too)
    const Slot& slot = waiting_[pos - first_pos_];
    if (!slot.done) checkpoint.put(left_entry_key(slot.entry), encode_left(slot.left));
  }
  left_put_.clear();
  for (uint64_t entry : left_erased_) checkpoint.erase(left_entry_key(entry));
  left_erased_.clear();
}

bool JoinBuffers::restore_segment(uint64_t segment, std::string_view value, int64_t now_ms) {
  next_segment_ = std::max(next_segment_, segment + 1);
  ByteReader in(value);
  std::string_view key, cells;
  while (!in.rest().empty()) {
    int64_t seen_ms = 0;
    if (!in.get_bytes(key) || !in.get(seen_ms) || !in.get_bytes(cells)) return false;
    // Segments scan in the order they were written: a record replaces the older ones of its key.
    if (expired(seen_ms, right_window_ms_, now_ms)) continue;
    RightRecord& right = rights_[put_latest(key, cells, seen_ms)];
    leave_segment(right);
    right.segment = segment;
    ++segment_live_[segment];
  }
  if (segment_live_.count(segment) == 0) segments_gone_.push_back(segment);
  return true;
}

Status JoinBuffers::restore(const state::StateStore& store, int64_t now_ms) {
  bool corrupt = false;
  SLUICE_RETURN_IF_ERROR(
      store.scan(kRightPrefix, [&](std::string_view entry, std::string_view value) {
        const std::string_view key = entry.substr(kRightPrefix.size());
        ByteReader in(value);
        int64_t seen_ms = 0;
        if (!in.get(seen_ms)) {
          corrupt = true;
          return;
        }
        right_gone_.emplace_back(key);  // moved into a segment by the next checkpoint
        if (expired(seen_ms, right_window_ms_, now_ms)) return;
        const uint32_t record = put_latest(key, in.rest(), seen_ms);
        rights_[record].dirty = true;
        right_dirty_.push_back(record);
      }));
  SLUICE_RETURN_IF_ERROR(store.scan(kSegmentPrefix, [&](std::string_view entry,
                                                        std::string_view value) {
    uint64_t segment = 0;
    if (!entry_number(entry, kSegmentPrefix, segment) || !restore_segment(segment, value, now_ms))
      corrupt = true;
  }));
  // Rights expire in the order they were seen.
  std::sort(right_order_.begin(), right_order_.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  SLUICE_RETURN_IF_ERROR(
      store.scan(kLeftPrefix, [&](std::string_view entry, std::string_view value) {
        uint64_t seq = 0;
        WaitingLeft left;
        if (!entry_number(entry, kLeftPrefix, seq) || !decode_left(value, left)) {
          corrupt = true;
          return;
        }
        next_entry_ = std::max(next_entry_, seq + 1);
        if (expired(left.seen_ms, left_window_ms_, now_ms)) {
          left_erased_.push_back(seq);
          return;
        }
        add_waiting(std::move(left), seq);  // entries scan in key order: arrival order
      }));
  if (corrupt)
    return Error(ErrorCode::Io,
                 "state store " + store.directory() + ": a join entry (j/...) is corrupt");
  return Status::success();
}

}  // namespace sluice::transforms
