#pragma once

#include <chrono>
#include <string>

#include "base/result.h"
#include "clickhouse/transport.h"

namespace sluice::clickhouse {

struct HttpResponse {
  int status = 0;
  int exception_code = 0;  // X-ClickHouse-Exception-Code, 0 if absent
  std::string body;
};

// Reads one HTTP/1.1 response from `transport`: status line, headers, then the body by
// Content-Length, chunked transfer encoding, or (neither) until the server closes. Trailers are
// ignored. Failures: the transport's, or Protocol for a malformed response.
Result<HttpResponse> read_http_response(Transport& transport, std::chrono::milliseconds timeout);

}  // namespace sluice::clickhouse
