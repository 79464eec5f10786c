#include "transforms/join_right_index.h"

namespace sluice::transforms {
namespace {

constexpr size_t kInitialCapacity = 1024;  // a power of two

}  // namespace

JoinRightIndex::JoinRightIndex() : slots_(kInitialCapacity), mask_(kInitialCapacity - 1) {}

size_t JoinRightIndex::position(const KeyFingerprint& key) const {
  size_t i = static_cast<size_t>(key.lo) & mask_;
  while (slots_[i].entry.cells != nullptr && !(slots_[i].key == key)) i = (i + 1) & mask_;
  return i;
}

void JoinRightIndex::set(const KeyFingerprint& key, Entry entry) {
  if (2 * (used_ + 1) > slots_.size()) grow();
  Slot& slot = slots_[position(key)];
  if (slot.entry.cells == nullptr) ++used_;
  slot.key = key;
  slot.entry = entry;
}

const JoinRightIndex::Entry* JoinRightIndex::find(const KeyFingerprint& key) const {
  const Slot& slot = slots_[position(key)];
  return slot.entry.cells == nullptr ? nullptr : &slot.entry;
}

void JoinRightIndex::erase(const KeyFingerprint& key) {
  size_t hole = position(key);
  if (slots_[hole].entry.cells == nullptr) return;
  // Backward shift: an entry after the hole moves into it unless its home slot lies cyclically
  // in (hole, j], so that every entry stays reachable from its home without tombstones.
  for (size_t j = (hole + 1) & mask_; slots_[j].entry.cells != nullptr; j = (j + 1) & mask_) {
    const size_t home = static_cast<size_t>(slots_[j].key.lo) & mask_;
    const bool stays = hole < j ? (hole < home && home <= j) : (hole < home || home <= j);
    if (stays) continue;
    slots_[hole] = slots_[j];
    hole = j;
  }
  slots_[hole] = Slot{};
  --used_;
}

void JoinRightIndex::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.entry.cells != nullptr) slots_[position(slot.key)] = slot;
  }
}

}  // namespace sluice::transforms
