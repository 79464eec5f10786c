#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "clickhouse/tcp_transport.h"
#include "clickhouse/transport.h"

namespace sluice::clickhouse {

struct TlsOptions {
  // Checked against the certificate (DNS name, or IP address for an IP literal) and sent as SNI
  // when it is a name. Empty: the host connected to.
  std::string server_name;
  // PEM file of trusted CA certificates; empty: the system's default roots.
  std::string ca_file;
  // Accept any certificate (no chain or name check). For tests and private networks only.
  bool skip_certificate_verification = false;
};

// TLS over TCP with OpenSSL (TLS 1.2 or later). The protocol bytes inside are unchanged, so the
// native protocol and HTTP run over it as over TcpTransport. The socket stays non-blocking and
// every wait goes through poll() with the caller's timeout. One thread at a time.
//
// Failures: connect/handshake I/O problems are Network (retriable); a certificate that does
// not verify, or an unreadable CA file, is Network but not retriable (it will not fix itself),
// and the message carries OpenSSL's reason ("certificate verify failed: self-signed
// certificate", "Hostname mismatch").
class TlsTransport final : public Transport {
 public:
  static Result<std::unique_ptr<TlsTransport>> connect(const std::string& host, uint16_t port,
                                                       const TlsOptions& options,
                                                       std::chrono::milliseconds connect_timeout);
  ~TlsTransport() override;
  TlsTransport(const TlsTransport&) = delete;
  TlsTransport& operator=(const TlsTransport&) = delete;

  Result<size_t> read_some(char* buf, size_t size, std::chrono::milliseconds timeout) override;
  Status write_all(std::string_view data, std::chrono::milliseconds timeout) override;
  void close() override;

  // The negotiated protocol version, e.g. "TLSv1.3" (for logs and tests).
  std::string protocol_version() const;

 private:
  struct Impl;
  explicit TlsTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::clickhouse
