#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace rocksdb {
class DB;
}

namespace sluice::state {

// (topic, partition) -> the next offset to consume, as checkpointed with the state.
using CheckpointOffsets = std::map<std::pair<std::string, int32_t>, int64_t>;

// One atomic write to the state store: the state changes of a settled batch together with the
// Kafka positions they correspond to (architecture.md, delivery invariant 3). Built by the
// settling thread, applied by StateStore::write.
class Checkpoint {
 public:
  void put(std::string key, std::string value) {
    puts_.emplace_back(std::move(key), std::move(value));
  }
  void erase(std::string key) { erases_.push_back(std::move(key)); }
  void set_offset(const std::string& topic, int32_t partition, int64_t next) {
    offsets_[{topic, partition}] = next;
  }
  bool empty() const { return puts_.empty() && erases_.empty() && offsets_.empty(); }

 private:
  friend class StateStore;
  std::vector<std::pair<std::string, std::string>> puts_;
  std::vector<std::string> erases_;
  CheckpointOffsets offsets_;
};

// A pipeline's durable state (dedup keys, join buffers) and the offsets it was checkpointed at,
// in one RocksDB database in the pipeline's data directory. Writes are synchronous (WAL fsync)
// before the Kafka commit that follows them. One process per directory (RocksDB's LOCK file):
// a second `sluice run` of the same pipeline on the same directory fails to open it.
// Thread-safe (RocksDB is); in practice only the settling thread writes.
class StateStore {
 public:
  static Result<std::unique_ptr<StateStore>> open(const std::string& directory);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // Calls `visit` for every key starting with `prefix` (in key order), with its value.
  Status scan(std::string_view prefix,
              const std::function<void(std::string_view key, std::string_view value)>& visit) const;
  // The offsets of the last checkpoint, per partition.
  Result<CheckpointOffsets> offsets() const;
  // Applies every change of `checkpoint` atomically and durably.
  Status write(const Checkpoint& checkpoint);

  const std::string& directory() const { return directory_; }

 private:
  StateStore() = default;
  std::string directory_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace sluice::state
