#pragma once

#include <memory>
#include <string>

#include "sink/dead_letter_entry.h"
#include "sink/dead_letter_store.h"

namespace sluice::sink {

// The default dead-letter store: a local log of JSON lines (sink/dead_letter_entry.h), by
// default .sluice/<pipeline_id>/dead_letters.jsonl. Each entry gets the next sequence number,
// continuing after the last entry already in the file. Appends are fsync'ed before write()
// returns. The file is flock'ed exclusively while open, so `sluice dlq replay|purge` cannot
// rewrite it under a running pipeline.
class DeadLetterFile final : public DeadLetterStore {
 public:
  static Result<std::unique_ptr<DeadLetterFile>> open(const std::string& path,
                                                      std::string pipeline_id);
  ~DeadLetterFile() override;

  Status write(const std::vector<RejectedRecord>& records,
               const std::vector<std::string>& topics) override;
  // Appends ready-made entries (their seq is replaced by the next ones).
  Status append(std::vector<DeadLetterEntry>& entries);
  const std::string& path() const { return path_; }
  uint64_t next_seq() const { return next_seq_; }

 private:
  DeadLetterFile(std::string path, int fd, std::string pipeline_id, uint64_t next_seq)
      : path_(std::move(path)),
        fd_(fd),
        pipeline_id_(std::move(pipeline_id)),
        next_seq_(next_seq) {}

  std::string path_;
  int fd_;
  std::string pipeline_id_;
  uint64_t next_seq_;
};

}  // namespace sluice::sink
