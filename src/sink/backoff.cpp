#include "sink/backoff.h"

#include <algorithm>
#include <thread>

namespace sluice::sink {

std::chrono::milliseconds Backoff::next() {
  std::chrono::milliseconds now = next_;
  next_ = std::min(cap_, next_ * 2);
  return now;
}

bool sleep_unless_stopped(std::chrono::milliseconds delay, const std::atomic<bool>* stop) {
  auto deadline = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < deadline) {
    if (stop && stop->load()) return false;
    auto left = deadline - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(20)));
  }
  return !(stop && stop->load());
}

}  // namespace sluice::sink
