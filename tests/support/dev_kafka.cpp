#include "support/dev_kafka.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <thread>

namespace sluice::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(15);
constexpr auto kCommandTimeout = std::chrono::seconds(10);

// The tool answers every command with exactly one line starting "ok " or "error ".
std::vector<std::string> answers(const std::string& log) {
  std::vector<std::string> out;
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("ok ", 0) == 0 || line.rfind("error ", 0) == 0) out.push_back(line);
  }
  return out;
}

}  // namespace

std::string tool_path(const std::string& name) {
  return std::string(SLUICE_BINARY_DIR) + "/tools/" + name;
}

Result<std::unique_ptr<DevKafka>> DevKafka::start(std::vector<std::string> topics, int brokers) {
  auto dir = TempDir::create("sluice-dev-kafka");
  if (!dir.ok()) return dir.error();
  std::unique_ptr<DevKafka> kafka(new DevKafka(std::move(dir).value()));
  ProcessOptions options;
  options.argv = {tool_path("sluice-dev-kafka"),   "--brokers",
                  std::to_string(brokers),         "--bootstrap-file",
                  kafka->dir_.file("bootstrap"),   "--control",
                  kafka->dir_.file("control.fifo")};
  options.argv.insert(options.argv.end(), topics.begin(), topics.end());
  options.stdout_path = kafka->dir_.file("stdout.log");
  options.stderr_path = kafka->dir_.file("stderr.log");
  auto process = Process::spawn(options);
  if (!process.ok()) {
    return process.error().with_context(
        "sluice-dev-kafka (build it: cmake --build <dir> --target sluice-dev-kafka)");
  }
  kafka->process_ = std::move(process).value();

  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  for (;;) {
    // The tool writes the file via rename, so any content seen is complete.
    auto content = read_file(kafka->dir_.file("bootstrap"));
    if (content.ok() && !content->empty()) {
      std::string bs = content.value();
      while (!bs.empty() && (bs.back() == '\n' || bs.back() == '\r')) bs.pop_back();
      kafka->bootstrap_ = bs;
      return kafka;
    }
    if (auto st = kafka->process_->poll()) {
      kafka->dir_.keep();
      return Error(ErrorCode::Io, "sluice-dev-kafka exited during start-up (" + st->to_string() +
                                      "): " + tail_of_file(kafka->dir_.file("stderr.log")));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error(ErrorCode::Timeout, "sluice-dev-kafka wrote no bootstrap file within 15 s: " +
                                           tail_of_file(kafka->dir_.file("stderr.log")));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

DevKafka::~DevKafka() {
  if (process_) process_->terminate(std::chrono::seconds(10));
}

std::string DevKafka::log() const {
  auto content = read_file(dir_.file("stderr.log"));
  return content.ok() ? content.value() : "";
}

Status DevKafka::command(const std::string& line) {
  if (line.find('\n') != std::string::npos || line.empty()) {
    return Error(ErrorCode::InvalidArgument, "dev kafka command must be one non-empty line");
  }
  const size_t before = answers(log()).size();
  // The tool holds the FIFO open read-write, so this open never blocks; lines shorter than
  // PIPE_BUF are written atomically.
  int fd = ::open(dir_.file("control.fifo").c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return Error(ErrorCode::Io, "open control fifo: " + std::string(std::strerror(errno)));
  }
  const std::string data = line + "\n";
  ssize_t n = ::write(fd, data.data(), data.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(data.size())) {
    return Error(ErrorCode::Io, "write control fifo: " + std::string(std::strerror(errno)));
  }
  const auto deadline = std::chrono::steady_clock::now() + kCommandTimeout;
  for (;;) {
    auto all = answers(log());
    if (all.size() > before) {
      const std::string& reply = all[before];
      if (reply.rfind("ok ", 0) == 0) return Status::success();
      return Error(ErrorCode::InvalidArgument, "dev kafka: " + reply);
    }
    if (!process_->running()) {
      return Error(ErrorCode::Io, "sluice-dev-kafka is not running (" +
                                      process_->exit_status()->to_string() + ")");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error(ErrorCode::Timeout, "dev kafka did not answer \"" + line + "\" within 10 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace sluice::testing
