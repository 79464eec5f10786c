#include "transforms/fingerprint_index.h"

#include <cassert>

namespace sluice::transforms {
namespace {

constexpr size_t kInitialCapacity = 1024;  // a power of two

}  // namespace

FingerprintIndex::FingerprintIndex() : slots_(kInitialCapacity), mask_(kInitialCapacity - 1) {}

void FingerprintIndex::set(const KeyFingerprint& key, uint32_t record) {
  assert(record != kNone && "FingerprintIndex::set: kNone marks an empty slot");
  if (2 * (used_ + 1) > slots_.size()) grow();
  Slot& slot = slots_[position(key)];
  if (slot.record == kNone) ++used_;
  slot.key = key;
  slot.record = record;
}

void FingerprintIndex::erase(const KeyFingerprint& key) {
  size_t hole = position(key);
  if (slots_[hole].record == kNone) return;
  // Backward shift: an entry after the hole moves into it unless its home slot lies cyclically
  // in (hole, j], so that every entry stays reachable from its home without tombstones.
  for (size_t j = (hole + 1) & mask_; slots_[j].record != kNone; j = (j + 1) & mask_) {
    const size_t home = static_cast<size_t>(slots_[j].key.lo) & mask_;
    const bool stays = hole < j ? (hole < home && home <= j) : (hole < home || home <= j);
    if (stays) continue;
    slots_[hole] = slots_[j];
    hole = j;
  }
  slots_[hole] = Slot{};
  --used_;
}

void FingerprintIndex::grow() {
  Slots old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.record != kNone) slots_[position(slot.key)] = slot;
  }
}

}  // namespace sluice::transforms
