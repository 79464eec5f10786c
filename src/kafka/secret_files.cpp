#include "kafka/secret_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

namespace sluice::kafka {
namespace {

class PrivateTempFiles final : public SecretFiles {
 public:
  ~PrivateTempFiles() override {
    if (dir_.empty()) return;
    std::error_code ignored;  // best effort at exit: nothing useful can be done on failure
    std::filesystem::remove_all(dir_, ignored);
  }

  Result<std::string> write(std::string_view name, std::string_view content) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (dir_.empty()) {
      const char* tmp = std::getenv("TMPDIR");
      std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sluice-secrets-XXXXXX";
      if (mkdtemp(pattern.data()) == nullptr) {
        return Error(ErrorCode::Io, "cannot create a private directory for Kafka credentials (" +
                                        pattern + "): " + std::strerror(errno));
      }
      dir_ = pattern;
    }
    const std::string path = dir_ + "/" + std::to_string(++count_) + "-" + std::string(name);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Error(ErrorCode::Io, "cannot create " + path + ": " + std::strerror(errno));
    }
    size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const int saved = errno;
        ::close(fd);
        return Error(ErrorCode::Io, "cannot write " + path + ": " + std::strerror(saved));
      }
      done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) {
      return Error(ErrorCode::Io, "cannot write " + path + ": " + std::strerror(errno));
    }
    return path;
  }

 private:
  std::mutex mutex_;
  std::string dir_;
  int count_ = 0;
};

}  // namespace

SecretFiles& process_secret_files() {
  static PrivateTempFiles files;
  return files;
}

}  // namespace sluice::kafka
