#pragma once

#include <string>

#include "base/result.h"

namespace sluice::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction unless
// keep() was called or SLUICE_KEEP_TEST_DIRS is set in the environment (for post-mortems).
class TempDir {
 public:
  static Result<TempDir> create(const std::string& prefix);
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // Absolute path of `name` inside the directory.
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void keep() { keep_ = true; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  void remove();
  std::string path_;
  bool keep_ = false;
};

// Whole file contents, or an Io error.
Result<std::string> read_file(const std::string& path);
// The last `max_bytes` of a file (whole lines where possible), or "" if it cannot be read.
// For error messages that quote a server's log.
std::string tail_of_file(const std::string& path, size_t max_bytes = 2000);
// Writes via a temp file and rename, so readers see all of it or nothing.
Status write_file_atomically(const std::string& path, const std::string& content);

}  // namespace sluice::testing
