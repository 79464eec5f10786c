#include "clickhouse/tcp_transport.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace sluice::clickhouse {

namespace {

using Clock = std::chrono::steady_clock;

Error network_error(const std::string& peer, std::string_view what, int err) {
  return Error(
      ErrorCode::Network,
      peer + ": " + std::string(what) + (err != 0 ? ": " + std::string(std::strerror(err)) : ""),
      /*retriable=*/true);
}

Error timeout_error(const std::string& peer, std::string_view what,
                    std::chrono::milliseconds timeout) {
  return Error(ErrorCode::Timeout,
               peer + ": " + std::string(what) + " timed out after " +
                   std::to_string(timeout.count()) + " ms",
               /*retriable=*/true);
}

// Waits for `events` on `fd` until `deadline`. Returns 1 if ready, 0 on timeout, -1 on error
// (errno set).
int wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() < 0) left = std::chrono::milliseconds(0);
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), INT32_MAX)));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) return rc;
    return 1;
  }
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int UniqueFd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Result<std::unique_ptr<TcpTransport>> TcpTransport::connect(
    const std::string& host, uint16_t port, std::chrono::milliseconds connect_timeout) {
  const std::string peer = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list);
  if (rc != 0) {
    return Error(ErrorCode::Network, peer + ": cannot resolve: " + ::gai_strerror(rc), true);
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owner(list, &::freeaddrinfo);

  Error last = network_error(peer, "no address to connect to", 0);
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    UniqueFd fd(
        ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
    if (!fd.valid()) {
      last = network_error(peer, "socket", errno);
      continue;
    }
    if (::connect(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last = network_error(peer, "connect", errno);
        continue;
      }
      int ready = wait_for(fd.get(), POLLOUT, Clock::now() + connect_timeout);
      if (ready == 0) {
        last = timeout_error(peer, "connect", connect_timeout);
        continue;
      }
      int err = 0;
      socklen_t len = sizeof(err);
      if (ready < 0) {
        err = errno;
      } else if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
        err = errno;
      }
      if (err != 0) {
        last = network_error(peer, "connect", err);
        continue;
      }
    }
    int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return std::unique_ptr<TcpTransport>(new TcpTransport(std::move(fd), peer));
  }
  return last;
}

Result<size_t> TcpTransport::read_some(char* buf, size_t size, std::chrono::milliseconds timeout) {
  if (!fd_.valid()) return network_error(peer_, "read on a closed connection", 0);
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    ssize_t n = ::recv(fd_.get(), buf, size, 0);
    if (n > 0) return static_cast<size_t>(n);
    if (n == 0) return network_error(peer_, "connection closed by the server", 0);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return network_error(peer_, "recv", errno);
    int ready = wait_for(fd_.get(), POLLIN, deadline);
    if (ready == 0) return timeout_error(peer_, "read", timeout);
    if (ready < 0) return network_error(peer_, "poll", errno);
  }
}

Status TcpTransport::write_all(std::string_view data, std::chrono::milliseconds timeout) {
  if (!fd_.valid()) return network_error(peer_, "write on a closed connection", 0);
  while (!data.empty()) {
    ssize_t n = ::send(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
      return network_error(peer_, "send", errno);
    int ready = wait_for(fd_.get(), POLLOUT, Clock::now() + timeout);
    if (ready == 0) return timeout_error(peer_, "write", timeout);
    if (ready < 0) return network_error(peer_, "poll", errno);
  }
  return Status::success();
}

}  // namespace sluice::clickhouse
