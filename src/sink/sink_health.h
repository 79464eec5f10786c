#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace sluice::sink {

// What the sink is doing, for status lines and metrics; written by the sink thread, read by
// any thread.
class SinkHealth {
 public:
  std::atomic<bool> retrying{false};         // an insert is failing and being retried
  std::atomic<uint64_t> retries{0};          // retried attempts since start
  std::atomic<uint64_t> split_inserts{0};    // extra INSERTs spent isolating refused rows
  std::atomic<uint64_t> server_rejected{0};  // rows the server refused (dead-lettered)

  void set_last_error(std::string error) {
    std::lock_guard lock(mutex_);
    last_error_ = std::move(error);
  }
  std::string last_error() const {
    std::lock_guard lock(mutex_);
    return last_error_;
  }

 private:
  mutable std::mutex mutex_;
  std::string last_error_;
};

}  // namespace sluice::sink
