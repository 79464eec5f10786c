#include "core/batch.h"

namespace sluice {

void Batch::reset() {
  topics.clear();
  for (Column& c : columns) c.clear();
  origins.clear();
  payload_refs.clear();
  keys.clear();
  strings.clear();
  rejected.clear();
  positions.clear();
}

void Batch::advance(uint32_t topic, Partition partition, Offset next) {
  for (CommitPosition& p : positions) {
    if (p.topic == topic && p.partition == partition) {
      if (next > p.next) p.next = next;
      return;
    }
  }
  positions.push_back(CommitPosition{topic, partition, next});
}

RejectedRecord Batch::make_rejected(size_t row, RejectReason reason, std::string detail) const {
  RejectedRecord r;
  r.origin = origins[row];
  r.payload = std::string(payload(row));
  r.key = keys[row];
  r.reason = reason;
  r.detail = std::move(detail);
  return r;
}

}  // namespace sluice
