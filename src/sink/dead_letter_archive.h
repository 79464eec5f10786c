#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "sink/dead_letter_entry.h"
#include "sink/dead_letter_log.h"

namespace sluice::sink {

// A pipeline's dead letters as `sluice dlq` sees them, wherever they are stored (the local log
// or a ClickHouse table, see dead_letter_target.h). Used by one thread.
class DeadLetterArchive {
 public:
  virtual ~DeadLetterArchive() = default;

  // Every entry of the pipeline, ascending seq.
  virtual Result<LogContents> read() = 0;
  // Removes the entries whose seq is in `removed` and stores each of `updated` in place of the
  // entry with its seq, in one durable step.
  virtual Status update(const std::vector<uint64_t>& removed,
                        const std::vector<DeadLetterEntry>& updated) = 0;
  // Where the entries are, for messages ("file .sluice/p/dead_letters.jsonl").
  virtual std::string where() const = 0;
};

// The local log as an archive. With `exclusive`, holds the log's lock (the one a running
// pipeline holds) from open until destruction, so update() cannot race the pipeline.
Result<std::unique_ptr<DeadLetterArchive>> open_file_archive(const std::string& path,
                                                             bool exclusive);

}  // namespace sluice::sink
