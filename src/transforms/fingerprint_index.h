#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/huge_pages.h"
#include "transforms/dedup_index.h"

namespace sluice::transforms {

// The join's lookups by key (JoinBuffers: a right key's record, one lookup per left row and per
// right row; a waited-for key's list of waiting left rows): an open-addressing table with linear
// probing over the key's 128-bit fingerprint (as dedup keys, dedup_index.h: no key text is
// compared), each slot holding a number in the caller's store. A slot is 24 bytes; one probe
// usually touches one cache line, where a map of strings chases a bucket, a node and the key's
// heap bytes, and std::unordered_map a bucket and a node after a division. Not thread-safe; no IO.
class FingerprintIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;  // no record (and an empty slot)

  FingerprintIndex();

  // Sets (adds or replaces) the record of `key`; `record` is not kNone.
  void set(const KeyFingerprint& key, uint32_t record);
  // The record of `key`, or kNone.
  uint32_t find(const KeyFingerprint& key) const { return slots_[position(key)].record; }
  void erase(const KeyFingerprint& key);
  // Asks the CPU to load the slot where find(key) starts (a hint, no effect otherwise).
  void prefetch(const KeyFingerprint& key) const {
    __builtin_prefetch(&slots_[static_cast<size_t>(key.lo) & mask_]);
  }

  size_t size() const { return used_; }

 private:
  struct Slot {
    KeyFingerprint key;
    uint32_t record = kNone;  // kNone: an empty slot
  };
  // Its slot, or the empty slot it would take.
  size_t position(const KeyFingerprint& key) const {
    size_t i = static_cast<size_t>(key.lo) & mask_;
    while (slots_[i].record != kNone && !(slots_[i].key == key)) i = (i + 1) & mask_;
    return i;
  }
  void grow();

  using Slots = std::vector<Slot, HugePageAllocator<Slot>>;
  Slots slots_;
  size_t mask_ = 0;
  size_t used_ = 0;
};

}  // namespace sluice::transforms
