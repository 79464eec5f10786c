#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "transforms/dedup_index.h"

namespace sluice::transforms {

// The join's lookup from a right key to its latest record, for the hot path (one lookup per left
// row): an open-addressing table with linear probing over the key's 128-bit fingerprint (as dedup
// keys, dedup_index.h: no key text is compared), each slot holding the record's time and a pointer
// to its output fields. One probe usually touches one cache line, where a map of strings chases a
// bucket, a node and the key's heap bytes. The pointed-to cells are owned by the caller
// (JoinBuffers) and must outlive their entry. Not thread-safe; no IO.
class JoinRightIndex {
 public:
  struct Entry {
    int64_t seen_ms = 0;
    const std::string* cells = nullptr;
  };

  JoinRightIndex();

  // Sets (adds or replaces) the entry of `key`.
  void set(const KeyFingerprint& key, Entry entry);
  // The entry of `key`, or null.
  const Entry* find(const KeyFingerprint& key) const;
  void erase(const KeyFingerprint& key);
  // Asks the CPU to load the slot where find(key) starts (a hint, no effect otherwise).
  void prefetch(const KeyFingerprint& key) const {
    __builtin_prefetch(&slots_[static_cast<size_t>(key.lo) & mask_]);
  }

  size_t size() const { return used_; }

 private:
  struct Slot {
    KeyFingerprint key;
    Entry entry;  // entry.cells == nullptr: an empty slot
  };
  size_t position(const KeyFingerprint& key) const;  // its slot, or the empty slot it would take
  void grow();

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t used_ = 0;
};

}  // namespace sluice::transforms
