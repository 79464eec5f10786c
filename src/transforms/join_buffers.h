#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/chunked_vector.h"
#include "base/inline_bytes.h"
#include "base/result.h"
#include "core/record_origin.h"
#include "state/state_store.h"
#include "transforms/fingerprint_index.h"
#include "transforms/waiting_left.h"

namespace sluice::transforms {

// The latest right record of a key. JoinBuffers owns one per key, in one vector addressed by
// number from its FingerprintIndex; a newer record of the key overwrites it in place (reusing its
// buffers), and an expired one's slot is reused by the next new key.
struct alignas(64) RightRecord {
  // seen_ms and cells first, in one cache line: a lookup reads these two, and the cells of a
  // short record (W3's email and country) are in the line it loaded.
  int64_t seen_ms = 0;
  InlineBytes cells;     // the right output fields (cell_blob.h)
  std::string key;       // the join key's text (for its state store entry)
  uint64_t segment = 0;  // the state store segment holding its stored copy (0: none yet)
  bool live = false;     // false: expired, the slot is free
  bool dirty = false;    // listed in JoinBuffers::right_dirty_ (changed since the last checkpoint)
};
static_assert(sizeof(int64_t) + sizeof(InlineBytes) <= 64, "seen_ms and cells share a line");

// The temporal join's state: the latest right record per key, kept `right_window` after it was
// seen, and the left records that wait for a right one, each kept `left_window` (0 = no expiry,
// both). Every change is also queued for the next checkpoint, which the settling thread writes
// with the batch's offsets; restore() rebuilds both at start-up. In the state store, the right
// records set since the last checkpoint go into one segment entry per checkpoint (j/rs/<seq>; a
// segment is erased once none of its records is the latest of its key any more); so do the left
// records that started waiting (j/ls/<seq>), with a list per checkpoint of those of a segment
// that are done while others of it still wait (join_state_entries.h). Processing time, passed
// in. Not thread-safe.
class JoinBuffers {
 public:
  JoinBuffers(std::chrono::milliseconds left_window, std::chrono::milliseconds right_window);

  // The output fields of the latest right record of `key` still inside its window, or null.
  // Valid until that key's next set_latest() or expiry.
  const InlineBytes* latest(const std::string& key, int64_t now_ms) const;
  // The same by the key's fingerprint (fingerprint_of(key)).
  const InlineBytes* latest(const KeyFingerprint& key, int64_t now_ms) const;
  void prefetch(const KeyFingerprint& key) const { index_.prefetch(key); }
  // A lookup in two steps, for callers that look up many keys and ask for the memory of each a
  // few keys ahead: find() (after prefetch(key)) gives the key's record number (or kNone) and asks
  // the CPU for the record; latest_of() then reads it, as latest() does.
  uint32_t find(const KeyFingerprint& key) const {
    const uint32_t record = index_.find(key);
    if (record != FingerprintIndex::kNone) __builtin_prefetch(&rights_[record]);
    return record;
  }
  const InlineBytes* latest_of(uint32_t record, int64_t now_ms) const;
  // Makes `cells` the latest right record of `key`; returns its stored copy, valid until that
  // key's next set_latest() or expiry.
  std::string_view set_latest(const std::string& key, std::string_view cells, int64_t now_ms);

  // Adds a left record to wait for `left.key()`, whose fingerprint is `key`.
  void wait(WaitingLeft left, const KeyFingerprint& key);
  // Removes the records waiting for `key` (its text) and hands each to `emit`, in arrival order.
  template <typename Emit>
  void release(std::string_view key, Emit&& emit) {
    if (waits_by_key_.size() == 0) return;  // the common case once the right side is loaded
    const KeyFingerprint fingerprint = fingerprint_of(key);
    const uint32_t waits = waits_by_key_.find(fingerprint);
    if (waits == FingerprintIndex::kNone) return;
    for (uint64_t pos = key_waits_[waits].first; pos != kNoPos;) {
      Slot& slot = waiting_[pos - first_pos_];
      const uint64_t next = slot.next;
      emit(slot.left);
      finish(slot);
      pos = next;
    }
    drop_waits(fingerprint, waits);
  }

  // Drops the left records and right keys whose window has passed; returns how many left
  // records expired unmatched.
  size_t expire(int64_t now_ms);

  // Adds the changes since the last checkpoint.
  void checkpoint(state::Checkpoint& checkpoint);
  Status restore(const state::StateStore& store, int64_t now_ms);

  size_t waiting() const { return waiting_count_; }
  size_t right_keys() const { return index_.size(); }

 private:
  static constexpr uint64_t kNoPos = ~uint64_t{0};
  struct Slot {
    WaitingLeft left;
    uint64_t entry = 0;      // its number (arrival order), also in the state store
    uint64_t segment = 0;    // the left segment that stores it (0: not stored yet)
    uint64_t next = kNoPos;  // the position of the next record waiting for the same key
    bool done = false;       // emitted or expired; the slot goes when the front reaches it
  };
  // The records waiting for one key: the positions of the first and the last, linked by
  // Slot::next in arrival order.
  struct KeyWaits {
    uint64_t first = kNoPos;
    uint64_t last = kNoPos;
  };
  static bool expired(int64_t seen_ms, int64_t window_ms, int64_t now_ms) {
    return window_ms > 0 && seen_ms + window_ms <= now_ms;
  }
  void add_waiting(WaitingLeft left, const KeyFingerprint& key, uint64_t entry, uint64_t segment);
  // Forgets the (emptied) list `waits` of `key`.
  void drop_waits(const KeyFingerprint& key, uint32_t waits);
  void finish(Slot& slot);
  // The number of the record of `key` (found by `fingerprint`), a free one or a new one, made
  // live.
  uint32_t right_record(const KeyFingerprint& fingerprint, std::string_view key);
  // Makes `cells` the record of `key`, seen at `seen_ms`; returns its number.
  uint32_t put_latest(std::string_view key, std::string_view cells, int64_t seen_ms);
  // The record's stored copy is no longer its latest (replaced or expired): one fewer live record
  // in its segment, which goes once it has none.
  void leave_segment(RightRecord& right);
  // Queues the live records of mostly stale right segments for the next segment.
  void rewrite_stale_segments();
  // Adds the records of one right segment entry as stored (packed or not: state/packed_value.h);
  // false if it is malformed.
  bool restore_segment(uint64_t segment, std::string_view stored, int64_t now_ms);
  void checkpoint_lefts(state::Checkpoint& checkpoint);
  // One fewer waiting left in `segment`; false if that was its last (the segment goes).
  bool leave_left_segment(uint64_t segment);
  // Queues the waiting lefts of mostly stale left segments for the next segment.
  void rewrite_stale_left_segments();
  // Status of the scans; false also if an entry is malformed.
  bool restore_lefts(const state::StateStore& store, int64_t now_ms);

  const int64_t left_window_ms_;
  const int64_t right_window_ms_;

  // The right records, live or free; they never move.
  ChunkedVector<RightRecord> rights_;
  std::vector<uint32_t> free_rights_;
  FingerprintIndex index_;  // key fingerprint -> its live record in rights_
  // (record, seen_ms) as set, oldest first. An entry whose record was set again since (or freed
  // and reused) no longer matches its seen_ms and is skipped; a reused slot whose seen_ms does
  // match expires at that same time anyway.
  std::deque<std::pair<uint32_t, int64_t>> right_order_;

  // In arrival order; a slot's position (waiting_[pos - first_pos_]) never changes.
  std::deque<Slot> waiting_;
  uint64_t first_pos_ = 0;
  size_t waiting_count_ = 0;
  // Key fingerprint (as the right index's) -> its list in key_waits_ of the records waiting
  // for that key; lists of keys no longer waited for are listed in free_waits_ for reuse.
  FingerprintIndex waits_by_key_;
  std::vector<KeyWaits> key_waits_;
  std::vector<uint32_t> free_waits_;
  uint64_t next_entry_ = 1;

  // A stored segment's records: those whose copy there is still their latest, and all.
  struct SegmentCount {
    uint32_t live = 0;
    uint32_t total = 0;
    bool mostly_stale() const { return live * 2 < total; }
  };
  uint64_t next_segment_ = 1;
  std::map<uint64_t, SegmentCount> segment_live_;  // stored right segment -> its counts
  bool rewrite_rights_ = false;                    // some right segment is mostly stale

  // Changes for the next checkpoint.
  std::vector<uint32_t> right_dirty_;    // records to put (if still live), in a new segment
  std::vector<uint64_t> segments_gone_;  // segments to erase
  std::vector<std::string> right_gone_;  // keys of restored j/r/<key> entries (the old layout)
  std::vector<uint64_t> left_put_;       // positions, to store in a new left segment
  std::vector<uint64_t> left_erased_;    // entries of restored j/l/<entry> (the old layout)
  // Stored left segment -> its lefts still waiting; -> the numbers of its done lists.
  std::map<uint64_t, SegmentCount> left_live_;
  std::map<uint64_t, std::vector<uint64_t>> left_done_keys_;
  std::map<uint64_t, std::vector<uint64_t>> left_done_;  // segment -> entries done since
  std::vector<uint64_t> left_segments_gone_;             // left segments to erase
  uint64_t next_done_ = 1;
  bool rewrite_lefts_ = false;  // some left segment is mostly stale
};

}  // namespace sluice::transforms
