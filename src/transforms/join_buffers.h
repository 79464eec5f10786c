#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "core/record_origin.h"
#include "state/state_store.h"
#include "transforms/join_right_index.h"

namespace sluice::transforms {

// A left record waiting for its right record: what its joined row needs, and its origin and
// bytes for a dead letter should that row be refused later.
struct WaitingLeft {
  int64_t seen_ms = 0;
  std::string key;  // the join key's text
  RecordOrigin origin;
  std::string payload;    // the Kafka message value
  std::string kafka_key;  // the Kafka message key
  std::string cells;      // the left output fields (cell_blob.h)
};

// The latest right record of a key: its output fields (cell_blob.h), shared with the joined
// rows that still refer to it after a newer one replaced it.
struct LatestRight {
  int64_t seen_ms = 0;
  std::shared_ptr<const std::string> cells;
};

// The temporal join's state: the latest right record per key, kept `right_window` after it was
// seen, and the left records that wait for a right one, each kept `left_window` (0 = no expiry,
// both). Every change is also queued for the next checkpoint (one state store entry per right key
// and per waiting left), which the settling thread writes with the batch's offsets; restore()
// rebuilds both at start-up. Processing time, passed in. Not thread-safe.
class JoinBuffers {
 public:
  JoinBuffers(std::chrono::milliseconds left_window, std::chrono::milliseconds right_window);

  // The output fields of the latest right record of `key` still inside its window, or null.
  // Valid until that key's next set_latest() or expiry.
  const std::string* latest(const std::string& key, int64_t now_ms) const;
  // The same by the key's fingerprint (fingerprint_of(key)).
  const std::string* latest(const KeyFingerprint& key, int64_t now_ms) const;
  void prefetch(const KeyFingerprint& key) const { index_.prefetch(key); }
  // Makes `cells` the latest right record of `key`; returns it.
  const LatestRight& set_latest(const std::string& key, std::string cells, int64_t now_ms);

  // Adds a left record to wait for `left.key`.
  void wait(WaitingLeft left);
  bool has_waiting(const std::string& key) const { return waiting_by_key_.count(key) != 0; }
  // Removes the records waiting for `key` and hands each to `emit`, in arrival order.
  template <typename Emit>
  void release(const std::string& key, Emit&& emit) {
    auto it = waiting_by_key_.find(key);
    if (it == waiting_by_key_.end()) return;
    for (uint64_t pos : it->second) {
      Slot& slot = waiting_[pos - first_pos_];
      emit(slot.left);
      finish(slot);
    }
    waiting_by_key_.erase(it);
  }

  // Drops the left records and right keys whose window has passed; returns how many left
  // records expired unmatched.
  size_t expire(int64_t now_ms);

  // Adds the changes since the last checkpoint.
  void checkpoint(state::Checkpoint& checkpoint);
  Status restore(const state::StateStore& store, int64_t now_ms);

  size_t waiting() const { return waiting_count_; }
  size_t right_keys() const { return latest_.size(); }

 private:
  struct Slot {
    WaitingLeft left;
    uint64_t entry = 0;  // its state store entry: j/l/<entry as 16 hex digits>
    bool done = false;   // emitted or expired; the slot goes when the front reaches it
  };
  void add_waiting(WaitingLeft left, uint64_t entry);
  void finish(Slot& slot);
  LatestRight& put_latest(const std::string& key, std::shared_ptr<const std::string> cells,
                          int64_t seen_ms);

  const int64_t left_window_ms_;
  const int64_t right_window_ms_;

  std::unordered_map<std::string, LatestRight> latest_;      // owns the cells and key texts
  JoinRightIndex index_;                                     // latest() without chasing them
  std::deque<std::pair<std::string, int64_t>> right_order_;  // (key, seen_ms) as set, oldest first

  // In arrival order; a slot's position (waiting_[pos - first_pos_]) never changes.
  std::deque<Slot> waiting_;
  uint64_t first_pos_ = 0;
  size_t waiting_count_ = 0;
  std::unordered_map<std::string, std::vector<uint64_t>> waiting_by_key_;  // -> positions
  uint64_t next_entry_ = 1;

  // Changes for the next checkpoint.
  std::unordered_map<std::string, bool> right_changed_;  // key -> put (true) or erase (false)
  std::vector<uint64_t> left_put_;                       // positions
  std::vector<uint64_t> left_erased_;                    // entries
};

}  // namespace sluice::transforms
