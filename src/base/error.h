#pragma once

#include <string>
#include <string_view>

namespace sluice {

// Stable error codes for infrastructure failures. Bad records never use these: they are
// dead-lettered with a RejectReason (see core/reject_reason.h). Bugs abort.
enum class ErrorCode {
  Ok = 0,
  InvalidArgument,  // caller passed something unusable (config, CLI)
  ConfigInvalid,    // pipeline file failed validation
  Io,               // local file or socket IO
  Network,          // connection refused/reset, DNS, TLS handshake
  Timeout,          // a bounded wait ran out
  Protocol,         // the peer spoke something we could not decode
  ServerError,      // the peer answered with an error (see server_code)
  Kafka,            // librdkafka reported an error
  Shutdown,         // the operation was abandoned because the process is stopping
  Internal,         // should not happen; reported instead of crashing where safe
};

std::string_view error_code_name(ErrorCode code);

// An infrastructure failure: what happened, and whether trying again can help.
class Error {
 public:
  Error() = default;
  Error(ErrorCode code, std::string message, bool retriable = false, int server_code = 0)
      : code_(code),
        retriable_(retriable),
        server_code_(server_code),
        message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  bool retriable() const { return retriable_; }
  // Code reported by a remote server (ClickHouse exception code, Kafka error code), 0 if none.
  int server_code() const { return server_code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed with `context: `.
  Error with_context(std::string_view context) const;
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::Ok;
  bool retriable_ = false;
  int server_code_ = 0;
  std::string message_;
};

}  // namespace sluice
