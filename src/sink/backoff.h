#pragma once

#include <atomic>
#include <chrono>

namespace sluice::sink {

// Capped exponential backoff: initial, 2x, 4x, ... up to `cap`, then `cap` forever.
// reset() after a success. Not thread-safe.
class Backoff {
 public:
  explicit Backoff(std::chrono::milliseconds initial = std::chrono::milliseconds(100),
                   std::chrono::milliseconds cap = std::chrono::milliseconds(12800))
      : initial_(initial), cap_(cap), next_(initial) {}

  // The delay to wait before the next attempt; doubles the one after.
  std::chrono::milliseconds next();
  void reset() { next_ = initial_; }

 private:
  std::chrono::milliseconds initial_, cap_, next_;
};

// Sleeps `delay` in short steps; false (early) once `stop` is set.
bool sleep_unless_stopped(std::chrono::milliseconds delay, const std::atomic<bool>* stop);

}  // namespace sluice::sink
