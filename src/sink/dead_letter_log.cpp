#include "sink/dead_letter_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice::sink {

namespace {

Error io_error(const std::string& what, const std::string& path) {
  return Error(ErrorCode::Io, what + " " + path + ": " + std::strerror(errno));
}

std::string seq_floor_path(const std::string& path) {
  return path + ".next-seq";
}

uint64_t read_seq_floor(const std::string& path) {
  std::ifstream in(seq_floor_path(path));
  uint64_t next = 0;
  if (in >> next) return next;
  return 0;
}

std::string fd_path(int fd) {
  char buf[4096];
  std::string link = "/proc/self/fd/" + std::to_string(fd);
  ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// Parses the lines of `text`; entries without a seq are numbered after the previous one.
void parse_lines(std::string_view text, LogContents& out) {
  uint64_t last = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {  // torn final line: not an entry
      ++out.skipped_lines;
      break;
    }
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    auto entry = parse_entry_line(line);
    if (!entry.ok()) {
      ++out.skipped_lines;
      continue;
    }
    if (entry->seq == 0) entry->seq = last + 1;
    last = entry->seq;
    out.entries.push_back(std::move(entry).value());
  }
}

}  // namespace

Result<LogTail> read_log_tail(int fd) {
  return read_log_tail(fd, fd_path(fd));
}

Result<LogTail> read_log_tail(int fd, const std::string& path) {
  LogTail tail;
  tail.last_seq = read_seq_floor(path);
  if (tail.last_seq > 0) --tail.last_seq;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return io_error("cannot stat", path);
  const off_t size = st.st_size;
  if (size == 0) return tail;
  // Read backwards until the chunk holds the last complete line.
  std::string chunk;
  off_t from = size;
  while (true) {
    off_t step = std::min<off_t>(from, 65536);
    from -= step;
    std::string part(static_cast<size_t>(step), '\0');
    if (::pread(fd, part.data(), part.size(), from) != step) return io_error("cannot read", path);
    chunk = part + chunk;
    size_t body_end = chunk.back() == '\n' ? chunk.size() - 1 : chunk.rfind('\n');
    if (body_end == std::string::npos || body_end == 0) {
      if (from == 0) break;  // no complete line at all
      continue;
    }
    size_t line_start = chunk.rfind('\n', body_end - 1);
    if (line_start == std::string::npos && from > 0) continue;
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    auto entry =
        parse_entry_line(std::string_view(chunk).substr(line_start, body_end - line_start));
    if (entry.ok() && entry->seq > 0) {
      tail.last_seq = std::max(tail.last_seq, entry->seq);
    } else {
      // Written before sequence numbers (or damaged): number the whole log as readers do.
      auto all = read_log(path);
      if (!all.ok()) return all.error();
      if (!all->entries.empty()) tail.last_seq = std::max(tail.last_seq, all->entries.back().seq);
    }
    break;
  }
  char last = 0;
  if (::pread(fd, &last, 1, size - 1) != 1) return io_error("cannot read", path);
  tail.needs_newline = last != '\n';
  return tail;
}

Result<LogContents> read_log(const std::string& path) {
  LogContents out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return out;
    return io_error("cannot open", path);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  parse_lines(text, out);
  return out;
}

Status rewrite_log(const std::string& path, const std::vector<DeadLetterEntry>& entries,
                   uint64_t next_seq) {
  next_seq = std::max(next_seq, read_seq_floor(path));  // never move the floor back
  {
    std::ofstream floor(seq_floor_path(path), std::ios::trunc);
    floor << next_seq << "\n";
    if (!floor) return io_error("cannot write", seq_floor_path(path));
  }
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", tmp);
  std::string out;
  for (const DeadLetterEntry& e : entries) append_entry_line(out, e);
  size_t written = 0;
  while (written < out.size()) {
    ssize_t n = ::write(fd, out.data() + written, out.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return io_error("cannot write", tmp);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return io_error("cannot sync", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return io_error("cannot replace", path);
  std::string dir = std::filesystem::path(path).parent_path().string();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);  // the rename itself must survive a crash
    ::close(dfd);
  }
  return Status::success();
}

Result<DeadLetterLock> DeadLetterLock::acquire(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot open", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Error(ErrorCode::Io,
                 "dead-letter file " + path + " is in use: stop the pipeline that writes it first");
  }
  return DeadLetterLock(fd);
}

DeadLetterLock::~DeadLetterLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace sluice::sink
