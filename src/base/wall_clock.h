#pragma once

#include <chrono>
#include <cstdint>

namespace sluice {

// Milliseconds since the Unix epoch by the system clock: the processing time of dedup and join
// windows (stages take it as an injectable function, so tests set the time).
inline int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace sluice
