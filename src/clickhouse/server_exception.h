#pragma once

#include "base/result.h"
#include "clickhouse/wire_reader.h"

namespace sluice::clickhouse {

// Reads the body of an Exception packet (after its type): Int32 code, String name, String
// message, String stack trace, UInt8 has_nested, recursively. On success `out` becomes
//   Error{ServerError, "Code: N. DB::Exception: <first line of the message>", retriable, N}
// for the outermost exception, with retriable from is_retriable_server_code(N). A failure to
// read is returned as the Status (the connection is then broken).
Status read_server_exception(WireReader& in, Error& out);

}  // namespace sluice::clickhouse
