#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "clickhouse/transport.h"

namespace sluice::clickhouse {

// Owns a socket file descriptor; closes it on destruction. Move-only.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset();

 private:
  int fd_ = -1;
};

// Plain TCP. The socket is non-blocking; every wait goes through poll() with the caller's
// timeout, and TCP_NODELAY is set because the protocol writes small request packets and then
// waits for the answer. One thread at a time.
class TcpTransport final : public Transport {
 public:
  // Resolves `host` and tries each address in turn, each attempt bounded by `connect_timeout`.
  static Result<std::unique_ptr<TcpTransport>> connect(const std::string& host, uint16_t port,
                                                       std::chrono::milliseconds connect_timeout);

  Result<size_t> read_some(char* buf, size_t size, std::chrono::milliseconds timeout) override;
  Status write_all(std::string_view data, std::chrono::milliseconds timeout) override;
  void close() override { fd_.reset(); }

  // Hands the connected socket (non-blocking, TCP_NODELAY) to another transport (TLS).
  UniqueFd release_socket() { return std::move(fd_); }
  const std::string& peer() const { return peer_; }

 private:
  TcpTransport(UniqueFd fd, std::string peer) : fd_(std::move(fd)), peer_(std::move(peer)) {}

  UniqueFd fd_;
  std::string peer_;  // "host:port", for error messages
};

}  // namespace sluice::clickhouse
