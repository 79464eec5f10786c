#include "kafka/read_first_gate.h"

namespace sluice::kafka {

void ReadFirstGate::on_message(int32_t partition, int64_t offset) {
  auto it = pending_.find(partition);
  if (it != pending_.end() && it->second >= 0 && offset + 1 >= it->second) pending_.erase(it);
}

}  // namespace sluice::kafka
