#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sluice::testing {

namespace {

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Error net_error(const std::string& what, int err) {
  const bool timeout = err == EAGAIN || err == EWOULDBLOCK;
  return Error(timeout ? ErrorCode::Timeout : ErrorCode::Network, what + ": " + std::strerror(err),
               /*retriable=*/true);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Decodes a chunked body (RFC 9112 7.1); trailers are ignored.
Result<std::string> dechunk(const std::string& raw) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t eol = raw.find("\r\n", pos);
    if (eol == std::string::npos) return Error(ErrorCode::Protocol, "truncated chunked body");
    size_t size = 0;
    try {
      size = std::stoul(raw.substr(pos, eol - pos), nullptr, 16);
    } catch (const std::exception&) {
      return Error(ErrorCode::Protocol, "bad chunk size line: " + raw.substr(pos, eol - pos));
    }
    pos = eol + 2;
    if (size == 0) return out;
    if (pos + size > raw.size()) return Error(ErrorCode::Protocol, "truncated chunk");
    out.append(raw, pos, size);
    pos += size + 2;  // chunk data is followed by CRLF
  }
}

}  // namespace

std::string url_encode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<HttpResponse> http_request(const std::string& host, uint16_t port, const std::string& method,
                                  const std::string& target, const std::string& body,
                                  std::chrono::milliseconds timeout) {
  Socket sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (sock.get() < 0) return net_error("socket", errno);
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(sock.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(sock.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(sock.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    return Error(ErrorCode::InvalidArgument, "http: host must be an IPv4 address: " + host);
  }
  const std::string where = host + ":" + std::to_string(port);
  if (::connect(sock.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return net_error("connect " + where, errno);
  }

  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + where +
                        "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n";
  request += body;
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(sock.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return net_error("send to " + where, errno);
    }
    sent += static_cast<size_t>(n);
  }

  std::string raw;
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(sock.get(), buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return net_error("recv from " + where, errno);
    }
    if (n == 0) break;
    raw.append(buf, static_cast<size_t>(n));
  }

  size_t header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos || raw.compare(0, 5, "HTTP/") != 0) {
    return Error(
        ErrorCode::Protocol,
        "http " + where + ": malformed response (" + std::to_string(raw.size()) + " bytes)", true);
  }
  HttpResponse response;
  size_t line_end = raw.find("\r\n");
  size_t sp = raw.find(' ');
  if (sp == std::string::npos || sp > line_end)
    return Error(ErrorCode::Protocol, "bad status line");
  response.status = std::atoi(raw.c_str() + sp + 1);
  size_t pos = line_end + 2;
  bool chunked = false;
  while (pos < header_end) {
    size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    pos = eol + 2;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    if (name == "transfer-encoding" && lower(value).find("chunked") != std::string::npos) {
      chunked = true;
    }
    response.headers.emplace_back(std::move(name), std::move(value));
  }
  std::string payload = raw.substr(header_end + 4);
  if (chunked) {
    auto decoded = dechunk(payload);
    if (!decoded.ok()) return decoded.error().with_context("http " + where);
    response.body = std::move(decoded).value();
  } else {
    response.body = std::move(payload);
  }
  return response;
}

}  // namespace sluice::testing
