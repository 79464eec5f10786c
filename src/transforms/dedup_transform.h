#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/batch.h"
#include "state/state_store.h"
#include "transforms/dedup_index.h"

namespace sluice::transforms {

// The text a dedup key is compared by (decisions.md: `"1"` and `1` are the same key): strings
// as they are, integers in decimal, floats as Go's %v prints them (1.0 -> "1"), bools as
// true/false, arrays and objects as Go's %v of the decoded value. False for a missing or null
// key.
bool dedup_key_text(const Column& column, const Cell& cell, std::string& out);

// That text as a view: a string key's own bytes, without a copy; `scratch` holds the text of
// other kinds. False for a missing or null key.
bool key_text(const Column& column, const Cell& cell, std::string& scratch, std::string_view& out);

// The fingerprint of that text (key_text). False for a missing or null key.
bool key_fingerprint(const Column& column, const Cell& cell, std::string& scratch,
                     KeyFingerprint& out);

// One dedup step (transforms[].type = dedup): the first record of a key wins; later records with
// that key are dropped until `time_window` has passed since the first was seen (processing
// time, as GlassFlow; duplicates do not extend the window), including duplicates within one
// batch. A record whose key is missing or null is dead-lettered (dedup_key_missing).
//
// State: the index of keys in memory; each batch's new keys are also written to the state store
// as one entry (its time and the keys' fingerprints) in the batch's checkpoint, which the
// settling thread writes after the insert and before the Kafka commit. Entries whose window is
// over are deleted by later checkpoints. restore() rebuilds the index at start-up.
// CPU only (no IO; the time is passed in). Not thread-safe.
class DedupTransform {
 public:
  DedupTransform(std::string state_prefix, std::chrono::milliseconds window);

  // Drops duplicates from consideration: keep[row] = 0 for duplicates and rejected rows (those
  // are appended to batch.rejected), for rows whose keep[row] is 1 on entry.
  void apply(Batch& batch, size_t key_column, int64_t now_ms, std::vector<uint8_t>& keep);
  // Adds the keys first seen since the last checkpoint, and deletes expired entries.
  void checkpoint(state::Checkpoint& checkpoint, int64_t now_ms);
  // Loads the keys of entries still inside the window (deleting the others at the next
  // checkpoint).
  Status restore(const state::StateStore& store, int64_t now_ms);

  uint64_t duplicates() const { return duplicates_; }
  size_t restored_keys() const { return restored_keys_; }

 private:
  std::string entry_key(uint64_t seq) const;

  const std::string prefix_;  // of this step's entries in the state store
  const int64_t window_ms_;
  DedupIndex index_;
  std::vector<KeyFingerprint> pending_;  // first seen since the last checkpoint
  int64_t pending_since_ms_ = 0;         // when the first of them was seen
  struct Entry {
    uint64_t seq;
    int64_t seen_ms;
  };
  std::deque<Entry> entries_;      // in the store, oldest first
  std::vector<uint64_t> expired_;  // entries to delete at the next checkpoint
  uint64_t next_seq_ = 1;
  uint64_t duplicates_ = 0;
  size_t restored_keys_ = 0;
  std::string key_text_;
  struct RowKey {
    size_t row;
    KeyFingerprint key;
  };
  std::vector<RowKey> keys_;  // apply()'s rows and their keys, kept for its buffer
};

}  // namespace sluice::transforms
