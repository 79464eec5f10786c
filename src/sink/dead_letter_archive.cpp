#include "sink/dead_letter_archive.h"

#include <optional>
#include <set>
#include <unordered_map>

namespace sluice::sink {
namespace {

class FileArchive final : public DeadLetterArchive {
 public:
  FileArchive(std::string path, std::optional<DeadLetterLock> lock)
      : path_(std::move(path)), lock_(std::move(lock)) {}

  Result<LogContents> read() override { return read_log(path_); }

  Status update(const std::vector<uint64_t>& removed,
                const std::vector<DeadLetterEntry>& updated) override {
    if (!lock_) return Error(ErrorCode::Internal, "dead-letter file opened without its lock");
    auto log = read_log(path_);
    if (!log.ok()) return log.error();
    const uint64_t next = log->entries.empty() ? 1 : log->entries.back().seq + 1;
    const std::set<uint64_t> gone(removed.begin(), removed.end());
    std::unordered_map<uint64_t, const DeadLetterEntry*> by_seq;
    for (const DeadLetterEntry& e : updated) by_seq[e.seq] = &e;
    std::vector<DeadLetterEntry> keep;
    for (DeadLetterEntry& e : log->entries) {
      if (gone.count(e.seq)) continue;
      auto it = by_seq.find(e.seq);
      keep.push_back(it == by_seq.end() ? std::move(e) : *it->second);
    }
    return rewrite_log(path_, keep, next);
  }

  std::string where() const override { return "file " + path_; }

 private:
  std::string path_;
  std::optional<DeadLetterLock> lock_;
};

}  // namespace

Result<std::unique_ptr<DeadLetterArchive>> open_file_archive(const std::string& path,
                                                             bool exclusive) {
  std::optional<DeadLetterLock> lock;
  if (exclusive) {
    auto acquired = DeadLetterLock::acquire(path);
    if (!acquired.ok()) return acquired.error();
    lock.emplace(std::move(acquired).value());
  }
  return std::unique_ptr<DeadLetterArchive>(new FileArchive(path, std::move(lock)));
}

}  // namespace sluice::sink
