// sluice-dev-kafka: librdkafka's mock Kafka cluster as a standalone process, for development,
// tests and the demo. There is no real Kafka broker on the target machines (see
// shared/reference/test-infrastructure.md), so this is "the dev Kafka".
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "control_command.h"
#include "mock_cluster.h"

namespace {

using sluice::devkafka::MockCluster;

constexpr std::string_view kUsage =
    R"(usage: sluice-dev-kafka [--brokers N] [--bootstrap-file F] [--control FIFO] [--pid-file F]
                        TOPIC[:PARTITIONS[:RF]] ...

Runs librdkafka's in-memory mock Kafka cluster (PLAINTEXT only, no SASL/SSL) with N brokers
(default 3) on 127.0.0.1, random ports, creates the named topics, and serves until SIGTERM or
SIGINT, then shuts down cleanly (exit 0).

  --brokers N          number of brokers, numbered 1..N (default 3)
  --bootstrap-file F   write the bootstrap list to F (atomically: temp file + rename); removed at exit
  --control FIFO       create FIFO and read control commands from it (in addition to stdin)
  --pid-file F         write this process's PID to F (atomically); removed at exit
  --help               this text

On start it prints one line on stdout: BOOTSTRAP=127.0.0.1:p1,127.0.0.1:p2,...
Topics that are not created explicitly are auto-created by the mock with 4 partitions on
first use.

RETENTION, READ THIS: the mock keeps at most 5 MiB and at most 100,000 message sets (produce
batches) per partition, hard-coded in librdkafka with no way to change it. Older batches are
deleted and the log start offset moves up; a consumer that lags behind gets "Offset out of
range" and resets (to the end by default), so data is SILENTLY lost. With 1.5 KB messages that
is only about 3,400 messages per partition. Keep each partition's backlog under 5 MiB: spread
data over enough partitions (1M x 1.5 KB needs >= 512), or consume while producing.
Also: consumer groups rebalance only after session.timeout.ms - 1 s, so set
session.timeout.ms=6000 in tests (librdkafka's default 45 s makes joins very slow).

)";

bool parse_positive(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out > 0;
}

// Readers poll for the file, so it must appear complete or not at all.
bool write_file_atomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "w");
  if (f == nullptr) return false;
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = (std::fclose(f) == 0) && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) ok = false;
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

// Splits complete lines out of a read buffer and executes them.
void run_lines(MockCluster& cluster, std::string& buffer) {
  size_t nl;
  while ((nl = buffer.find('\n')) != std::string::npos) {
    std::string reply =
        sluice::devkafka::execute_command(cluster, std::string_view(buffer).substr(0, nl));
    buffer.erase(0, nl + 1);
    if (!reply.empty()) {
      std::fprintf(stderr, "%s\n", reply.c_str());
      std::fflush(stderr);
    }
  }
  // A line longer than this is garbage; drop it rather than grow without bound.
  if (buffer.size() > 64 * 1024) buffer.clear();
}

struct Options {
  int brokers = 3;
  std::string bootstrap_file;
  std::string control_fifo;
  std::string pid_file;
  std::vector<sluice::devkafka::TopicSpec> topics;
};

int parse_args(int argc, char** argv, Options& opts) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "sluice-dev-kafka: %s needs a value (see --help)\n", name);
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      std::string_view commands = sluice::devkafka::command_help();
      std::fwrite(commands.data(), 1, commands.size(), stdout);
      return 0;
    } else if (arg == "--brokers") {
      const char* v = value("--brokers");
      if (v == nullptr) return 2;
      if (!parse_positive(v, opts.brokers) || opts.brokers > 64) {
        std::fprintf(stderr, "sluice-dev-kafka: --brokers \"%s\": expected 1..64\n", v);
        return 2;
      }
    } else if (arg == "--bootstrap-file" || arg == "--control" || arg == "--pid-file") {
      const char* v = value(argv[i]);
      if (v == nullptr) return 2;
      (arg == "--bootstrap-file" ? opts.bootstrap_file
       : arg == "--control"      ? opts.control_fifo
                                 : opts.pid_file) = v;
    } else if (arg.starts_with("-")) {
      std::fprintf(stderr, "sluice-dev-kafka: unknown option \"%s\" (see --help)\n", argv[i]);
      return 2;
    } else {
      sluice::devkafka::TopicSpec spec;
      std::string error;
      if (!sluice::devkafka::parse_topic_spec(arg, spec, error)) {
        std::fprintf(stderr, "sluice-dev-kafka: %s\n", error.c_str());
        return 2;
      }
      opts.topics.push_back(spec);
    }
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  if (int rc = parse_args(argc, argv, opts); rc >= 0) return rc;

  // Block the stop signals before any librdkafka thread exists so that every thread inherits
  // the mask and the signals are only ever delivered through the signalfd below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  int sig_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC);
  if (sig_fd < 0) {
    std::perror("sluice-dev-kafka: signalfd");
    return 1;
  }

  auto cluster = MockCluster::create(opts.brokers);
  if (!cluster.ok()) {
    std::fprintf(stderr, "sluice-dev-kafka: %s\n", cluster.error().to_string().c_str());
    return 1;
  }
  for (const auto& topic : opts.topics) {
    rd_kafka_resp_err_t err =
        (*cluster)->create_topic(topic.name, topic.partitions, topic.replication);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::fprintf(stderr, "sluice-dev-kafka: create topic %s: %s\n", topic.name.c_str(),
                   rd_kafka_err2str(err));
      return 1;
    }
    std::fprintf(stderr, "sluice-dev-kafka: topic %s partitions=%d rf=%d\n", topic.name.c_str(),
                 topic.partitions, topic.replication);
  }

  int control_fd = -1;
  if (!opts.control_fifo.empty()) {
    unlink(opts.control_fifo.c_str());
    if (mkfifo(opts.control_fifo.c_str(), 0600) != 0) {
      std::fprintf(stderr, "sluice-dev-kafka: mkfifo %s: %s\n", opts.control_fifo.c_str(),
                   std::strerror(errno));
      return 1;
    }
    // Opened read-write so the FIFO always has a writer: closing a client's end then never
    // produces EOF, and writers never block waiting for a reader.
    control_fd = open(opts.control_fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (control_fd < 0) {
      std::fprintf(stderr, "sluice-dev-kafka: open %s: %s\n", opts.control_fifo.c_str(),
                   std::strerror(errno));
      return 1;
    }
  }

  const std::string bootstrap = (*cluster)->bootstrap();
  if (!opts.pid_file.empty() &&
      !write_file_atomically(opts.pid_file, std::to_string(getpid()) + "\n")) {
    std::fprintf(stderr, "sluice-dev-kafka: cannot write %s: %s\n", opts.pid_file.c_str(),
                 std::strerror(errno));
    return 1;
  }
  // The bootstrap file is written last: its appearance tells harnesses that everything is ready.
  if (!opts.bootstrap_file.empty() &&
      !write_file_atomically(opts.bootstrap_file, bootstrap + "\n")) {
    std::fprintf(stderr, "sluice-dev-kafka: cannot write %s: %s\n", opts.bootstrap_file.c_str(),
                 std::strerror(errno));
    return 1;
  }
  std::printf("BOOTSTRAP=%s\n", bootstrap.c_str());
  std::fflush(stdout);
  std::fprintf(stderr, "sluice-dev-kafka: %d broker(s) ready at %s\n", opts.brokers,
               bootstrap.c_str());

  bool stdin_open = true;
  std::string stdin_buffer;
  std::string control_buffer;
  char chunk[4096];
  bool running = true;
  while (running) {
    pollfd fds[3] = {
        {sig_fd, POLLIN, 0}, {stdin_open ? 0 : -1, POLLIN, 0}, {control_fd, POLLIN, 0}};
    int n = poll(fds, 3, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::perror("sluice-dev-kafka: poll");
      break;
    }
    if (fds[0].revents & POLLIN) {
      signalfd_siginfo info;
      if (read(sig_fd, &info, sizeof info) == sizeof info) {
        std::fprintf(stderr, "sluice-dev-kafka: signal %u, shutting down\n", info.ssi_signo);
      }
      running = false;
      break;
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t k = read(0, chunk, sizeof chunk);
      if (k > 0) {
        stdin_buffer.append(chunk, static_cast<size_t>(k));
        run_lines(**cluster, stdin_buffer);
      } else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
        // stdin closed (e.g. </dev/null when run in the background): keep serving.
        stdin_open = false;
      }
    }
    if (control_fd >= 0 && (fds[2].revents & POLLIN)) {
      ssize_t k;
      while ((k = read(control_fd, chunk, sizeof chunk)) > 0) {
        control_buffer.append(chunk, static_cast<size_t>(k));
      }
      run_lines(**cluster, control_buffer);
    }
  }

  cluster = sluice::Error();  // destroys the mock cluster before the files disappear
  if (control_fd >= 0) {
    close(control_fd);
    unlink(opts.control_fifo.c_str());
  }
  if (!opts.bootstrap_file.empty()) unlink(opts.bootstrap_file.c_str());
  if (!opts.pid_file.empty()) unlink(opts.pid_file.c_str());
  close(sig_fd);
  std::fprintf(stderr, "sluice-dev-kafka: stopped\n");
  return 0;
}
