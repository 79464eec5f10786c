#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "sink/dead_letter_entry.h"

namespace sluice::sink {

// Reading and rewriting the dead-letter log that DeadLetterFile appends to. Used by
// `sluice dlq` and by DeadLetterFile::open.

struct LogTail {
  uint64_t last_seq = 0;       // highest sequence number used so far (0: none)
  bool needs_newline = false;  // the file ends in a torn line
};

// Finds the last sequence number from the end of the open file (reads the whole file only
// for logs written before sequence numbers), and honours the `<path>.next-seq` floor that
// rewrite_log leaves so that purged numbers are never reused.
Result<LogTail> read_log_tail(int fd, const std::string& path);
Result<LogTail> read_log_tail(int fd);

struct LogContents {
  std::vector<DeadLetterEntry> entries;  // in file order (ascending seq)
  size_t skipped_lines = 0;              // torn or unparsable lines
};

// The whole log; a missing file is an empty log.
Result<LogContents> read_log(const std::string& path);

// Replaces the log with `entries` atomically (temp file, fsync, rename). The caller must hold
// the DeadLetterLock.
Status rewrite_log(const std::string& path, const std::vector<DeadLetterEntry>& entries,
                   uint64_t next_seq);

// Exclusive use of the log (the same flock a running pipeline holds).
class DeadLetterLock {
 public:
  static Result<DeadLetterLock> acquire(const std::string& path);
  DeadLetterLock(DeadLetterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DeadLetterLock& operator=(DeadLetterLock&&) = delete;
  ~DeadLetterLock();

 private:
  explicit DeadLetterLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace sluice::sink
