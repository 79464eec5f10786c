#include "support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace sluice::testing {

namespace {

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

Result<int> open_for_child(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error(ErrorCode::Io, "open " + path + ": " + std::strerror(errno));
  }
  return fd;
}

ExitStatus decode(int wstatus) {
  ExitStatus st;
  if (WIFEXITED(wstatus)) {
    st.exited = true;
    st.code = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus)) {
    st.signal = WTERMSIG(wstatus);
  }
  return st;
}

}  // namespace

std::string ExitStatus::to_string() const {
  if (exited) return "exit " + std::to_string(code);
  return "signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
}

Result<std::unique_ptr<Process>> Process::spawn(const ProcessOptions& options) {
  if (options.argv.empty()) return Error(ErrorCode::InvalidArgument, "spawn: empty argv");

  // Everything the child needs is prepared before fork(): between fork and exec only
  // async-signal-safe calls are allowed (the test process may have threads).
  std::vector<char*> argv;
  for (const auto& a : options.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  std::vector<std::string> env_storage;
  if (options.inherit_env) {
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry(*e);
      std::string key = entry.substr(0, entry.find('='));
      bool overridden = false;
      for (const auto& o : options.env) {
        if (o.substr(0, o.find('=')) == key) overridden = true;
      }
      if (!overridden) env_storage.push_back(std::move(entry));
    }
  }
  env_storage.insert(env_storage.end(), options.env.begin(), options.env.end());
  std::vector<char*> envp;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);

  const int out_flags = O_WRONLY | O_CREAT | (options.append_output ? O_APPEND : O_TRUNC);
  Fd in_fd, out_fd, err_fd;
  if (!options.stdin_path.empty()) {
    auto fd = open_for_child(options.stdin_path, O_RDONLY);
    if (!fd.ok()) return fd.error();
    in_fd.reset(fd.value());
  }
  if (!options.stdout_path.empty()) {
    auto fd = open_for_child(options.stdout_path, out_flags);
    if (!fd.ok()) return fd.error();
    out_fd.reset(fd.value());
  }
  if (!options.stderr_path.empty()) {
    auto fd = open_for_child(options.stderr_path, out_flags);
    if (!fd.ok()) return fd.error();
    err_fd.reset(fd.value());
  }
  // The child reports a failed exec through this close-on-exec pipe: a successful exec closes
  // it with nothing written.
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return Error(ErrorCode::Io, std::string("pipe2: ") + std::strerror(errno));
  }
  Fd report_read(pipe_fds[0]);
  Fd report_write(pipe_fds[1]);
  const pid_t parent = ::getpid();

  pid_t pid = ::fork();
  if (pid < 0) return Error(ErrorCode::Io, std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::setpgid(0, 0);  // own process group: a ^C at the terminal goes to the test only
    if (options.kill_with_parent) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (in_fd.get() >= 0) ::dup2(in_fd.get(), 0);
    if (out_fd.get() >= 0) ::dup2(out_fd.get(), 1);
    if (err_fd.get() >= 0) ::dup2(err_fd.get(), 2);
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) {
      int e = errno;
      (void)!::write(report_write.get(), &e, sizeof e);
      ::_exit(127);
    }
    ::execvpe(argv[0], argv.data(), envp.data());
    int e = errno;
    (void)!::write(report_write.get(), &e, sizeof e);
    ::_exit(127);
  }
  report_write.reset();
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(report_read.get(), &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  auto process = std::unique_ptr<Process>(new Process(pid));
  if (n == sizeof child_errno) {
    (void)process->wait(std::chrono::seconds(5));
    return Error(ErrorCode::Io, "exec " + options.argv[0] + ": " + std::strerror(child_errno));
  }
  return process;
}

Process::~Process() {
  if (!status_) kill_hard();
}

Status Process::signal(int sig) {
  if (status_) {
    return Error(ErrorCode::InvalidArgument, "process " + std::to_string(pid_) +
                                                 " already ended (" + status_->to_string() + ")");
  }
  if (::kill(pid_, sig) != 0) {
    return Error(ErrorCode::Io, "kill " + std::to_string(pid_) + ": " + std::strerror(errno));
  }
  return Status::success();
}

std::optional<ExitStatus> Process::poll() {
  if (status_) return status_;
  int wstatus = 0;
  rusage ru{};
  pid_t r;
  do {
    r = ::wait4(pid_, &wstatus, WNOHANG, &ru);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) {
    status_ = decode(wstatus);
    usage_ = ru;
  } else if (r < 0) {
    // ECHILD: someone else reaped it; report it as gone rather than running forever.
    status_ = ExitStatus{false, 0, 0};
  }
  return status_;
}

Result<ExitStatus> Process::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Polling keeps this free of SIGCHLD handlers, which would interfere with other code.
  auto sleep = std::chrono::milliseconds(1);
  for (;;) {
    if (auto st = poll()) return *st;
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error(ErrorCode::Timeout, "process " + std::to_string(pid_) + " still running after " +
                                           std::to_string(timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(sleep);
    sleep = std::min(sleep * 2, std::chrono::milliseconds(20));
  }
}

ExitStatus Process::terminate(std::chrono::milliseconds grace) {
  if (auto st = poll()) return *st;
  (void)signal(SIGTERM);
  auto st = wait(grace);
  if (st.ok()) return st.value();
  return kill_hard();
}

ExitStatus Process::kill_hard() {
  if (auto st = poll()) return *st;
  ::kill(pid_, SIGKILL);
  auto st = wait(std::chrono::seconds(30));
  // SIGKILL cannot be ignored; a child that survives 30 s is stuck in the kernel.
  return st.ok() ? st.value() : ExitStatus{false, 0, SIGKILL};
}

}  // namespace sluice::testing
