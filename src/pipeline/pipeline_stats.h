#pragma once

#include <atomic>
#include <cstdint>

namespace sluice::pipeline {

// Adds `n` to a counter that only the calling thread writes (readers only load it): a relaxed
// load and store, without the locked read-modify-write that `+=` costs on every message.
inline void add_own(std::atomic<uint64_t>& counter, uint64_t n) {
  counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

// Counters shared by the source and sink threads; read by the status reporter.
struct PipelineStats {
  std::atomic<uint64_t> records_in{0};      // messages consumed from Kafka (source thread: add_own)
  std::atomic<uint64_t> bytes_in{0};        // their value bytes (likewise)
  std::atomic<uint64_t> rows_written{0};    // rows ClickHouse acknowledged
  std::atomic<uint64_t> dead_lettered{0};   // records written to the dead-letter store
  std::atomic<uint64_t> filtered{0};        // records a filter dropped (settled, not written)
  std::atomic<uint64_t> duplicates{0};      // records a dedup step dropped (likewise)
  std::atomic<uint64_t> batches{0};         // settled batches
  std::atomic<uint64_t> insert_retries{0};  // retried ClickHouse inserts
  std::atomic<uint64_t> commits_failed{0};  // offset commits that failed (retried by the next)
  // Join pipelines: left records waiting for their right record now, left records that had to
  // wait so far, left records that expired unmatched so far (inner join: settled, not written),
  // right keys held now.
  std::atomic<uint64_t> join_waiting{0};
  std::atomic<uint64_t> join_waited{0};
  std::atomic<uint64_t> join_expired{0};
  std::atomic<uint64_t> join_right_keys{0};
};

}  // namespace sluice::pipeline
