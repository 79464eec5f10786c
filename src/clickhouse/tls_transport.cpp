#include "clickhouse/tls_transport.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <csignal>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sluice::clickhouse {
namespace {

using Clock = std::chrono::steady_clock;

// The queued OpenSSL errors as text (clears the queue).
std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

Error tls_error(const std::string& peer, std::string_view what, bool retriable = true) {
  std::string detail = openssl_errors();
  return Error(ErrorCode::Network,
               peer + ": TLS " + std::string(what) + (detail.empty() ? "" : ": " + detail),
               retriable);
}

// Waits until `fd` is ready for what OpenSSL asked (SSL_ERROR_WANT_READ/WRITE): 1, 0 on
// timeout, -1 on error.
int wait_for(int fd, int ssl_error, Clock::time_point deadline) {
  const short events = ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() < 0) left = std::chrono::milliseconds(0);
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), INT32_MAX)));
    if (rc < 0 && errno == EINTR) continue;
    return rc < 0 ? -1 : rc;
  }
}

Error timeout_error(const std::string& peer, std::string_view what,
                    std::chrono::milliseconds timeout) {
  return Error(ErrorCode::Timeout,
               peer + ": TLS " + std::string(what) + " timed out after " +
                   std::to_string(timeout.count()) + " ms",
               true);
}

}  // namespace

struct TlsTransport::Impl {
  UniqueFd fd;
  std::string peer;
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;

  ~Impl() {
    if (ssl != nullptr) SSL_free(ssl);
    if (ctx != nullptr) SSL_CTX_free(ctx);
  }
};

TlsTransport::TlsTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TlsTransport::~TlsTransport() {
  close();
}

void TlsTransport::close() {
  if (impl_->ssl != nullptr && impl_->fd.valid()) {
    SSL_shutdown(impl_->ssl);  // best effort close_notify; non-blocking, never waits
    ERR_clear_error();
  }
  impl_->fd.reset();
}

std::string TlsTransport::protocol_version() const {
  return impl_->ssl != nullptr ? SSL_get_version(impl_->ssl) : "";
}

Result<std::unique_ptr<TlsTransport>> TlsTransport::connect(
    const std::string& host, uint16_t port, const TlsOptions& options,
    std::chrono::milliseconds connect_timeout) {
  const auto deadline = Clock::now() + connect_timeout;
  // OpenSSL writes with write(2): a peer that went away would raise SIGPIPE and kill the
  // process. The sluice CLI ignores SIGPIPE already; do the same for other embedders.
  static const bool sigpipe_checked = [] {
    struct sigaction current {};
    if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
      std::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)sigpipe_checked;
  auto tcp = TcpTransport::connect(host, port, connect_timeout);
  if (!tcp.ok()) return tcp.error();
  auto impl = std::make_unique<Impl>();
  impl->peer = tcp.value()->peer();
  impl->fd = tcp.value()->release_socket();
  const std::string& peer = impl->peer;

  ERR_clear_error();
  impl->ctx = SSL_CTX_new(TLS_client_method());
  if (impl->ctx == nullptr) return tls_error(peer, "context", false);
  SSL_CTX_set_min_proto_version(impl->ctx, TLS1_2_VERSION);
  if (options.skip_certificate_verification) {
    SSL_CTX_set_verify(impl->ctx, SSL_VERIFY_NONE, nullptr);
  } else {
    SSL_CTX_set_verify(impl->ctx, SSL_VERIFY_PEER, nullptr);
    if (!options.ca_file.empty()) {
      if (SSL_CTX_load_verify_locations(impl->ctx, options.ca_file.c_str(), nullptr) != 1)
        return tls_error(peer, "cannot load CA file " + options.ca_file, false);
    } else if (SSL_CTX_set_default_verify_paths(impl->ctx) != 1) {
      return tls_error(peer, "cannot load the system's CA certificates", false);
    }
  }
  impl->ssl = SSL_new(impl->ctx);
  if (impl->ssl == nullptr || SSL_set_fd(impl->ssl, impl->fd.get()) != 1)
    return tls_error(peer, "session", false);

  const std::string& name = options.server_name.empty() ? host : options.server_name;
  unsigned char ip[16];
  const bool is_ip =
      ::inet_pton(AF_INET, name.c_str(), ip) == 1 || ::inet_pton(AF_INET6, name.c_str(), ip) == 1;
  if (!is_ip) SSL_set_tlsext_host_name(impl->ssl, name.c_str());  // SNI never carries an IP
  if (!options.skip_certificate_verification) {
    X509_VERIFY_PARAM* param = SSL_get0_param(impl->ssl);
    const int ok = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str())
                         : X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
    if (ok != 1) return tls_error(peer, "cannot set the expected server name " + name, false);
  }

  for (;;) {
    const int rc = SSL_connect(impl->ssl);
    if (rc == 1) break;
    const int err = SSL_get_error(impl->ssl, rc);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      const int ready = wait_for(impl->fd.get(), err, deadline);
      if (ready == 0) return timeout_error(peer, "handshake", connect_timeout);
      if (ready < 0)
        return Error(ErrorCode::Network, peer + ": poll: " + std::strerror(errno), true);
      continue;
    }
    const long verify = SSL_get_verify_result(impl->ssl);
    if (verify != X509_V_OK) {
      ERR_clear_error();
      return Error(ErrorCode::Network,
                   peer + ": TLS handshake: certificate verify failed: " +
                       X509_verify_cert_error_string(verify),
                   false);
    }
    if (err == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)
      return Error(ErrorCode::Network,
                   peer + ": TLS handshake: connection closed" +
                       (errno != 0 ? std::string(": ") + std::strerror(errno) : ""),
                   true);
    return tls_error(peer, "handshake");
  }
  return std::unique_ptr<TlsTransport>(new TlsTransport(std::move(impl)));
}

Result<size_t> TlsTransport::read_some(char* buf, size_t size, std::chrono::milliseconds timeout) {
  const std::string& peer = impl_->peer;
  if (!impl_->fd.valid())
    return Error(ErrorCode::Network, peer + ": read on a closed connection", true);
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const int want = static_cast<int>(std::min<size_t>(size, INT32_MAX));
    const int n = SSL_read(impl_->ssl, buf, want);
    if (n > 0) return static_cast<size_t>(n);
    const int err = SSL_get_error(impl_->ssl, n);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      const int ready = wait_for(impl_->fd.get(), err, deadline);
      if (ready == 0) return timeout_error(peer, "read", timeout);
      if (ready < 0)
        return Error(ErrorCode::Network, peer + ": poll: " + std::strerror(errno), true);
      continue;
    }
    if (err == SSL_ERROR_ZERO_RETURN || (err == SSL_ERROR_SYSCALL && ERR_peek_error() == 0))
      return Error(ErrorCode::Network, peer + ": connection closed by the server", true);
    return tls_error(peer, "read");
  }
}

Status TlsTransport::write_all(std::string_view data, std::chrono::milliseconds timeout) {
  const std::string& peer = impl_->peer;
  if (!impl_->fd.valid())
    return Error(ErrorCode::Network, peer + ": write on a closed connection", true);
  while (!data.empty()) {
    const int want = static_cast<int>(std::min<size_t>(data.size(), 1 << 30));
    const int n = SSL_write(impl_->ssl, data.data(), want);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    const int err = SSL_get_error(impl_->ssl, n);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      // SSL_write must be retried with the same arguments: `data` is unchanged here.
      const int ready = wait_for(impl_->fd.get(), err, Clock::now() + timeout);
      if (ready == 0) return timeout_error(peer, "write", timeout);
      if (ready < 0)
        return Error(ErrorCode::Network, peer + ": poll: " + std::strerror(errno), true);
      continue;
    }
    if (err == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)
      return Error(ErrorCode::Network, peer + ": connection closed by the server", true);
    return tls_error(peer, "write");
  }
  return Status::success();
}

}  // namespace sluice::clickhouse
