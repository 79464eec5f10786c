#pragma once

#include <memory>
#include <string>

#include "sink/dead_letter_store.h"

namespace sluice::sink {

// A dead-letter store in a local file of JSON lines, one entry per record:
//   {"time":"2026-11-25T10:00:00Z","pipeline_id":"...","component":"decoder",
//    "reason":"invalid_json","detail":"...","topic":"events","partition":3,"offset":42,
//    "timestamp_ms":1700000000000,"key_base64":"","payload_base64":"..."}
// The payload is base64 so any bytes survive. Appends are fsync'ed before write() returns.
class DeadLetterFile final : public DeadLetterStore {
 public:
  static Result<std::unique_ptr<DeadLetterFile>> open(const std::string& path,
                                                      std::string pipeline_id);
  ~DeadLetterFile() override;

  Status write(const std::vector<RejectedRecord>& records,
               const std::vector<std::string>& topics) override;
  const std::string& path() const { return path_; }

 private:
  DeadLetterFile(std::string path, int fd, std::string pipeline_id)
      : path_(std::move(path)), fd_(fd), pipeline_id_(std::move(pipeline_id)) {}

  std::string path_;
  int fd_;
  std::string pipeline_id_;
};

// The component that rejected a record with this reason ("decoder" or "sink").
std::string_view reject_component(RejectReason reason);

}  // namespace sluice::sink
