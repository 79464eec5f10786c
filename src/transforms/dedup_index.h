#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/huge_pages.h"

namespace sluice::transforms {

// A dedup key as the index stores it: the 128-bit XXH3 hash of the key's text form. With 128
// bits, the chance that two of a billion distinct keys collide is about 1e-21, so keys are
// never kept in full (a UUID key costs 16 bytes, not 36 plus overhead).
struct KeyFingerprint {
  uint64_t lo = 0;
  uint64_t hi = 0;
  friend bool operator==(const KeyFingerprint&, const KeyFingerprint&) = default;
};

KeyFingerprint fingerprint_of(std::string_view key_text);

// The keys seen within a dedup window, each with the time (ms) its window ends: an
// open-addressing hash table of fingerprints with linear probing. Expired entries count as
// absent and are dropped when the table grows. Not thread-safe; CPU only (no IO, no clock:
// callers pass the time).
class DedupIndex {
 public:
  DedupIndex();

  // If `key` is present and not expired at `now_ms`: false (a duplicate), nothing changes.
  // Otherwise records it with `expires_ms` and returns true (first seen).
  bool insert_if_new(const KeyFingerprint& key, int64_t now_ms, int64_t expires_ms);
  // Records `key` with the later of its current and the given expiry (restoring state).
  void insert_or_extend(const KeyFingerprint& key, int64_t expires_ms, int64_t now_ms);
  bool contains(const KeyFingerprint& key, int64_t now_ms) const;
  // Asks the CPU to load the slot where a lookup of `key` starts (a hint, no effect otherwise).
  void prefetch(const KeyFingerprint& key) const {
    __builtin_prefetch(&slots_[static_cast<size_t>(key.lo) & mask_], 1);
  }

  size_t occupied() const { return used_; }  // live and expired entries
  size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    uint64_t lo = 0;
    uint64_t hi = 0;
    int64_t expires_ms = 0;  // 0: empty (real expiries are epoch ms, far above 0)
  };
  size_t find(const KeyFingerprint& key) const;  // its slot, or the empty slot it would take
  // The slot of `key`, claimed for it (expiry 0 until the caller sets one) if it was absent;
  // grows the table first when it is too full.
  Slot& slot_for(const KeyFingerprint& key, int64_t now_ms);
  void make_room(int64_t now_ms);

  using Slots = std::vector<Slot, HugePageAllocator<Slot>>;
  Slots slots_;
  size_t mask_ = 0;
  size_t used_ = 0;
};

}  // namespace sluice::transforms
