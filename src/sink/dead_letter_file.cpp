#include "sink/dead_letter_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "base/base64.h"
#include "base/json_writer.h"

namespace sluice::sink {

namespace {

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string_view reject_component(RejectReason reason) {
  switch (reason) {
    case RejectReason::InvalidJson:
    case RejectReason::NotAnObject:
    case RejectReason::FieldTypeMismatch: return "decoder";
    case RejectReason::ConversionFailed:
    case RejectReason::ServerRejected: return "sink";
  }
  return "unknown";
}

Result<std::unique_ptr<DeadLetterFile>> DeadLetterFile::open(const std::string& path,
                                                             std::string pipeline_id) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec)
    return Error(ErrorCode::Io, "cannot create directory " + parent.string() + ": " + ec.message());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return Error(ErrorCode::Io, "cannot open dead-letter file " + path + ": " + std::strerror(errno));
  return std::unique_ptr<DeadLetterFile>(new DeadLetterFile(path, fd, std::move(pipeline_id)));
}

DeadLetterFile::~DeadLetterFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status DeadLetterFile::write(const std::vector<RejectedRecord>& records,
                             const std::vector<std::string>& topics) {
  if (records.empty()) return Status::success();
  const std::string time = utc_now();
  std::string out;
  for (const RejectedRecord& r : records) {
    out += "{\"time\":\"" + time + "\",\"pipeline_id\":";
    append_json_string(out, pipeline_id_);
    out += ",\"component\":\"";
    out += reject_component(r.reason);
    out += "\",\"reason\":\"";
    out += reject_reason_name(r.reason);
    out += "\",\"detail\":";
    append_json_string(out, r.detail);
    out += ",\"topic\":";
    append_json_string(out, r.origin.topic < topics.size() ? topics[r.origin.topic] : "");
    out += ",\"partition\":" + std::to_string(r.origin.partition.value);
    out += ",\"offset\":" + std::to_string(r.origin.offset.value);
    out += ",\"timestamp_ms\":" + std::to_string(r.origin.timestamp_ms);
    out += ",\"key_base64\":\"" + base64_encode(r.key);
    out += "\",\"payload_base64\":\"" + base64_encode(r.payload) + "\"}\n";
  }
  size_t written = 0;
  while (written < out.size()) {
    ssize_t n = ::write(fd_, out.data() + written, out.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error(ErrorCode::Io, "cannot write dead-letter file " + path_ + ": " +
                                      std::strerror(errno), true);
    }
    written += static_cast<size_t>(n);
  }
  if (::fdatasync(fd_) != 0)
    return Error(ErrorCode::Io, "cannot sync dead-letter file " + path_ + ": " +
                                    std::strerror(errno), true);
  return Status::success();
}

}  // namespace sluice::sink
