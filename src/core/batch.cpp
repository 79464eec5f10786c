#include "core/batch.h"

#include <algorithm>

namespace sluice {

void Batch::reset() {
  topics.clear();
  for (Column& c : columns) c.clear();
  origins.clear();
  payloads.clear();
  keys.clear();
  arena.clear();
  if (keeper) keeper->release();
  retained_bytes = 0;
  rejected.clear();
  dropped = 0;
  prefilter = Prefilter::None;
  positions.clear();
  for (auto& slots : position_slots_) std::fill(slots.begin(), slots.end(), 0);
  if (side) side->reset();
}

void Batch::reserve_rows(size_t n) {
  for (Column& c : columns) c.cells.reserve(n);
  origins.reserve(n);
  payloads.reserve(n);
  keys.reserve(n);
  if (side) side->reserve_rows(n);
}

void Batch::advance(uint32_t topic, Partition partition, Offset next) {
  if (position_slots_.size() <= topic) position_slots_.resize(topic + 1);
  std::vector<uint32_t>& slots = position_slots_[topic];
  const size_t p = static_cast<size_t>(partition.value);
  if (slots.size() <= p) slots.resize(p + 1, 0);
  if (slots[p] == 0) {
    positions.push_back(CommitPosition{topic, partition, next});
    slots[p] = static_cast<uint32_t>(positions.size());
    return;
  }
  CommitPosition& position = positions[slots[p] - 1];
  if (next > position.next) position.next = next;
}

RejectedRecord Batch::make_rejected(size_t row, RejectReason reason, std::string detail) const {
  RejectedRecord r;
  r.origin = origins[row];
  r.payload = std::string(payload(row));
  r.key = std::string(key(row));
  r.reason = reason;
  r.detail = std::move(detail);
  return r;
}

}  // namespace sluice
