#pragma once

#include <chrono>
#include <cstddef>

namespace sluice::pipeline {

struct PacingOptions {
  size_t max_batch_size = 10000;                    // sink.max_batch_size
  std::chrono::milliseconds max_delay{1000};        // sink.max_delay_time
  size_t max_batch_bytes = 64u << 20;               // --max-batch-bytes
  bool adaptive = true;                             // --insert-pacing adaptive|fixed
  std::chrono::milliseconds target_interval{1000};  // aim: no more inserts per second than this
  size_t max_adaptive_rows = 1u << 20;              // ceiling of the grown row limit
};

// Decides when the batch being built is cut and handed to the sink (docs/delivery.md,
// "Batching"). A batch is cut when the first of these holds:
//   1. it has row_limit() records;
//   2. it holds max_batch_bytes bytes;
//   3. its oldest record has waited max_delay (the latency bound: never relaxed).
// Fixed pacing: row_limit() == max_batch_size. Adaptive pacing (default): when batches fill up
// to the row limit less than target_interval apart, the limit doubles (up to
// max(max_batch_size, max_adaptive_rows)), so a fast topic gets about one insert per
// target_interval instead of one per max_batch_size records; when a batch is cut by the delay
// or the size cuts are more than 2 x target_interval apart, it shrinks back toward
// max_batch_size. Used by the source thread only.
class BatchPacer {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Cut { None, Rows, Bytes, Delay };

  explicit BatchPacer(PacingOptions options);

  size_t row_limit() const { return row_limit_; }
  Cut should_cut(size_t rows, size_t bytes, Clock::duration oldest_age) const;
  // Called when a batch was cut for `why` with `rows` records at `now`.
  void on_cut(Cut why, size_t rows, Clock::time_point now);

 private:
  PacingOptions options_;
  size_t row_limit_;
  size_t ceiling_;
  Clock::time_point last_cut_{};
};

}  // namespace sluice::pipeline
