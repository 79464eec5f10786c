#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace sluice::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                                          // de-chunked
};

// One blocking HTTP/1.1 request over a fresh TCP connection ("Connection: close"), for test
// harnesses only: no TLS, no redirects, no keep-alive. Handles Content-Length, chunked and
// read-to-EOF bodies. Network/Timeout errors are retriable (the server may be starting).
Result<HttpResponse> http_request(const std::string& host, uint16_t port, const std::string& method,
                                  const std::string& target, const std::string& body,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Percent-encodes a string for a URL query parameter value.
std::string url_encode(const std::string& value);

}  // namespace sluice::testing
