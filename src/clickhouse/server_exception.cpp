#include "clickhouse/server_exception.h"

#include <string>

#include "clickhouse/error_codes.h"

namespace sluice::clickhouse {

namespace {

// Old servers (18.x) prefix the message with the name ("DB::Exception: ..."), modern ones do
// not. Either way the text we report starts with the name once. The stack trace is dropped:
// it is for the server's operators and makes our error lines unreadable.
std::string format_message(int code, const std::string& name, const std::string& message) {
  std::string first_line = message.substr(0, message.find('\n'));
  // Some versions append the trace after ", Stack trace" on the same line.
  auto trace = first_line.find(", Stack trace");
  if (trace != std::string::npos) first_line.resize(trace);
  std::string text = "Code: " + std::to_string(code) + ". ";
  if (first_line.rfind(name + ":", 0) != 0) text += name + ": ";
  return text + first_line;
}

}  // namespace

Status read_server_exception(WireReader& in, Error& out) {
  bool outermost = true;
  for (int depth = 0; depth < 64; ++depth) {
    auto code = in.read_fixed<int32_t>();
    if (!code.ok()) return code.error();
    std::string name, message, stack;
    SLUICE_RETURN_IF_ERROR(in.read_string(name));
    SLUICE_RETURN_IF_ERROR(in.read_string(message));
    SLUICE_RETURN_IF_ERROR(in.read_string(stack));
    auto nested = in.read_u8();
    if (!nested.ok()) return nested.error();
    if (outermost) {
      out = Error(ErrorCode::ServerError, format_message(code.value(), name, message),
                  is_retriable_server_code(code.value()), code.value());
      outermost = false;
    }
    if (nested.value() == 0) return Status::success();
  }
  return Error(ErrorCode::Protocol, "exception nested more than 64 deep");
}

}  // namespace sluice::clickhouse
