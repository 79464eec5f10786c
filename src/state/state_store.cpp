#include "state/state_store.h"

#include <rocksdb/db.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <charconv>
#include <cstring>
#include <filesystem>

namespace sluice::state {
namespace {

constexpr std::string_view kOffsetPrefix = "o/";

// Kafka topic names never contain '/', so the last one separates the partition.
std::string offset_key(const std::string& topic, int32_t partition) {
  return std::string(kOffsetPrefix) + topic + "/" + std::to_string(partition);
}

std::string encode_i64(int64_t v) {
  std::string out(8, '\0');
  std::memcpy(out.data(), &v, 8);
  return out;
}

Error store_error(const rocksdb::Status& s, const std::string& what, const std::string& dir) {
  return Error(ErrorCode::Io, "state store " + dir + ": " + what + ": " + s.ToString());
}

}  // namespace

StateStore::~StateStore() = default;

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec)
    return Error(ErrorCode::Io,
                 "cannot create the state directory " + directory + ": " + ec.message());
  rocksdb::Options options;
  options.create_if_missing = true;
  options.IncreaseParallelism(2);
  options.OptimizeLevelStyleCompaction(64u << 20);
  // Sluice writes state at every checkpoint and reads it only by scanning at start-up: a
  // vector memtable appends each put (sorted once, when flushed or scanned) where the default
  // skip list searched its place. A W3 run spent 16% of its CPU in skip-list inserts.
  options.memtable_factory.reset(new rocksdb::VectorRepFactory());
  options.allow_concurrent_memtable_write = false;  // the vector memtable needs one writer
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, directory, &raw);
  if (!s.ok()) {
    std::string hint = s.IsIOError() && s.ToString().find("lock") != std::string::npos
                           ? " (is another `sluice run` of this pipeline using it?)"
                           : "";
    return Error(ErrorCode::Io,
                 "cannot open the state store " + directory + ": " + s.ToString() + hint);
  }
  std::unique_ptr<StateStore> store(new StateStore());
  store->directory_ = directory;
  store->db_.reset(raw);
  return store;
}

Status StateStore::scan(
    std::string_view prefix,
    const std::function<void(std::string_view key, std::string_view value)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    if (!key.starts_with(rocksdb::Slice(prefix.data(), prefix.size()))) break;
    rocksdb::Slice value = it->value();
    visit(std::string_view(key.data(), key.size()), std::string_view(value.data(), value.size()));
  }
  if (!it->status().ok()) return store_error(it->status(), "cannot read", directory_);
  return Status::success();
}

Result<CheckpointOffsets> StateStore::offsets() const {
  CheckpointOffsets out;
  bool bad = false;
  Status s = scan(kOffsetPrefix, [&](std::string_view key, std::string_view value) {
    key.remove_prefix(kOffsetPrefix.size());
    size_t slash = key.rfind('/');
    int32_t partition = 0;
    if (slash == std::string_view::npos || value.size() != 8 ||
        std::from_chars(key.data() + slash + 1, key.data() + key.size(), partition).ec !=
            std::errc()) {
      bad = true;
      return;
    }
    int64_t next = 0;
    std::memcpy(&next, value.data(), 8);
    out[{std::string(key.substr(0, slash)), partition}] = next;
  });
  if (!s.ok()) return s.error();
  if (bad)
    return Error(ErrorCode::Io, "state store " + directory_ + ": a checkpoint offset is corrupt");
  return out;
}

Status StateStore::write(const Checkpoint& checkpoint) {
  if (checkpoint.empty()) return Status::success();
  // Sized up front: a join's first checkpoint holds tens of MB, and a batch growing by doubling
  // copied them and touched each new buffer's pages for the first time (W3: 15k page faults).
  size_t bytes = 12;  // the batch header
  for (const auto& key : checkpoint.erases_) bytes += key.size() + 6;
  for (const auto& [key, value] : checkpoint.puts_) bytes += key.size() + value.size() + 11;
  for (const auto& [tp, next] : checkpoint.offsets_) bytes += tp.first.size() + 32;
  rocksdb::WriteBatch batch(bytes);
  for (const auto& key : checkpoint.erases_) batch.Delete(key);
  for (const auto& [key, value] : checkpoint.puts_) batch.Put(key, value);
  for (const auto& [tp, next] : checkpoint.offsets_)
    batch.Put(offset_key(tp.first, tp.second), encode_i64(next));
  rocksdb::WriteOptions options;
  options.sync = true;  // durable before the Kafka commit that follows
  rocksdb::Status s = db_->Write(options, &batch);
  if (!s.ok()) return store_error(s, "cannot write a checkpoint", directory_);
  return Status::success();
}

}  // namespace sluice::state
