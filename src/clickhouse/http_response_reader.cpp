#include "clickhouse/http_response_reader.h"

#include <cctype>
#include <charconv>
#include <string_view>

#include "base/text.h"

namespace sluice::clickhouse {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

Error protocol_error(std::string message) {
  return Error(ErrorCode::Protocol, "HTTP: " + std::move(message));
}

bool is_closed(const Error& e) {
  return e.code() == ErrorCode::Network &&
         e.message().find("connection closed by the server") != std::string::npos;
}

// Reads an HTTP/1.1 response from a transport.
class ResponseReader {
 public:
  ResponseReader(Transport& t, std::chrono::milliseconds timeout) : t_(t), timeout_(timeout) {}

  Result<HttpResponse> read() {
    HttpResponse response;
    size_t header_end;
    while ((header_end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (buf_.size() > kMaxHeaderBytes) return protocol_error("response header too large");
      SLUICE_RETURN_IF_ERROR(fill());
    }
    std::string_view head(buf_.data(), header_end);
    size_t line_end = head.find("\r\n");
    std::string_view status_line = head.substr(0, line_end);
    if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12)
      return protocol_error("bad status line \"" + std::string(status_line) + "\"");
    std::from_chars(status_line.data() + 9, status_line.data() + 12, response.status);
    bool chunked = false;
    int64_t length = -1;
    while (line_end != std::string_view::npos) {
      head.remove_prefix(line_end + 2);
      line_end = head.find("\r\n");
      std::string_view line = head.substr(0, line_end);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = to_lower(trim(line.substr(0, colon)));
      std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-length") {
        length = 0;
        std::from_chars(value.data(), value.data() + value.size(), length);
      } else if (name == "transfer-encoding") {
        chunked = to_lower(value).find("chunked") != std::string::npos;
      } else if (name == "x-clickhouse-exception-code") {
        std::from_chars(value.data(), value.data() + value.size(), response.exception_code);
      }
    }
    pos_ = header_end + 4;
    if (chunked) {
      SLUICE_RETURN_IF_ERROR(read_chunked(response.body));
    } else if (length >= 0) {
      SLUICE_RETURN_IF_ERROR(need(static_cast<size_t>(length)));
      response.body.assign(buf_, pos_, static_cast<size_t>(length));
    } else {
      for (;;) {  // until the server closes the connection
        Status st = fill();
        if (!st.ok()) {
          if (is_closed(st.error())) break;
          return st.error();
        }
      }
      response.body.assign(buf_, pos_);
    }
    return response;
  }

 private:
  Status fill() {
    char chunk[16384];
    auto n = t_.read_some(chunk, sizeof(chunk), timeout_);
    if (!n.ok()) return n.error();
    buf_.append(chunk, n.value());
    return Status::success();
  }
  Status need(size_t n) {
    while (buf_.size() - pos_ < n) SLUICE_RETURN_IF_ERROR(fill());
    return Status::success();
  }
  Status read_chunked(std::string& body) {
    for (;;) {
      size_t eol;
      while ((eol = buf_.find("\r\n", pos_)) == std::string::npos) SLUICE_RETURN_IF_ERROR(fill());
      uint64_t size = 0;
      auto r = std::from_chars(buf_.data() + pos_, buf_.data() + eol, size, 16);
      if (r.ptr == buf_.data() + pos_) return protocol_error("bad chunk size");
      pos_ = eol + 2;
      if (size == 0) return Status::success();  // trailers are ignored
      SLUICE_RETURN_IF_ERROR(need(size + 2));
      body.append(buf_, pos_, size);
      pos_ += size + 2;
    }
  }

  Transport& t_;
  std::chrono::milliseconds timeout_;
  std::string buf_;
  size_t pos_ = 0;
};

}  // namespace

Result<HttpResponse> read_http_response(Transport& transport, std::chrono::milliseconds timeout) {
  ResponseReader reader(transport, timeout);
  return reader.read();
}

}  // namespace sluice::clickhouse
