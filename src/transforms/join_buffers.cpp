#include "transforms/join_buffers.h"

#include "transforms/dedup_index.h"

namespace sluice::transforms {
namespace {

// The number of an element of `items` to use: a free one (listed in `free`, as it was left) or
// a new one appended.
template <typename Items>
uint32_t take_slot(Items& items, std::vector<uint32_t>& free) {
  if (free.empty()) {
    items.emplace_back();
    return static_cast<uint32_t>(items.size() - 1);
  }
  const uint32_t slot = free.back();
  free.pop_back();
  return slot;
}

}  // namespace

JoinBuffers::JoinBuffers(std::chrono::milliseconds left_window,
                         std::chrono::milliseconds right_window)
    : left_window_ms_(left_window.count()), right_window_ms_(right_window.count()) {}

const InlineBytes* JoinBuffers::latest(const std::string& key, int64_t now_ms) const {
  return latest(fingerprint_of(key), now_ms);
}

const InlineBytes* JoinBuffers::latest(const KeyFingerprint& key, int64_t now_ms) const {
  return latest_of(index_.find(key), now_ms);
}

const InlineBytes* JoinBuffers::latest_of(uint32_t record, int64_t now_ms) const {
  if (record == FingerprintIndex::kNone) return nullptr;
  const RightRecord& right = rights_[record];
  return expired(right.seen_ms, right_window_ms_, now_ms) ? nullptr : &right.cells;
}

uint32_t JoinBuffers::right_record(const KeyFingerprint& fingerprint, std::string_view key) {
  uint32_t record = index_.find(fingerprint);
  if (record == FingerprintIndex::kNone) {
    record = take_slot(rights_, free_rights_);  // a free record keeps its buffers for reuse
    RightRecord& right = rights_[record];
    right.key.assign(key);
    right.live = true;
    index_.set(fingerprint, record);
  }
  return record;
}

uint32_t JoinBuffers::put_latest(std::string_view key, std::string_view cells, int64_t seen_ms) {
  const uint32_t record = right_record(fingerprint_of(key), key);
  RightRecord& right = rights_[record];
  right.cells.assign(cells);  // reuses the buffer of the record it replaces
  right.seen_ms = seen_ms;
  if (right_window_ms_ > 0) right_order_.emplace_back(record, seen_ms);
  return record;
}

std::string_view JoinBuffers::set_latest(const std::string& key, std::string_view cells,
                                         int64_t now_ms) {
  const uint32_t record = put_latest(key, cells, now_ms);
  RightRecord& right = rights_[record];
  if (!right.dirty) {
    right.dirty = true;
    right_dirty_.push_back(record);
  }
  return right.cells.view();
}

void JoinBuffers::wait(WaitingLeft left, const KeyFingerprint& key) {
  add_waiting(std::move(left), key, next_entry_++, 0);
  left_put_.push_back(first_pos_ + waiting_.size() - 1);
}

void JoinBuffers::add_waiting(WaitingLeft left, const KeyFingerprint& key, uint64_t entry,
                              uint64_t segment) {
  const uint64_t pos = first_pos_ + waiting_.size();
  uint32_t index = waits_by_key_.find(key);
  if (index == FingerprintIndex::kNone) {
    index = take_slot(key_waits_, free_waits_);
    key_waits_[index] = KeyWaits{};
    waits_by_key_.set(key, index);
  }
  KeyWaits& waits = key_waits_[index];
  if (waits.first == kNoPos)
    waits.first = pos;
  else
    waiting_[waits.last - first_pos_].next = pos;
  waits.last = pos;
  waiting_.push_back(Slot{std::move(left), entry, segment, kNoPos, false});
  ++waiting_count_;
}

void JoinBuffers::drop_waits(const KeyFingerprint& key, uint32_t waits) {
  waits_by_key_.erase(key);
  free_waits_.push_back(waits);
}

void JoinBuffers::finish(Slot& slot) {
  slot.done = true;
  slot.left = WaitingLeft();  // frees its bytes now
  --waiting_count_;
  if (slot.segment == 0) return;  // not stored yet: the checkpoint skips it
  // Listed as done in its segment, unless that goes with it.
  if (leave_left_segment(slot.segment)) left_done_[slot.segment].push_back(slot.entry);
  slot.segment = 0;
}

size_t JoinBuffers::expire(int64_t now_ms) {
  size_t expired_lefts = 0;
  while (!waiting_.empty()) {
    Slot& front = waiting_.front();
    if (!front.done) {
      if (!expired(front.left.seen_ms(), left_window_ms_, now_ms)) break;
      // The oldest record of its key: first in the key's list.
      const KeyFingerprint key = fingerprint_of(front.left.key());
      if (const uint32_t waits = waits_by_key_.find(key); waits != FingerprintIndex::kNone) {
        key_waits_[waits].first = front.next;
        if (front.next == kNoPos) drop_waits(key, waits);
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
    right.cells.reset();  // frees its bytes now
    right.live = false;   // if dirty, the checkpoint skips it (unless reused by then)
    free_rights_.push_back(record);
  }
  return expired_lefts;
}

}  // namespace sluice::transforms
