#include "transforms/dedup_index.h"

#include <xxhash.h>

#include <algorithm>

namespace sluice::transforms {
namespace {

constexpr size_t kInitialCapacity = size_t{1} << 16;

}  // namespace

KeyFingerprint fingerprint_of(std::string_view key_text) {
  XXH128_hash_t h = XXH3_128bits(key_text.data(), key_text.size());
  return {h.low64, h.high64};
}

DedupIndex::DedupIndex() : slots_(kInitialCapacity), mask_(kInitialCapacity - 1) {}

size_t DedupIndex::find(const KeyFingerprint& key) const {
  size_t i = static_cast<size_t>(key.lo) & mask_;
  while (slots_[i].expires_ms != 0 && (slots_[i].lo != key.lo || slots_[i].hi != key.hi))
    i = (i + 1) & mask_;
  return i;
}

DedupIndex::Slot& DedupIndex::slot_for(const KeyFingerprint& key, int64_t now_ms) {
  size_t i = find(key);
  if (slots_[i].expires_ms == 0 && (used_ + 1) * 10 > slots_.size() * 7) {
    make_room(now_ms);
    i = find(key);
  }
  Slot& slot = slots_[i];
  if (slot.expires_ms == 0) {
    slot.lo = key.lo;
    slot.hi = key.hi;
    ++used_;
  }
  return slot;
}

bool DedupIndex::insert_if_new(const KeyFingerprint& key, int64_t now_ms, int64_t expires_ms) {
  Slot& slot = slot_for(key, now_ms);
  if (slot.expires_ms > now_ms) return false;
  slot.expires_ms = expires_ms;  // new, or seen before but its window is over
  return true;
}

void DedupIndex::insert_or_extend(const KeyFingerprint& key, int64_t expires_ms, int64_t now_ms) {
  Slot& slot = slot_for(key, now_ms);
  slot.expires_ms = std::max(slot.expires_ms, expires_ms);
}

bool DedupIndex::contains(const KeyFingerprint& key, int64_t now_ms) const {
  const Slot& slot = slots_[find(key)];
  return slot.expires_ms != 0 && slot.expires_ms > now_ms;
}

void DedupIndex::make_room(int64_t now_ms) {
  size_t live = 0;
  for (const Slot& s : slots_) live += s.expires_ms > now_ms ? 1 : 0;
  // Double unless dropping the expired entries leaves the table at most a third full.
  size_t capacity = live * 3 > slots_.size() ? slots_.size() * 2 : slots_.size();
  Slots old(capacity);
  old.swap(slots_);
  mask_ = capacity - 1;
  used_ = 0;
  for (const Slot& s : old) {
    if (s.expires_ms <= now_ms) continue;
    slots_[find(KeyFingerprint{s.lo, s.hi})] = s;
    ++used_;
  }
}

}  // namespace sluice::transforms
