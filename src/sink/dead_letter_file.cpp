#include "sink/dead_letter_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sink/dead_letter_log.h"

namespace sluice::sink {

namespace {

Status write_all(int fd, const std::string& out, const std::string& path) {
  size_t written = 0;
  while (written < out.size()) {
    ssize_t n = ::write(fd, out.data() + written, out.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error(ErrorCode::Io,
                   "cannot write dead-letter file " + path + ": " + std::strerror(errno), true);
    }
    written += static_cast<size_t>(n);
  }
  if (::fdatasync(fd) != 0)
    return Error(ErrorCode::Io,
                 "cannot sync dead-letter file " + path + ": " + std::strerror(errno), true);
  return Status::success();
}

}  // namespace

Result<std::unique_ptr<DeadLetterFile>> DeadLetterFile::open(const std::string& path,
                                                             std::string pipeline_id) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec)
    return Error(ErrorCode::Io, "cannot create directory " + parent.string() + ": " + ec.message());
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return Error(ErrorCode::Io,
                 "cannot open dead-letter file " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Error(ErrorCode::Io, "dead-letter file " + path +
                                    " is in use by another sluice process (a running pipeline "
                                    "or `sluice dlq replay|purge`)");
  }
  auto tail = read_log_tail(fd, path);
  if (!tail.ok()) {
    ::close(fd);
    return tail.error().with_context("dead-letter file " + path);
  }
  std::unique_ptr<DeadLetterFile> file(
      new DeadLetterFile(path, fd, std::move(pipeline_id), tail->last_seq + 1));
  // A crash during an append can leave half a line: end it, so the next entry starts clean
  // (readers skip the broken line and say so).
  if (tail->needs_newline) SLUICE_RETURN_IF_ERROR(write_all(fd, "\n", path));
  return file;
}

DeadLetterFile::~DeadLetterFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status DeadLetterFile::write(const std::vector<RejectedRecord>& records,
                             const std::vector<std::string>& topics) {
  if (records.empty()) return Status::success();
  std::vector<DeadLetterEntry> entries = entries_from(records, topics, pipeline_id_);
  return append(entries);
}

Status DeadLetterFile::append(std::vector<DeadLetterEntry>& entries) {
  if (entries.empty()) return Status::success();
  const std::string time = utc_now_iso8601();
  std::string out;
  uint64_t seq = next_seq_;
  for (DeadLetterEntry& e : entries) {
    e.seq = seq++;
    if (e.time.empty()) e.time = time;
    append_entry_line(out, e);
  }
  SLUICE_RETURN_IF_ERROR(write_all(fd_, out, path_));
  next_seq_ = seq;
  return Status::success();
}

}  // namespace sluice::sink
