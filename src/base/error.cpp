#include "base/error.h"

namespace sluice {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::Ok:
      return "ok";
    case ErrorCode::InvalidArgument:
      return "invalid_argument";
    case ErrorCode::ConfigInvalid:
      return "config_invalid";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Network:
      return "network";
    case ErrorCode::Timeout:
      return "timeout";
    case ErrorCode::Protocol:
      return "protocol";
    case ErrorCode::ServerError:
      return "server_error";
    case ErrorCode::Kafka:
      return "kafka";
    case ErrorCode::Shutdown:
      return "shutdown";
    case ErrorCode::Internal:
      return "internal";
  }
  return "unknown";
}

Error Error::with_context(std::string_view context) const {
  Error copy = *this;
  copy.message_ = std::string(context) + ": " + message_;
  return copy;
}

std::string Error::to_string() const {
  std::string out(error_code_name(code_));
  if (server_code_ != 0) out += " " + std::to_string(server_code_);
  out += ": " + message_;
  if (retriable_) out += " (retriable)";
  return out;
}

}  // namespace sluice
