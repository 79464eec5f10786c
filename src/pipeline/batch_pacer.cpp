#include "pipeline/batch_pacer.h"

#include <algorithm>

namespace sluice::pipeline {

BatchPacer::BatchPacer(PacingOptions options)
    : options_(options),
      row_limit_(std::max<size_t>(1, options.max_batch_size)),
      ceiling_(std::max(row_limit_, options.max_adaptive_rows)) {}

BatchPacer::Cut BatchPacer::should_cut(size_t rows, size_t bytes,
                                       Clock::duration oldest_age) const {
  if (rows == 0) return Cut::None;
  if (rows >= row_limit_) return Cut::Rows;
  if (bytes >= options_.max_batch_bytes) return Cut::Bytes;
  if (oldest_age >= options_.max_delay) return Cut::Delay;
  return Cut::None;
}

void BatchPacer::on_cut(Cut why, size_t rows, Clock::time_point now) {
  const Clock::time_point previous = last_cut_;
  last_cut_ = now;
  if (!options_.adaptive) return;
  const size_t floor = std::max<size_t>(1, options_.max_batch_size);
  if (why == Cut::Rows && previous != Clock::time_point{}) {
    auto interval = now - previous;
    if (interval < options_.target_interval)
      row_limit_ = std::min(ceiling_, row_limit_ * 2);
    else if (interval > 2 * options_.target_interval)
      row_limit_ = std::max(floor, row_limit_ / 2);
  } else if (why == Cut::Delay) {
    // Records arrive slower than the limit: come back down to what actually arrived.
    row_limit_ = std::max(floor, std::min(row_limit_, rows));
  }
}

}  // namespace sluice::pipeline
